package dev.kmc.checks.consolekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.model.consolekit.RemovalStrategy;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ConsoleKit Lincheck checks at the QUICK budget: each expects the 1.1.0 corruption on the
 * pre-fix port (and fails the build, saying "BUG NOT FOUND", if it is not found) and a clean
 * pass on the port with 9dc77de.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ConsoleKitLincheckTest {

    private static void expect(String checkId, RemovalStrategy variant) {
        ModelCheck<RemovalStrategy> check = ConsoleKitChecks.byId(checkId);
        String mismatch = check.runAndCompare(variant, Budget.QUICK);
        assertNull(mismatch, mismatch);
    }

    @ParameterizedTest
    @EnumSource(RemovalStrategy.class)
    void pinnedTwoClientsGoneInOneDispatch(RemovalStrategy variant) {
        expect("pinned-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(RemovalStrategy.class)
    void workerThreadSignalDuringRemoval(RemovalStrategy variant) {
        expect("concurrent-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(RemovalStrategy.class)
    void randomScenariosFindTheCorruptionOnlyBeforeTheFix(RemovalStrategy variant) {
        expect("random-mc", variant);
    }

    @ParameterizedTest
    @EnumSource(RemovalStrategy.class)
    void stressModeOnRealThreads(RemovalStrategy variant) {
        expect("stress", variant);
    }

    /** The guard itself: the pre-fix expectation, shown the fixed port's clean verdict, must fail loudly. */
    @Test
    void aPreFixCheckThatFindsNothingFailsTheBuild() {
        LincheckVerdict cleanRun = ConsoleKitChecks.pinned(RemovalStrategy.FOREACH_STEAL_9DC77DE, Budget.QUICK);
        assertTrue(cleanRun.passed(), cleanRun.report());
        String mismatch = ConsoleKitChecks.byId("pinned-mc").expectation().apply(RemovalStrategy.FOREACH_REMOVE_1_1_0)
                .mismatch(cleanRun);
        assertTrue(mismatch != null && mismatch.startsWith("BUG NOT FOUND: consolekit/pinned-mc [fixed 9dc77de"), mismatch);
    }

    /** The pinned report is the contradiction itself: both clients handled, the wrong leaders destroyed. */
    @Test
    void pinnedReportShowsTheScenarioAndTheContradiction() {
        LincheckVerdict v = ConsoleKitChecks.pinned(RemovalStrategy.FOREACH_REMOVE_1_1_0, Budget.QUICK);
        assertEquals("= Invalid execution results =", v.header());
        for (String cell : new String[] {"nameOwnerChanged(1)", "nameOwnerChanged(2)", "dispatch(): [:1.1, :1.2]",
                "leaders(): [1f, 1u, 3a, 3d]", "destroyed(): [2e, 2k, 2s, 3h]"}) {
            assertTrue(v.report().contains(cell), "missing " + cell + " in\n" + v.report());
        }
    }
}
