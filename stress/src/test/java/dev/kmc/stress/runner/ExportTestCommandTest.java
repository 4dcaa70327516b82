package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kmc export-test: the file it writes compiles against the test class path, and its two tests
 * pass (the pre-fix port still fails the pinned scenario as recorded, the fixed port passes it).
 * Each export model-checks the scenario on both ports, so these tests take some seconds.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExportTestCommandTest {

    @TempDir
    static Path tmp;

    static Path trace;

    @BeforeAll
    static void generateARealTrace() {
        trace = Traces.generate(tmp.resolve("run"));
    }

    /** Compiles the exported test with javac and runs each of its test methods; a failing one throws its AssertionError. */
    private static void compileAndRun(Path source, String className, String... methods) throws Throwable {
        Path classes = Files.createDirectories(tmp.resolve("classes-" + className));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, null, diagnostics, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                source.toString());
        assertEquals(0, rc, diagnostics::toString);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ExportTestCommandTest.class.getClassLoader())) {
            Class<?> c = loader.loadClass(ExportTestCommand.PACKAGE + "." + className);
            var constructor = c.getDeclaredConstructor();
            constructor.setAccessible(true);
            for (String name : methods) {
                Method m = c.getDeclaredMethod(name);
                m.setAccessible(true);
                try {
                    m.invoke(constructor.newInstance());
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
    }

    @Test
    void exportsALincheckScenarioTestThatFailsBeforeTheFixAndPassesAfterIt() throws Throwable {
        Path out = tmp.resolve("lincheck");
        Traces.Result r = Traces.kmc("export-test", trace.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        Path file = out.resolve("RingBufferPinnedMcRegressionTest.java");
        assertTrue(r.out().contains("(the first of its 2 failures; --check picks one of: pinned-mc, concurrent-mc)"), r.out());
        assertTrue(r.out().contains("  PreFix: IncorrectResultsFailure, as recorded"), r.out());
        assertTrue(r.out().contains("  Fixed:  passed"), r.out());
        assertTrue(r.out().contains("wrote " + file + " (a Lincheck custom scenario)"), r.out());
        String source = Files.readString(file);
        assertTrue(source.contains("static final String SCENARIO = \"init: write(1) write(4) consume() write(1) consume() consume()"
                + " reserveDiscard(4)\"\n            + \" | thread: peek() isEmpty()\"\n            + \" | post: -\";"), source);
        assertTrue(source.contains("+ \" | thread: peek(): null, isEmpty(): false\""), source);
        compileAndRun(file, "RingBufferPinnedMcRegressionTest", "preFixStillFailsAsRecorded", "fixedPasses");
    }

    /** Every registered suite has a pinned pre-fix check, so this covers them all (before, only the ring buffer exported). */
    @Test
    void everySuiteHasAPinnedCheck() {
        assertEquals(Suites.ALL.stream().map(Suite::name).toList(),
                PinnedSuites.ALL.stream().map(c -> Suites.byClass(c.getName()).name()).toList());
        for (Suite s : Suites.ALL) {
            Suite pinned = PinnedSuites.ALL.stream().map(c -> Suites.byClass(c.getName())).filter(p -> p.name().equals(s.name()))
                    .findFirst().orElseThrow();
            assertEquals(1, pinned.modelChecks(s.variants().get(0)).size(), s.name() + " has no pinned-mc check");
            for (Suite.Variant v : s.variants()) {
                for (Suite.ModelCheckRun c : s.modelChecks(v)) {
                    // export-test finds the specification through the annotation; a missing one refused the export
                    assertEquals(true, c.testClass().isAnnotationPresent(dev.kmc.checks.lincheck.SequentialSpec.class),
                            s.name() + " " + c.id() + ": " + c.testClass().getName() + " names no @SequentialSpec");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RingBuffer", "Rcu", "ConsoleKit", "TaskList", "Systemd"})
    void exportsEverySuitesPreFixTraceAsATestThatFailsBeforeTheFixAndPassesAfterIt(String suite) throws Throwable {
        String cls = PinnedSuites.class.getName() + "$" + suite;
        Path run = tmp.resolve("every-" + suite);
        ModelWorker.main(new String[] {cls, "pre-fix", "quick", run.toString()});
        String name = Suites.byClass(cls).name();
        Path preFixTrace = run.resolve(name + "/pre-fix-model.txt");
        Path out = tmp.resolve("every-" + suite + "-test");
        Traces.Result r = Traces.kmc("export-test", preFixTrace.toString(), "--check", "pinned-mc", "--out", out.toString(),
                "--name", suite + "EveryTest");
        assertEquals(0, r.code(), r.err() + r.out());
        String source = Files.readString(out.resolve(suite + "EveryTest.java"));
        boolean lincheck = source.contains("void preFixStillFailsAsRecorded()");
        boolean both = source.contains("void fixedAlsoFailsTheSameWay()");
        compileAndRun(out.resolve(suite + "EveryTest.java"), suite + "EveryTest", lincheck
                ? new String[] {"preFixStillFailsAsRecorded", both ? "fixedAlsoFailsTheSameWay" : "fixedPasses"}
                : new String[] {"preFixStillReturnsTheRecordedResultsWhichTheSpecificationDoesNot", "fixedAnswersAsTheSpecification"});
    }

    @Test
    void whenModelCheckingFindsAnotherFailureFirstTheRecordedOrderIsPinnedAsADirectSequence() throws Throwable {
        // A stress-mode observation: the reader's isEmpty() ran before the writer's reserve+discard, peek and
        // readPipe after it. The model checker finds the other order first (isEmpty(): false), so it cannot pin this one.
        List<String> rows = new ArrayList<>();
        String divider = "| " + "-".repeat(59) + " |";
        rows.add(divider);
        rows.add(String.format("| %-30s | %-26s |", "Thread 1", "Thread 2"));
        rows.add(divider);
        for (String s : List.of("write(1): true", "write(4): true", "consume(): e1", "write(1): true", "consume(): e2", "consume(): e3")) {
            rows.add(String.format("| %-30s | %-26s |", s, ""));
        }
        rows.add(divider);
        rows.add(String.format("| %-30s | %-26s |", "reserveDiscard(4): true [0,1]", "isEmpty(): true"));
        rows.add(String.format("| %-30s | %-26s |", "", "peek(): null [1,1]"));
        rows.add(String.format("| %-30s | %-26s |", "", "readPipe(): DEADLOOP [1,2]"));
        rows.add(divider);
        String text = Files.readString(Traces.resource("traces/stress-mode-model.txt"));
        String table = text.substring(text.indexOf("= Invalid execution results =\n") + 30, text.indexOf("\n\n---\nAll operations"));
        Path observed = Files.writeString(tmp.resolve("observed-model.txt"), text.replace(table, String.join("\n", rows)));

        Path out = tmp.resolve("sequence");
        Traces.Result r = Traces.kmc("export-test", observed.toString(), "--out", out.toString(), "--name", "ObservedOrderTest");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("  PreFix: IncorrectResultsFailure, NOT as recorded"), r.out());
        assertTrue(r.out().contains("(a direct sequence)"), r.out());
        String source = Files.readString(out.resolve("ObservedOrderTest.java"));
        assertTrue(source.contains("\"isEmpty(): true\",\n            \"reserveDiscard(4): true\",\n            \"peek(): null\",\n"
                + "            \"readPipe(): DEADLOOP\")"), source);
        compileAndRun(out.resolve("ObservedOrderTest.java"), "ObservedOrderTest",
                "preFixStillReturnsTheRecordedResultsWhichTheSpecificationDoesNot", "fixedAnswersAsTheSpecification");
    }

    @Test
    void aFailureThatTheFixedPortSharesIsExportedAsAFindingOnBothVariants() throws Exception {
        Path out = tmp.resolve("shared");
        Traces.Result r = Traces.kmc("export-test", Traces.resource("traces/move-tail-race-model.txt").toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("the fixed port fails this scenario too (IncorrectResultsFailure): exported as a finding on"
                + " both variants"), r.out());
        String source = Files.readString(out.resolve("RingBufferRandomConcurrentMcRegressionTest.java"));
        assertTrue(source.contains("void fixedAlsoFailsTheSameWay()"), source);
        assertFalse(source.contains("void fixedPasses()"), source);
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("existing"));
        Path file = Files.writeString(out.resolve("RingBufferPinnedMcRegressionTest.java"), "// mine\n");
        Traces.Result r = Traces.kmc("export-test", trace.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals("kmc: " + file + " already exists; kmc never overwrites a file: choose another --name\n", r.err());
        assertEquals("// mine\n", Files.readString(file));
    }

    @Test
    void badInputGetsOneLineAndExitTwo() throws Exception {
        Path fixed = Files.writeString(tmp.resolve("fixed-model.txt"), Files.readString(trace).replace("$PreFix", "$Fixed"));
        Path notKmc = Files.writeString(tmp.resolve("other.txt"), "");
        String[][] cases = {
            {fixed + " --out " + tmp, "check pinned-mc failed on dev.kmc.checks.ringbuffer.RingBufferLincheck$Fixed, not on a nested"
                    + " PreFix class: export-test needs the pre-fix and fixed ports as nested classes PreFix and Fixed of one class,"
                    + " and takes failures of the pre-fix port"},
            {notKmc + " --out " + tmp, notKmc + " is not a kmc failure trace: it is empty, expected 'kmc failure trace'"
                    + " (kmc run writes them as <out>/<suite>/<variant>-model.txt)"},
            {trace + " --name lowercase", "--name takes a Java class name ending in Test (surefire runs *Test classes), got 'lowercase'"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("export-test"));
            args.addAll(List.of(c[0].split(" ")));
            Traces.Result r = Traces.kmc(args.toArray(new String[0]));
            assertEquals(2, r.code(), c[0] + r.out());
            assertEquals("kmc: " + c[1] + "\n", r.err());
        }
    }

    // ---- explore traces ---------------------------------------------------------------------------

    @Test
    void exportsAnExploreCounterexampleAsATestPinningTheInterleaving() throws Throwable {
        Path explore = Traces.explore(tmp.resolve("explore-mc"), "pre-fix", "--exploration", "concurrent-mc");
        Path out = tmp.resolve("explore-export");
        Traces.Result r = Traces.kmc("export-test", explore.toString(), "--counterexample", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("  pre-fix: shows dead loop, as recorded\n  fixed: does not show dead loop (no violation)\n"), r.out());
        Path file = out.resolve("RingBufferConcurrentMcDeadLoopRegressionTest.java");
        String source = Files.readString(file);
        assertTrue(source.contains("InterleavingExplorer.replay(ExploreSuites.machine(SUITE, EXPLORATION, variant), UNIVERSE, INTERLEAVING, KIND)"),
                source);
        compileAndRun(file, "RingBufferConcurrentMcDeadLoopRegressionTest", "preFixStillShowsTheRecordedViolation",
                "fixedTakesTheInterleavingWithoutIt");
        // never overwritten
        Traces.Result again = Traces.kmc("export-test", explore.toString(), "--counterexample", "2", "--out", out.toString());
        assertEquals(2, again.code());
        assertEquals("kmc: " + file + " already exists; kmc never overwrites a file: choose another --name\n", again.err());
    }

    @Test
    void exportsAnExploreCounterexampleOfASuiteWhoseOperationsTakeSeveralArguments() throws Throwable {
        // walkFrom(2, 3): a blank inside an operation, which the universe spec and the interleaving tokens must keep whole
        Path explore = Traces.exploreSuite(tmp.resolve("explore-tasklist"), "tasklist", "pre-fix", "--exploration", "thread-walk-vs-exit");
        Path out = tmp.resolve("explore-tasklist-export");
        Traces.Result r = Traces.kmc("export-test", explore.toString(), "--out", out.toString(), "--name", "TaskListLoopTest");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("  pre-fix: shows LOOPED walk, as recorded\n"), r.out());
        compileAndRun(out.resolve("TaskListLoopTest.java"), "TaskListLoopTest", "preFixStillShowsTheRecordedViolation",
                "fixedCannotTakeTheInterleavingAndItsUniverseHasNoSuchViolation");
    }

    @Test
    void aFindingOnBothVariantsIsExportedAsBothShowingIt() throws Throwable {
        // the move-tail race (real v5.13 behaviour the fix does not cover) as a stated universe, on the fixed variant
        Path explore = Traces.explore(tmp.resolve("explore-move-tail"), "fixed", "--scenario",
                "name=move-tail; init=write(2) write(4); cpu0=reserveDiscard(2); cpu1=readPipe() consume() readPipe()");
        assertTrue(Files.readString(explore).contains("--- counterexample 3: dead loop ---"));
        Path out = tmp.resolve("explore-both");
        Traces.Result r = Traces.kmc("export-test", explore.toString(), "--counterexample", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("  pre-fix: shows dead loop too\n"), r.out());
        compileAndRun(out.resolve("RingBufferMoveTailDeadLoopRegressionTest.java"), "RingBufferMoveTailDeadLoopRegressionTest",
                "preFixStillShowsIt", "fixedStillShowsIt");
    }

    @Test
    void anExploreCounterexampleTheTestWouldNotPassIsRefusedInOneLine() throws Exception {
        Path explore = Traces.explore(tmp.resolve("explore-refuse"), "pre-fix", "--exploration", "concurrent-mc");
        String text = Files.readString(explore);
        int at = text.indexOf("--- counterexample 2: dead loop ---");
        Path other = Files.writeString(tmp.resolve("refuse-explore.txt"),
                text.substring(0, at) + text.substring(at).replaceFirst("\nvariant: pre-fix\n", "\nvariant: fixed\n"));
        Path out = tmp.resolve("explore-refused");
        Traces.Result r = Traces.kmc("export-test", other.toString(), "--counterexample", "2", "--out", out.toString());
        assertEquals(2, r.code(), r.out());
        assertEquals("kmc: not exported: the fixed port no longer shows the recorded dead loop on this interleaving (the replay meets"
                + " none), so the test would not pass\n", r.err());
        assertFalse(Files.exists(out));
        r = Traces.kmc("export-test", explore.toString(), "--counterexample", "7", "--out", out.toString());
        assertEquals(2, r.code(), r.out());
        assertEquals("kmc: no counterexample 7 in " + explore + "; it has counterexamples 1 to 3\n", r.err());
    }
}
