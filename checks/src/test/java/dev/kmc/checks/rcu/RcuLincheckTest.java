package dev.kmc.checks.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.model.rcu.EnqueueGuard;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The RCU Lincheck checks at the QUICK budget: each expects the double call_rcu() to break the
 * guarded contract on the unguarded port (and fails the build, saying "BUG NOT FOUND", if it
 * does not) and a clean pass with CONFIG_DEBUG_OBJECTS_RCU_HEAD.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RcuLincheckTest {

    private static void expect(String checkId, EnqueueGuard variant) {
        ModelCheck<EnqueueGuard> check = RcuChecks.byId(checkId);
        String mismatch = check.runAndCompare(variant, Budget.QUICK);
        assertNull(mismatch, mismatch);
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void pinnedDoubleCallRcuInvokesXOnBothCpusUnlessGuarded(EnqueueGuard variant) {
        expect("pinned-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void randomScenariosFindTheDoubleEnqueueOnlyWithoutTheGuard(EnqueueGuard variant) {
        expect("random-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void stressModeOnRealThreads(EnqueueGuard variant) {
        expect("stress", variant);
    }

    /**
     * The unguarded report shows the pinned scenario, all five operations and nothing else, with
     * both call_rcu(X) accepted and X invoked by both CPUs' batches.
     */
    @Test
    void pinnedReportShowsXAcceptedTwiceAndInvokedTwice() {
        LincheckVerdict v = RcuChecks.pinned(EnqueueGuard.UNGUARDED, Budget.QUICK);
        assertEquals("IncorrectResultsFailure", v.kind(), v.report());
        assertEquals("= Invalid execution results =", v.header());
        String results = v.report().split("\n\n")[0].strip();
        List<String> cells = results.lines().skip(4)
                .flatMap(row -> List.of(row.split("\\|")).stream())
                .map(cell -> cell.replaceAll("\\[\\d+,\\d+]", "").strip())
                .filter(cell -> !cell.isEmpty() && !cell.startsWith("---"))
                .toList();
        assertEquals(List.of(RcuChecks.PINNED_CELLS), cells, v.report());
    }
}
