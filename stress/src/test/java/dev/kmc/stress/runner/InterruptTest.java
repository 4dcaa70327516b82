package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the launcher while a check runs: the child JVM stops at once (before, one ran 45 s
 * more and wrote into the abandoned folder) and summary.md says the run was interrupted and what
 * finished. The launcher is a real JVM here, signalled the way a shell or CI does.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class InterruptTest {

    @TempDir
    Path tmp;

    /** The launcher: kmc run on a suite whose one check takes ten minutes. Arguments: OUTDIR. */
    public static void main(String[] args) throws Exception {
        RunOptions o = RunOptions.parse(List.of("--out", args[0]), List.of(new TinySuite.HangingSuite()));
        System.exit(new Runner(o, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                dev.kmc.checks.canary.RacyCounterLincheck.class.getName(), 300).run());
    }

    @Test
    void sigtermStopsTheChildJvmsAtOnceAndLeavesASummarySayingSo() throws Exception {
        Path out = tmp.resolve("run");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ChildJvm.absoluteClassPath(), InterruptTest.class.getName(), out.toString())
                .redirectErrorStream(true).start();
        StringBuffer console = new StringBuffer();
        CountDownLatch running = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    console.append(line).append('\n');
                    if (line.contains("running tiny model pre-fix slow-mc")) running.countDown();
                }
            } catch (java.io.IOException e) {
                // the launcher is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertTrue(running.await(150, TimeUnit.SECONDS), "the slow check never showed as running:\n" + console);
            List<ProcessHandle> children = launcher.descendants().toList();
            assertFalse(children.isEmpty(), "the check runs in a child JVM");
            launcher.destroy();   // SIGTERM
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher did not exit after SIGTERM:\n" + console);
            for (ProcessHandle c : children) {
                c.onExit().get(5, TimeUnit.SECONDS);   // at once: a TimeoutException fails the test
                assertFalse(c.isAlive(), "child " + c.pid() + " outlived the launcher");
            }
            reader.join(10_000);   // before any destroy: Process.destroy* closes the pipe, and unread output is lost
        } finally {
            if (launcher.isAlive()) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        }
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("**INTERRUPTED.** The run was interrupted (SIGINT or SIGTERM)"), summary);
        assertTrue(summary.contains("| canary | racy-counter | model | canary-mc | bug found | bug found |"), summary);
        assertTrue(summary.contains("these did not run to the end: tiny model (1 checks)."), summary);
        assertFalse(summary.contains("| tiny |"), summary);
        assertFalse(Files.exists(out.resolve("tiny/pre-fix-model.txt")), "nothing is written after the interruption");
    }
}
