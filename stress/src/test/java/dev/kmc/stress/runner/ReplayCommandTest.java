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
    void aSwitchInsideAnOperationStopsTheReplayAndSaysWhere() throws Exception {
        Traces.Result r = Traces.kmc("replay", Traces.resource("traces/move-tail-race-model.txt").toString());
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("step 2/2  [init] write(4): true   (as recorded)"), r.out());
        assertTrue(r.out().contains("REPLAY STOPS: Lincheck's interleaving switches threads INSIDE thread 1's reserveDiscard(2):"
                + " thread 2's readPipe(), thread 2's consume() run in the middle of it, after these of its steps:"), r.out());
        assertTrue(r.out().contains("rbIsReaderPage(BufferPage#2): true"), r.out());
        assertTrue(r.out().contains("replayed 2 of the 6 operations of random-concurrent-mc"), r.out());
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
