package dev.kmc.stress.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.stress.JCStressRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SystemdRace, pre-fix and fixed, in one short jcstress run: the pre-fix PID 1 (v229) calls
 * user-1000.slice's NULL sigchld_event in some samples and then stays frozen, the fixed one
 * (e57051f5) never does. Configuration: the
 * short line of docs/adding-a-spec.md ({@code -sc false -jvmArgs -XX:-TieredCompilation -iters 1
 * -time 50}); bounds: 200 s for the jcstress child, 240 s for the whole run.
 * <p>
 * Measured on 2 CPUs shared with other builds, 1 run on the v229 port (memory layer, direct mode):
 * 22,627 PreFix and 18,434 Fixed samples; PreFix called user-1000.slice's NULL sigchld_event 9 times
 * ("3, 4, 0": then frozen), Fixed skipped it 12 times ("2, 0, 1") and never called a missing handler.
 * The rate is about 4 in 10^4 samples and the sampling is low (the previous port ran ~0.8e6 samples
 * in the same time, on a quieter machine): a PreFix miss is possible when the machine is busy; rerun,
 * or raise {@code -time}, before believing a "not found".
 */
@Tag("jcstress")
class SystemdStressTest {
    private static final String RACE = SystemdRace.class.getName();

    private static JCStressRun.Result run;

    /** Extra PreFix runs when one misses: the rate is low and varies with the machine (see above). */
    private static final int MAX_PRE_FIX_RUNS = 4;

    private static JCStressRun.Verdict preFix;

    @BeforeAll
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    static void runBothVariants() throws Exception {
        Path target = Path.of(SystemdStressTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        run = JCStressRun.run(target.resolve("jcstress"), Duration.ofSeconds(200),
                "-t", "^dev\\.kmc\\.stress\\.systemd\\.SystemdRace\\.(PreFix|Fixed)$",
                "-sc", "false", "-jvmArgs", "-XX:-TieredCompilation", "-iters", "1", "-time", "50");
        run.verdicts().forEach(System.out::println);
        // A sampled engine: a run that misses the pre-fix race is retried, a bounded number of times, before
        // the test believes a "not found" (docs/adding-a-spec.md: measure the miss rate, pick a budget).
        preFix = run.verdict(RACE + ".PreFix");
        for (int i = 1; i < MAX_PRE_FIX_RUNS && bugCount(preFix) == 0; i++) {
            JCStressRun.Result again = JCStressRun.run(target.resolve("jcstress-prefix-" + i), Duration.ofSeconds(120),
                    "-t", "^dev\\.kmc\\.stress\\.systemd\\.SystemdRace\\.PreFix$",
                    "-sc", "false", "-jvmArgs", "-XX:-TieredCompilation", "-iters", "1", "-time", "200");
            preFix = again.verdict(RACE + ".PreFix");
            System.out.println("PreFix run " + (i + 1) + ": " + preFix);
        }
    }

    private static long bugCount(JCStressRun.Verdict v) {
        return v.counts().entrySet().stream().filter(e -> e.getKey().matches(SystemdRace.BUG))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void exactlyTheTwoVariantsRan() {
        assertEquals(List.of(RACE + ".Fixed", RACE + ".PreFix"), run.tests(), "in " + run.dir());
        assertEquals(0, run.exitCode(), "jcstress itself must report no failure or error; see " + run.dir());
    }

    @Test
    void preFixCallsTheSliceSigchldEventThroughNull() {
        JCStressRun.Verdict v = preFix;
        assertTrue(v.passed(), v.toString());
        assertTrue(bugCount(v) > 0, "the pre-fix PID 1 must call sigchld_event through NULL in some sample of up to "
                + MAX_PRE_FIX_RUNS + " runs: " + v);
        assertEquals(0, v.count(SystemdRace.DROPPED) + v.count(SystemdRace.DROPPED_LATE),
                "v229 never skips a NULL handler: " + v);
    }

    @Test
    void fixedNeverCallsAMissingHandler() {
        JCStressRun.Verdict v = run.verdict(RACE + ".Fixed");
        assertEquals(0, bugCount(v), v.toString());
        assertTrue(v.passed() && v.samples() > 0, v.toString());
    }
}
