package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kmc replay on a trace the model worker writes in this JVM, on saved sections of a real run, and on bad files. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReplayCommandTest {

    @TempDir
    static Path tmp;

    static Path trace;

    @BeforeAll
    static void generateARealTrace() {
        trace = Traces.generate(tmp.resolve("run"));
    }

    @Test
    void replaysTheRingBufferFailureWithTheRecordedResultsAndTheStateAfterEachStep() throws Exception {
        Traces.Result r = Traces.kmc("replay", trace.toString(), "--check", "pinned-mc");
        assertEquals(0, r.code(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("order:    the parallel part has one thread: its operations in program order"), out);
        assertTrue(out.contains("step 7/9  [init] reserveDiscard(4): true   (as recorded)"), out);
        assertTrue(out.contains("step 8/9  [thread 1] peek(): null   (as recorded)"), out);
        assertTrue(out.contains("step 9/9  [thread 1] isEmpty(): false   (as recorded)"), out);
        assertTrue(out.contains("P0 (HEAD TAIL COMMIT)   write 0 commit 0 read 4 STALE"), out);
        assertTrue(out.contains("rb_per_cpu_empty: v5.13 says NOT EMPTY, fixed says EMPTY   <- commit == head and head->read 4 is stale"), out);
        assertTrue(out.contains("replayed 9 of the 9 operations of pinned-mc; every result as Lincheck recorded it."), out);
    }

    @Test
    void aReplayThatComparedNothingSaysSoAndExitsOne() throws Exception {
        // cut inside the first failure's report, before Lincheck's results table: nothing recorded to compare with
        String text = Files.readString(trace);
        Path cut = Files.writeString(tmp.resolve("truncated-model.txt"), text.substring(0, text.indexOf("= Invalid execution results =")));
        Traces.Result r = Traces.kmc("replay", cut.toString(), "--check", "pinned-mc");
        assertEquals(1, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("; NOTHING COMPARED: the trace records no result for any of them"), r.out());
        assertFalse(r.out().contains("as Lincheck recorded it"), r.out());
    }

    @Test
    void followsLincheckInterleavingOperationByOperation() throws Exception {
        Traces.Result r = Traces.kmc("replay", trace.toString(), "--check", "concurrent-mc");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("order:    Lincheck's interleaving trace, operation by operation"), r.out());
        int a = r.out().indexOf("step 7/10  [thread 1] reserveDiscard(4): true   (as recorded)");
        int b = r.out().indexOf("step 8/10  [thread 2] isEmpty(): false   (as recorded)");
        int c = r.out().indexOf("step 10/10  [thread 2] readPipe(): DEADLOOP   (as recorded)");
        assertTrue(0 < a && a < b && b < c, r.out());
    }

    @Test
    void stepWaitsForEnterAndStopsOnQ() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ReplayCommand.run(List.of(trace.toString(), "--step"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream("\n\nq\n".getBytes(StandardCharsets.UTF_8)));
        String s = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, s);
        assertEquals(3, s.split("-- Enter: next step, q: quit --", -1).length - 1, s);
        assertTrue(s.contains("step 3/9  [init] consume(): e1") && s.contains("(stopped at step 3)"), s);
        assertFalse(s.contains("step 4/9"), s);
    }

    @Test
    void aSwitchInsideAnOperationIsReplayedOnTheExplorerWithTheRecordedResults() throws Exception {
        Traces.Result r = Traces.kmc("replay", Traces.resource("traces/move-tail-race-model.txt").toString());
        assertEquals(0, r.code(), r.out());
        String out = r.out();
        assertTrue(out.contains("order:    Lincheck's interleaving switches threads INSIDE thread 1's reserveDiscard(2):"
                + " thread 2's readPipe(), thread 2's consume() run in the middle of it."), out);
        assertTrue(out.contains("replay:   RE-FOUND, NOT TRANSLATED."), out);
        assertTrue(out.contains("pinned:   pinned: init write(2) write(4); cpu0: reserveDiscard(2); cpu1: readPipe() consume() readPipe();"), out);
        assertTrue(out.contains("(thread 1 -> cpu0 (writer), thread 2 -> cpu1 (reader), post -> cpu1 (reader), after every other CPU is done)"), out);
        // atomic steps with the kernel function, primitive, cell and value, and the structure after them
        assertTrue(out.contains("step 1/228  cpu0 (writer)    starts reserveDiscard(2)   [cpu0+reserveDiscard(2)]"), out);
        assertTrue(out.contains("atomic_read(cpu_buffer->record_disabled) = 0"), out);
        assertTrue(out.contains("=> readPipe() completes: DEADLOOP"), out);
        assertTrue(out.contains("results on this interleaving: reserveDiscard(2): true | readPipe(): e1, consume(): e2, readPipe(): DEADLOOP"
                + " -- every result as Lincheck recorded it."), out);
        assertFalse(out.contains("REPLAY STOPS"), out);
    }

    // ---- explore traces ---------------------------------------------------------------------------

    static Path explore;

    static synchronized Path exploreTrace() throws Exception {
        if (explore == null) explore = Traces.explore(tmp.resolve("explore"), "pre-fix", "--exploration", "concurrent-mc");
        return explore;
    }

    @Test
    void replaysAnExploreCounterexampleAtomicStepByAtomicStepToTheRecordedViolation() throws Exception {
        Traces.Result r = Traces.kmc("replay", exploreTrace().toString(), "--counterexample", "2");
        assertEquals(0, r.code(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("explore trace: suite ringbuffer, variant pre-fix, exploration concurrent-mc"), out);
        assertTrue(out.contains("counterexample 2 of 3: dead loop"), out);
        assertTrue(out.contains("step 1/123  cpu0 (writer)    starts reserveDiscard(4)   [cpu0+reserveDiscard(4)]"), out);
        assertTrue(out.contains("ringBufferLockReserve:"), out);
        assertTrue(out.contains("step 30/123  cpu1 (reader)    starts isEmpty()"), out);
        assertTrue(out.contains("P0 (HEAD TAIL COMMIT)   write 0 commit 0 read 4 STALE"), out);
        assertTrue(out.contains("REACHES the recorded violation at step 123 of 123: dead loop, as recorded."), out);
        Traces.Result first = Traces.kmc("replay", exploreTrace().toString());
        assertEquals(0, first.code(), first.out());
        assertTrue(first.out().contains("counterexample 1 of 3: not empty, nothing to read (the first; --counterexample N picks another)"),
                first.out());
    }

    @Test
    void replaysAnRcuCounterexampleAtomicStepByAtomicStepInTheKernelsVocabulary() throws Exception {
        Path trace = Traces.exploreSuite(tmp.resolve("explore-rcu"), "rcu", "pre-fix", "--exploration", "incident-link");
        Traces.Result r = Traces.kmc("replay", trace.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        String out = r.out();
        assertTrue(out.contains("explore trace: suite rcu, variant pre-fix, exploration incident-link"), out);
        assertTrue(out.contains("counterexample 1 of 4: disjointness"), out);
        assertTrue(out.contains("interleaving: 18 atomic steps, replayed through kmc's explorer on a fresh port"), out);
        assertTrue(out.contains("step 1/18  cpu0             starts callRcu(link)   [cpu0+callRcu(link)]"), out);
        assertTrue(out.contains("step 10/18  cpu1             starts callRcu(link)   [cpu1+callRcu(link)]"), out);
        // every atomic step names the port function and line, the primitive, the cell and the value, pointers by name
        assertTrue(out.contains("rcuSegcblistEnqueue:71     load(cpu1.tails[NEXT]) = &cpu1.head"), out);
        assertTrue(out.contains("callRcu:170                store(link.func, link_rehash_rcu)"), out);
        assertTrue(out.contains("rcuSegcblistEnqueue:72     store(cpu1.tails[NEXT], &link.next)"), out);
        // the callback lists after the step: the one rcu_head on both CPUs' lists
        assertTrue(out.contains("cpu1: head -> link* -> NULL   len 1  seglen 0/0/0/1"), out);
        assertTrue(out.contains("* reachable from cpu0 and cpu1: link"), out);
        assertTrue(out.contains("REACHES the recorded violation at step 18 of 18: disjointness, as recorded."), out);
    }

    @Test
    void aReplayWithOutWritesAReportThatStepsThroughTheReplayedInterleaving() throws Exception {
        java.nio.file.Path dir = tmp.resolve("replay-report");
        Traces.Result r = Traces.kmc("replay", exploreTrace().toString(), "--counterexample", "2", "--out", dir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("report (open from disk): "), r.out());
        String html = java.nio.file.Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("dead loop"), "the replayed counterexample is in the report");
        assertTrue(html.contains("rbPerCpuEmpty"), "its steps name the kernel functions");
        Traces.Result model = Traces.kmc("replay", trace.toString(), "--out", tmp.resolve("model-report").toString());
        assertEquals(2, model.code(), model.out());
        assertTrue(model.err().startsWith("kmc: --out writes the report of an explore trace's replay;"), model.err());
    }

    @Test
    void exploreReplayStepWaitsForEnterAndStopsOnQ() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ReplayCommand.run(List.of(exploreTrace().toString(), "--counterexample", "2", "--step"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new ByteArrayInputStream("\n\nq\n".getBytes(StandardCharsets.UTF_8)));
        String s = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, s);
        assertEquals(3, s.split("-- Enter: next step, q: quit --", -1).length - 1, s);
        assertTrue(s.contains("step 3/123") && s.contains("(stopped at step 3)"), s);
        assertFalse(s.contains("step 4/123"), s);
    }

    @Test
    void aReplayThatDoesNotReachTheRecordedViolationSaysSoAndExitsOne() throws Exception {
        String text = Files.readString(exploreTrace());
        int at = text.indexOf("--- counterexample 2: dead loop ---");
        // the same interleaving on the fixed port: it takes every step, without the dead loop
        Path other = Files.writeString(tmp.resolve("other-variant-explore.txt"),
                text.substring(0, at) + text.substring(at).replaceFirst("\nvariant: pre-fix\n", "\nvariant: fixed\n"));
        Traces.Result r = Traces.kmc("replay", other.toString(), "--counterexample", "2");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("DOES NOT REACH the recorded violation (dead loop): no violation on this interleaving."), r.out());
        // a step the port cannot take there: cpu1 starts peek() before its isEmpty()
        Path diverging = Files.writeString(tmp.resolve("diverging-explore.txt"),
                text.substring(0, at) + text.substring(at).replaceFirst("cpu1\\+isEmpty\\(\\)", "cpu1+peek()"));
        r = Traces.kmc("replay", diverging.toString(), "--counterexample", "2");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("DIVERGES: step 30 (cpu1+peek()) cannot be taken there"), r.out());
        assertTrue(r.out().contains("step 29/123"), r.out());
        assertFalse(r.out().contains("step 30/123"), r.out());
    }

    @Test
    void aBadExploreTraceOrCounterexampleNumberGetsOneLineAndExitTwo() throws Exception {
        Path trace = exploreTrace();
        Path broken = Files.writeString(tmp.resolve("broken-explore.txt"), Files.readString(trace).replaceAll("\ninterleaving: [^\n]*", ""));
        String[][] cases = {
            {trace + " --counterexample 4", "no counterexample 4 in " + trace + "; it has counterexamples 1 to 3"},
            {trace + " --counterexample 0", "no counterexample 0 in " + trace + "; it has counterexamples 1 to 3"},
            {trace + " --check pinned-mc", "--check picks a failure of a model-engine trace; " + trace
                    + " is an explore trace: pick a counterexample with --counterexample N"},
            {broken.toString(), broken + ": counterexample 'not empty, nothing to read' (line 9) lacks one of suite:, variant:,"
                    + " universe:, interleaving:"},
        };
        for (String[] c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("replay"));
            args.addAll(List.of(c[0].split(" ")));
            Traces.Result r = Traces.kmc(args.toArray(new String[0]));
            assertEquals(2, r.code(), c[0] + r.out());
            assertEquals("kmc: " + c[1] + "\n", r.err());
        }
    }

    @Test
    void aStressModeFailureFollowsTheHappensBeforeClocks() throws Exception {
        Traces.Result r = Traces.kmc("replay", Traces.resource("traces/stress-mode-model.txt").toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("order:    the happens-before clocks of Lincheck's results table"), r.out());
        assertTrue(r.out().indexOf("step 7/10  [thread 1] reserveDiscard(4)") < r.out().indexOf("step 8/10  [thread 2] isEmpty(): false"), r.out());
    }

    @Test
    void withoutClocksTheOverlappingOperationsAreNotOrdered() throws Exception {
        Path noClocks = tmp.resolve("no-clocks-model.txt");
        Files.writeString(noClocks, Files.readString(Traces.resource("traces/stress-mode-model.txt")).replaceAll(" \\[\\d+,\\d+]", ""));
        Traces.Result r = Traces.kmc("replay", noClocks.toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("REPLAY STOPS: Lincheck recorded no order between thread 1's reserveDiscard(4) and thread 2's isEmpty()"), r.out());
        assertTrue(r.out().contains("replayed 6 of the 10 operations of stress"), r.out());
    }

    @Test
    void aResultThatDiffersFromTheRecordingExitsOne() throws Exception {
        Path edited = tmp.resolve("edited-model.txt");
        Files.writeString(edited, Files.readString(trace).replace("| isEmpty(): false        |", "| isEmpty(): true         |"));
        Traces.Result r = Traces.kmc("replay", edited.toString(), "--check", "pinned-mc");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("step 9/9  [thread 1] isEmpty(): false   <- DIFFERS: Lincheck recorded true"), r.out());
    }

    @Test
    void filesThatAreNotReplayableGetOneLineAndExitTwo() throws Exception {
        Path notKmc = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        Path stress = Files.writeString(tmp.resolve("pre-fix-stress.txt"), "kmc failure trace\nsuite:    ringbuffer\n"
                + "variant:  pre-fix (Linux v5.13)\nengine:   stress (JCStress 0.16, -m quick)\n");
        String[][] cases = {
            {notKmc.toString(), notKmc + " is not a kmc failure trace: its first line is 'hello', expected 'kmc failure trace'"
                    + " (kmc run writes them as <out>/<suite>/<variant>-model.txt)"},
            {stress.toString(), stress + " is a JCStress trace (engine: stress (JCStress 0.16, -m quick)): it holds outcome counts,"
                    + " not a scenario, so there is nothing to re-execute; use the model-engine trace <variant>-model.txt"},
            {tmp.resolve("none.txt").toString(), "cannot read " + tmp.resolve("none.txt") + ": no such file"},
        };
        for (String[] c : cases) {
            Traces.Result r = Traces.kmc("replay", c[0]);
            assertEquals(2, r.code(), c[0]);
            assertEquals("kmc: " + c[1] + "\n", r.err());
        }
        Traces.Result r = Traces.kmc("replay", trace.toString(), "--check", "nope");
        assertEquals(2, r.code());
        assertEquals("kmc: no failure of check 'nope' in " + trace + "; its checks: pinned-mc, concurrent-mc\n", r.err());
    }
}
