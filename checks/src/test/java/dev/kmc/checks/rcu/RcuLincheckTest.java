package dev.kmc.checks.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.model.rcu.EnqueueGuard;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The RCU Lincheck checks at the QUICK budget, each with its verdict on each named kernel (and a
 * failed build, saying "BUG NOT FOUND", if a bug is expected and missed): on 3.10.0-514 every check
 * finds the double call_rcu(); on v5.15 with debugobjects before 63a759694eed the pinned check finds
 * two overlapping first call_rcu()s of the untracked link both accepted, and the random and stress
 * checks, on init_rcu_head'ed heads, pass.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class RcuLincheckTest {

    private static void expect(String checkId, EnqueueGuard variant) {
        ModelCheck<EnqueueGuard> check = RcuChecks.byId(checkId);
        String mismatch = check.runAndCompare(variant, Budget.QUICK);
        assertNull(mismatch, mismatch);
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void pinnedDoubleCallRcuInvokesTheLinkOnBothCpusOnBothKernels(EnqueueGuard variant) {
        expect("pinned-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void randomScenariosFindTheDoubleEnqueueOnlyOn310OrWithUntrackedHeads(EnqueueGuard variant) {
        expect("random-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void stressModeOnRealThreads(EnqueueGuard variant) {
        expect("stress", variant);
    }

    /**
     * On both kernels the report shows the pinned scenario, all five operations and nothing else,
     * with both call_rcu(link) accepted and the link invoked by both CPUs' batches.
     */
    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void pinnedReportShowsTheLinkAcceptedTwiceAndInvokedTwice(EnqueueGuard variant) {
        LincheckVerdict v = RcuChecks.pinned(variant, Budget.QUICK);
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
