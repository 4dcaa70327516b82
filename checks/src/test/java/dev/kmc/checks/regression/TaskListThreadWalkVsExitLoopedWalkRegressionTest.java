package dev.kmc.checks.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.explore.Counterexample;
import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.Universe;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression test written by {@code kmc export-test} from counterexample 1 (LOOPED walk) of an
 * explore trace of suite tasklist, variant pre-fix, exploration thread-walk-vs-exit: LOOPED walk:
 * walkFrom(2, 3) examined 9 tasks without meeting its anchor or its target: the kernel's loop never
 * ends (soft lockup, RCU-sched stall). Trace: a scratch pre-fix-explore.txt, not kept (written by
 * kmc explore --suite tasklist --exploration thread-walk-vs-exit).
 *
 * <p>The interleaving is replayed step by step on a fresh port of each variant through kmc's
 * explorer (deterministic): the pre-fix port must still show the LOOPED walk. The fixed port cannot
 * even take it (the fix changes the accesses it makes), so its test asserts that the replay
 * diverges and then explores the same universe on the fixed port: complete, and no LOOPED walk.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TaskListThreadWalkVsExitLoopedWalkRegressionTest {

    static final String SUITE = "tasklist";
    static final String EXPLORATION = "thread-walk-vs-exit";
    static final String KIND = "LOOPED walk";

    static final Universe UNIVERSE = Universe.parse(
            "name=thread-walk-vs-exit; init=fork() newThread(1) fork(); cpu0=exitTask(3);"
            + " cpu1=walkFrom(2, 3)");

    /** The interleaving, one token per atomic step (cpuN+op(): starts op; cpuN: its next step; cpuN!op(): an interrupt). */
    static final List<String> INTERLEAVING = Counterexample.tokens(
            "cpu0+exitTask(3) cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu1+walkFrom(2,"
            + " 3) cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1"
            + " cpu1");

    private static Counterexample replay(String variant) {
        return InterleavingExplorer.replay(ExploreSuites.machine(SUITE, EXPLORATION, variant), UNIVERSE, INTERLEAVING, KIND);
    }

    @Test
    void preFixStillShowsTheRecordedViolation() {
        Counterexample c = replay("pre-fix");
        assertEquals(KIND, c.kind(), c.text());
    }

    @Test
    void fixedCannotTakeTheInterleavingAndItsUniverseHasNoSuchViolation() {
        assertThrows(IllegalArgumentException.class, () -> replay("fixed"));
        InterleavingExplorer.Result r = InterleavingExplorer.explore(SUITE + "/" + EXPLORATION + " [fixed]",
                ExploreSuites.machine(SUITE, EXPLORATION, "fixed"), UNIVERSE, InterleavingExplorer.Limits.of(2000000L, 60000L));
        assertTrue(r.complete(), r.report());
        assertFalse(r.findings().containsKey(KIND), r.report());
    }
}
