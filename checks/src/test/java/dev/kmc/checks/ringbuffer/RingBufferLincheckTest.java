package dev.kmc.checks.ringbuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.model.ringbuffer.EmptyCheck;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ring-buffer Lincheck checks at the QUICK budget: each expects the v5.13 bug on the
 * pre-fix port (and fails the build, saying "BUG NOT FOUND", if it is not found) and a clean
 * pass on the fixed port, except the two-thread random search, which also finds the
 * move-tail race on the fixed port.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RingBufferLincheckTest {

    private static void expect(String checkId, EmptyCheck variant) {
        ModelCheck<EmptyCheck> check = RingBufferChecks.byId(checkId);
        String mismatch = check.runAndCompare(variant, Budget.QUICK);
        assertNull(mismatch, mismatch);
    }

    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void pinnedMinimalScenarioModelChecked(EmptyCheck variant) {
        expect("pinned-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void pinnedScenarioReadPipeDeadLoopsBeforeTheFix(EmptyCheck variant) {
        expect("pinned-readpipe-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void randomScenariosFindTheShippedBugOnlyBeforeTheFix(EmptyCheck variant) {
        expect("random-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void writerReserveDiscardAgainstReader(EmptyCheck variant) {
        expect("concurrent-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void randomConcurrentScenariosFindTheMoveTailRaceOnBothVariants(EmptyCheck variant) {
        expect("random-concurrent-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void stressModeOnRealThreads(EmptyCheck variant) {
        expect("stress", variant);
    }

    /** The guard itself: the pre-fix expectation, shown the fixed port's clean verdict, must fail loudly. */
    @Test
    void aPreFixCheckThatFindsNothingFailsTheBuild() {
        LincheckVerdict cleanRun = RingBufferChecks.pinned(EmptyCheck.FIXED_67F0D6D9, Budget.QUICK);
        assertTrue(cleanRun.passed());
        String mismatch = RingBufferChecks.byId("pinned-mc").expectation().apply(EmptyCheck.V5_13).mismatch(cleanRun);
        assertTrue(mismatch != null && mismatch.startsWith("BUG NOT FOUND: ringbuffer/pinned-mc [fixed 67f0d6d9883c] expected"
                + " Lincheck to report IncorrectResultsFailure"), mismatch);
    }

    /** The pinned report names the contradiction: the results of A.7.2, then peek(): null and isEmpty(): false. */
    @Test
    void pinnedReportShowsTheScenarioAndTheContradiction() {
        LincheckVerdict v = RingBufferChecks.pinned(EmptyCheck.V5_13, Budget.QUICK);
        assertEquals("= Invalid execution results =", v.header());
        for (String cell : new String[] {"write(1): true", "write(4): true", "consume(): e1", "consume(): e2",
                "consume(): e3", "reserveDiscard(4): true", "peek(): null", "isEmpty(): false"}) {
            assertTrue(v.report().contains(cell), "missing " + cell + " in\n" + v.report());
        }
    }
}
