package dev.kmc.checks.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.model.systemd.SystemdVariant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every systemd Lincheck check at the QUICK budget: the call through NULL on the pre-fix port
 * (the build fails with "BUG NOT FOUND" if it is not found), a clean pass on the fixed port.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SystemdLincheckTest {

    private static void expect(String checkId, SystemdVariant v) {
        ModelCheck<SystemdVariant> check = SystemdChecks.byId(checkId);
        LincheckVerdict verdict = check.run().apply(v, Budget.QUICK);
        System.out.println(verdict + (verdict.passed() ? "" : "\n" + verdict.report()));
        String mismatch = check.expectation().apply(v).mismatch(verdict);
        assertNull(mismatch, mismatch);
    }

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void pinnedMinimalScenarioModelChecked(SystemdVariant v) {
        expect("pinned-mc", v);
    }

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void randomScenariosFindTheNullCallOnlyBeforeTheFix(SystemdVariant v) {
        expect("random-mc", v);
    }

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void stressModeOnRealThreads(SystemdVariant v) {
        expect("stress", v);
    }

    /** The guard itself: the pre-fix expectation, shown the fixed port's clean verdict, must fail loudly. */
    @Test
    void aPreFixCheckThatFindsNothingFailsTheBuild() {
        LincheckVerdict cleanRun = SystemdChecks.pinned(SystemdVariant.FIXED, Budget.QUICK);
        assertTrue(cleanRun.passed(), cleanRun.report());
        String mismatch = SystemdChecks.byId("pinned-mc").expectation().apply(SystemdVariant.PRE_FIX).mismatch(cleanRun);
        assertTrue(mismatch != null && mismatch.startsWith("BUG NOT FOUND: systemd/pinned-mc [fixed] expected"
                + " Lincheck to report IncorrectResultsFailure"), mismatch);
    }

    /** The pinned report is the incident: the scope's cgroup empty handled, then SIGCHLD calls user-1000.slice's NULL handler. */
    @Test
    void pinnedReportShowsTheNullCall() {
        LincheckVerdict v = SystemdChecks.pinned(SystemdVariant.PRE_FIX, Budget.QUICK);
        assertEquals("= Invalid execution results =", v.header());
        for (String s : new String[] {"orphanExit(): void", "dispatchCgroupInotify(): void", SystemdChecks.SEGV_CELL}) {
            assertTrue(v.report().contains(s), "missing " + s + " in\n" + v.report());
        }
    }
}
