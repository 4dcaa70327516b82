package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runner's exit codes, summary and traces, on a tiny suite (each run forks Lincheck JVMs: seconds). */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RunnerTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private int run(Suite suite, String canary, String... args) throws Exception {
        RunOptions o = RunOptions.parse(List.of(args), List.of(suite));
        Runner r = new Runner(o, new PrintStream(console, true, StandardCharsets.UTF_8), canary);
        return r.run();
    }

    private static final String CANARY = dev.kmc.checks.canary.RacyCounterLincheck.class.getName();

    private String console() { return console.toString(StandardCharsets.UTF_8); }

    @Test
    void aRunThatFindsTheBugsExitsZeroWithSummaryAndTrace() throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, run(new TinySuite(), CANARY, "--out", out.toString()), console());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| canary | racy-counter | model | canary-mc | bug found | bug found |"), summary);
        assertTrue(summary.contains("| tiny | pre-fix | model | counter-mc | bug found | bug found |"), summary);
        assertTrue(summary.contains("| tiny | fixed | model | counter-mc | clean | clean in "), summary);
        assertTrue(summary.contains("(sampled; the interleaving tree is not known to be exhausted)"), "a sampled engine says what it covered: " + summary);
        assertTrue(summary.contains("Every expectation held."), summary);
        String trace = Files.readString(out.resolve("tiny/pre-fix-model.txt"));
        assertTrue(trace.startsWith("kmc failure trace\nsuite:    tiny\nvariant:  pre-fix (racy)\n"), trace);
        assertTrue(trace.contains("incident: A counter incremented with ++ on a volatile loses updates."), trace);
        assertTrue(trace.contains("= Invalid execution results ="), trace);
        assertTrue(trace.contains("the structure after each operation"), trace);
        // Lincheck's detailed trace (thousands of lines) in a file of its own, named from the failure trace
        assertFalse(trace.contains("Lincheck's detailed trace of counter-mc"), trace);
        assertTrue(trace.contains("are in pre-fix-model-detailed.txt next to this file."), trace);
        assertTrue(Files.readString(out.resolve("tiny/pre-fix-model-detailed.txt")).contains("Lincheck's detailed trace of counter-mc"));
        assertFalse(Files.exists(out.resolve("tiny/fixed-model.txt")), "a clean variant writes no trace");
        assertTrue(console().contains("tiny       pre-fix  model  counter-mc"), console());
    }

    @Test
    void aRunRestrictedToFixedVariantsRunsOnlyThem() throws Exception {
        Path out = tmp.resolve("fixed");
        assertEquals(0, run(new TinySuite(), CANARY, "--variant", "fixed", "--out", out.toString()), console());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("| tiny | fixed | model | counter-mc | clean | clean in "), summary);
        assertTrue(summary.contains("(sampled; the interleaving tree is not known to be exhausted)"), "a sampled engine says what it covered: " + summary);
        assertFalse(summary.contains("| tiny | pre-fix |"), summary);
    }

    @Test
    void anExpectationThatDoesNotHoldExitsOne() throws Exception {
        Path out = tmp.resolve("unmet");
        assertEquals(1, run(new TinySuite.UnmetSuite(), CANARY, "--out", out.toString()), console());
        assertTrue(Files.readString(out.resolve("summary.md")).contains("**Some expectations did not hold.**"));
        assertTrue(console().contains("NOT AS EXPECTED"), console());
    }

    @Test
    void aSelectionThatRunsNothingExitsTwo() throws Exception {
        assertEquals(2, run(new TinySuite(), CANARY, "--engine", "stress", "--out", tmp.resolve("none").toString()));
        assertTrue(console().contains("the selection runs nothing"), console());
    }

    @Test
    void aCanaryThatIsNotFoundStopsTheRunWithExitOne() throws Exception {
        Path out = tmp.resolve("canary");
        assertEquals(1, run(new TinySuite(), TinySuite.DeadCanary.class.getName(), "--out", out.toString()));
        assertTrue(console().contains("the canary (a deliberately racy counter) was NOT found: Lincheck's instrumentation is broken"),
                console());
        assertFalse(Files.readString(out.resolve("summary.md")).contains("| tiny |"), "nothing else ran");
    }

    private int kmc(ByteArrayOutputStream err, String... args) throws Exception {
        return Kmc.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badUsageGetsOneLineAndExitTwo() throws Exception {
        String[][] cases = {
            {"", "kmc: no command; accepted: list, run, explore, replay, export-test, snapshot, bench, new-spec, remove-spec, jcstress, --help"},
            {"frobnicate", "kmc: unknown command 'frobnicate'; accepted: list, run, explore, replay, export-test, snapshot, bench,"
                    + " new-spec, remove-spec, jcstress, help, --help"},
            {"rnu", "kmc: unknown command 'rnu' (did you mean 'run'?); accepted: list, run, explore, replay, export-test, snapshot,"
                    + " bench, new-spec, remove-spec, jcstress, help, --help"},
            {"run --sute ringbuffer", "kmc: unknown option '--sute' for run (did you mean '--suite'?); accepted: --suite S, "
                    + "--variant pre-fix|fixed, --engine model|stress|explore|all, --budget quick|thorough, --out DIR"},
            {"run --suite ringbufer", "kmc: unknown suite 'ringbufer' (did you mean 'ringbuffer'?); accepted: "
                    + String.join(", ", Suites.ALL.stream().map(Suite::name).toList())},
            {"run --bogus", "kmc: unknown option '--bogus' for run; accepted: --suite S, --variant pre-fix|fixed, --engine model|stress|explore|all, --budget quick|thorough, --out DIR"},
            {"bench --reapet 3", "kmc: unknown option '--reapet' for bench (did you mean '--repeat'?); accepted: --repeat N, --suite S, --out FILE"},
            {"run --suite nope", "kmc: unknown suite 'nope'; accepted: " + String.join(", ", Suites.ALL.stream().map(Suite::name).toList())},
            {"run --engine gpu", "kmc: unknown engine 'gpu'; accepted: model, stress, explore, all"},
            {"run --budget huge", "kmc: unknown budget 'huge': accepted are quick, thorough"},
            {"run --variant mid", "kmc: unknown variant 'mid'; accepted: pre-fix, fixed"},
            {"run --out", "kmc: --out needs a value; usage: kmc run [-h] [--budget=quick|thorough] [--engine=model|stress|explore|all]"
                    + " [--out=DIR] [--suite=S]... [--variant=pre-fix|fixed]..."},
            {"list extra", "kmc: unexpected argument 'extra' for list; usage: kmc list [-h]"},
            {"replay", "kmc: replay needs FILE; usage: kmc replay [-h] [--step] [--check=ID] [--counterexample=N] [--out=DIR] FILE"},
            {"replay --chek pinned-mc", "kmc: unknown option '--chek' for replay (did you mean '--check'?); accepted: --check ID, --step, --out DIR, --counterexample N"},
            {"snapshot --hlp", "kmc: unknown option '--hlp' for snapshot (did you mean '--help'?); accepted: only -h/--help"},
            {"new-spec", "kmc: new-spec needs NAME; usage: kmc new-spec [-h] [--root=DIR] NAME"},
            {"bench --repeat 0", "kmc: --repeat takes a whole number from 1 to 100, got '0'"},
            {"bench --fast", "kmc: unknown option '--fast' for bench; accepted: --repeat N, --suite S, --out FILE"},
            {"explore --suite nope", "kmc: unknown suite 'nope' for the explorer; accepted: ringbuffer, rcu, consolekit, tasklist, systemd"
                    + " (a suite of your own is found as dev.kmc.checks.NAME.ClsExplorations.SUITE)"},
            {"explore --max-states -3", "kmc: --max-states takes a positive whole number, got '-3'"},
        };
        for (String[] c : cases) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] args = c[0].isEmpty() ? new String[0] : c[0].split(" ");
            assertEquals(2, kmc(err, args), c[0]);
            assertEquals(c[1] + "\n", err.toString(StandardCharsets.UTF_8), c[0]);
        }
    }

    @Test
    void anExistingOutputFolderIsNeverOverwritten() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(out.resolve("summary.md"), "earlier results");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, kmc(err, "run", "--out", out.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("kmc: output folder '" + out + "' already exists and is not empty"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("earlier results", Files.readString(out.resolve("summary.md")));
        assertEquals(1, Files.list(out).count());
    }

    @Test
    void anOutputThatIsAFileIsCalledAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, kmc(err, "run", "--out", file.toString()));
        assertEquals("kmc: --out '" + file + "' is a file, not a folder; kmc writes a results folder there: pass a new folder,"
                + " or leave out --out for a timestamped one under kmc-results/\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void whileACheckRunsItsNameAndElapsedTimeAreShownAndTheFolderIsRepeatedAtTheEnd() throws Exception {
        Path out = tmp.resolve("progress");
        RunOptions o = RunOptions.parse(List.of("--out", out.toString()), List.of(new TinySuite.SlowSuite()));
        Runner r = new Runner(o, new PrintStream(console, true, StandardCharsets.UTF_8), CANARY, 500);
        assertEquals(0, r.run(), console());
        assertTrue(console().matches("(?s).*\\[ *[0-9.]+s\\] running tiny model pre-fix slow-mc: [0-9]+ s\n.*"), console());
        assertTrue(console().strip().endsWith("results: " + out.toAbsolutePath()), console());
    }
}
