package dev.kmc.checks.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.Regression;
import dev.kmc.checks.ringbuffer.RingBufferLincheck;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression test written by {@code kmc export-test} from the failure of check pinned-mc (A.7.2 +
 * peek, isEmpty; model checking) in suite ringbuffer, variant pre-fix (Linux v5.13): Lincheck
 * reported IncorrectResultsFailure (exported with kmc export-test from a kmc run trace, ringbuffer/pre-fix-model.txt).
 *
 * <p>The scenario is pinned as a Lincheck custom scenario and model checked (deterministic) against
 * the suite's sequential specification: the pre-fix port must still fail it with the recorded
 * results, the fixed port must pass it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RingBufferPinnedMcRegressionTest {

    static final String SCENARIO = "init: write(1) write(4) consume() write(1) consume() consume() reserveDiscard(4)"
            + " | thread: peek() isEmpty()"
            + " | post: -";

    /** What the pre-fix port returned when Lincheck found the failure. */
    static final String RECORDED = "init: write(1): true, write(4): true, consume(): e1, write(1): true, consume(): e2,"
            + " consume(): e3, reserveDiscard(4): true"
            + " | thread: peek(): null, isEmpty(): false"
            + " | post: -";

    @Test
    void preFixStillFailsAsRecorded() {
        LincheckVerdict v = Regression.modelCheck(RingBufferLincheck.PreFix.class, SCENARIO);
        assertEquals("IncorrectResultsFailure", v.kind(), "the pre-fix port no longer fails as recorded:\n" + v.report());
        assertEquals(RECORDED, Regression.results(v), v.report());
    }

    @Test
    void fixedPasses() {
        LincheckVerdict v = Regression.modelCheck(RingBufferLincheck.Fixed.class, SCENARIO);
        assertTrue(v.passed(), "the fixed port fails the scenario:\n" + v.report());
    }
}
