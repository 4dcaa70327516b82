package dev.kmc.checks.tasklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.model.tasklist.WalkStart;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The task-list Lincheck checks at the QUICK budget: each expects the loop on the pre-fix port
 * (and fails the build, saying "BUG NOT FOUND", if it is not found) and a clean pass on the
 * fixed port, except the walk from a leader, which is clean on both.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class TaskListLincheckTest {

    private static void expect(String checkId, WalkStart variant) {
        ModelCheck<WalkStart> check = TaskListChecks.byId(checkId);
        String mismatch = check.runAndCompare(variant, Budget.QUICK);
        assertNull(mismatch, mismatch);
    }

    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void walkFromThreadWhileTargetExitsLoopsOnlyBeforeTheFix(WalkStart variant) {
        expect("pinned-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void walkFromLeaderWhileTargetExitsTerminatesOnBoth(WalkStart variant) {
        expect("pinned-leader-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void walkFromLeaderReapedAroundTheWalkLoopsOnlyBeforeTheFix(WalkStart variant) {
        expect("pinned-start-exits-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void kernelLoopIsReportedHungOnlyBeforeTheFix(WalkStart variant) {
        expect("livelock-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void randomScenariosFindTheLoopOnlyBeforeTheFix(WalkStart variant) {
        expect("random-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void stressModeOnRealThreads(WalkStart variant) {
        expect("stress", variant);
    }

    /** The guard itself: the pre-fix expectation, shown the fixed port's clean verdict, must fail loudly. */
    @Test
    void aPreFixCheckThatFindsNothingFailsTheBuild() {
        LincheckVerdict cleanRun = TaskListChecks.pinned(WalkStart.FOR_EACH_PROCESS, Budget.QUICK);
        assertTrue(cleanRun.passed());
        String mismatch = TaskListChecks.byId("pinned-mc").expectation().apply(WalkStart.START_TASKS).mismatch(cleanRun);
        assertTrue(mismatch != null && mismatch.startsWith("BUG NOT FOUND: tasklist/pinned-mc [fixed: for_each_process]"
                + " expected Lincheck to report IncorrectResultsFailure"), mismatch);
    }

    /** The pinned report shows the whole scenario with its results, and the walk's LOOPED. */
    @Test
    void pinnedReportShowsTheScenarioAndTheLoop() {
        LincheckVerdict v = TaskListChecks.pinned(WalkStart.START_TASKS, Budget.QUICK);
        assertEquals("= Invalid execution results =", v.header());
        for (String cell : new String[] {"fork(): 1", "newThread(1): 2", "fork(): 3", "exitTask(3): true",
                "walkFrom(2, 3): LOOPED"}) {
            assertTrue(v.report().contains(cell), "missing " + cell + " in\n" + v.report());
        }
    }
}
