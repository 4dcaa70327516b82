package dev.kmc.stress.tasklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.stress.JCStressRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs both task-list harnesses, pre-fix and fixed, in one short jcstress run and checks the
 * verdicts: the pre-fix module loops when the target exits first, the fixed one never does.
 * <p>
 * Configuration: the tuned line of the jcstress notes, {@code -sc false -jvmArgs
 * -XX:-TieredCompilation -iters 1 -time 50} (C2 only, +/-UseBiasedLocking: 2 forks per test, 4 in
 * all), as for the ring buffer. Measured on 2 CPUs shared with other jobs (load average 9-12), 4
 * runs: 18-30 s; the pre-fix walk LOOPED in 61-340 thousand of 71-423 thousand samples (67-86 %),
 * the fixed one in none of 38-836 thousand. The bounds: 150 s for the jcstress child, 180 s for
 * the whole run.
 */
@Tag("jcstress")
class TaskListStressTest {
    private static final String RACE = WalkFromThreadVsExit.class.getName();

    private static JCStressRun.Result run;

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    static void runBothHarnesses() throws Exception {
        Path target = Path.of(TaskListStressTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        run = JCStressRun.run(target.resolve("jcstress"), Duration.ofSeconds(150),
                "-t", "^dev\\.kmc\\.stress\\.tasklist\\.WalkFromThreadVsExit\\.(PreFix|Fixed)$",
                "-sc", "false", "-jvmArgs", "-XX:-TieredCompilation", "-iters", "1", "-time", "50");
        run.verdicts().forEach(System.out::println);
    }

    @Test
    void exactlyTheTwoVariantsRan() {
        assertEquals(List.of(RACE + ".Fixed", RACE + ".PreFix"), run.tests(), "in " + run.dir());
        assertEquals(0, run.exitCode(), "jcstress itself must report no failure or error; see " + run.dir());
    }

    @Test
    void preFixLoopsWhenTheTargetExitsFirst() {
        JCStressRun.Verdict v = run.verdict(RACE + ".PreFix");
        assertTrue(v.passed(), v.toString());
        assertTrue(v.count(WalkFromThreadVsExit.LOOPED) > 0, "the pre-fix walk from thread 2 must loop: " + v);
        assertEquals(0, v.count(WalkFromThreadVsExit.NOT_FOUND), "a walk from thread 2's stale list_head never comes back: " + v);
    }

    @Test
    void fixedAlwaysComesBack() {
        JCStressRun.Verdict v = run.verdict(RACE + ".Fixed");
        assertEquals(0, v.count(WalkFromThreadVsExit.LOOPED), v.toString());
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertEquals(v.samples(), v.count(WalkFromThreadVsExit.FOUND) + v.count(WalkFromThreadVsExit.NOT_FOUND), v.toString());
    }
}
