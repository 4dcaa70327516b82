package dev.kmc.checks.systemd;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.model.systemd.SystemdVariant;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The Lincheck checks of the systemd suite (kernel-spec C3, systemd #6608) with their budgets and
 * expected verdicts. JUnit (SystemdLincheckTest) and the kmc runner both run {@link #ALL}.
 * <p>
 * The bug needs two threads: PID 1 must handle "cgroup empty" between the kernel's cgroup_exit()
 * and exit_notify() (or between sd-event's "is SIGCHLD pending?" and the inotify read), so every
 * check here has the kernel and PID 1 on different threads.
 * <p>
 * Budgets, measured on the 2-core machine (minimization off, time to first detection on pre-fix):
 * <ul>
 * <li>pinned-mc: found from 10 invocations (5 are not enough); QUICK 200 (20x), THOROUGH 5000.</li>
 * <li>random-mc: found in the first scenario (2 threads, 1+3x2+2 actors, 200 invocations, 7.6 s
 *     with Lincheck's start-up); QUICK 10 scenarios (10x), THOROUGH 1000 x 2000.</li>
 * <li>stress: not deterministic (real threads). The pinned scenario showed the bug in 2 of 5 runs
 *     at 500 invocations and in 5 of 5 at 2000 and at 5000 (about 0.1% of invocations); QUICK 8000
 *     (4x the 2000 that always found it; a miss has odds of about e^-11 at that rate), THOROUGH 200000.
 *     On a machine much busier than that, raise it before believing a "BUG NOT FOUND".</li>
 * </ul>
 */
public final class SystemdChecks {
    private SystemdChecks() { }

    /** The report cell every pre-fix check must show: the SIGCHLD dispatch that calls through NULL. */
    public static final String SEGV_CELL = "dispatchSigchld(): SEGV: system.slice->sigchld_event is NULL (pid 100)";

    public static Class<? extends SystemdLincheck> testClass(SystemdVariant v) {
        return v == SystemdVariant.PRE_FIX ? SystemdLincheck.PreFix.class : SystemdLincheck.Fixed.class;
    }

    private static String name(String check, SystemdVariant v) {
        return "systemd/" + check + " [" + v.label() + "]";
    }

    private static Expectation preFixOnly(SystemdVariant v, Expectation onPreFix) {
        return v == SystemdVariant.PRE_FIX ? onPreFix : Expectation.clean();
    }

    // ---- 1. the minimal failing scenario, pinned -------------------------------------------------

    /**
     * The kernel exits pid 100 while PID 1 dispatches cgroup empty; afterwards PID 1 dispatches
     * SIGCHLD. (The random search minimizes to exactly this.)
     */
    public static ExecutionScenario pinnedScenario(SystemdVariant v) {
        return Scenarios.of(testClass(v))
                .thread("processExit()")
                .thread("dispatchCgroupEmpty()")
                .post("dispatchSigchld()")
                .build();
    }

    public static LincheckVerdict pinned(SystemdVariant v, Budget budget) {
        ModelCheckingOptions o = Scenarios.pinned(new ModelCheckingOptions(), budget == Budget.QUICK ? 200 : 5000,
                pinnedScenario(v)).sequentialSpecification(SystemdSpec.class);
        return LincheckRunner.run(name("pinned-mc", v), o, testClass(v));
    }

    // ---- 2. random scenarios ---------------------------------------------------------------------

    /** Random scenarios on two threads (the kernel's and PID 1's operations each confined to one), model checked. */
    public static LincheckVerdict random(SystemdVariant v, Budget budget) {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .threads(2)
                .iterations(budget == Budget.QUICK ? 10 : 1000)
                .invocationsPerIteration(budget == Budget.QUICK ? 200 : 2000)
                .actorsBefore(1)
                .actorsPerThread(3)
                .actorsAfter(2)
                .sequentialSpecification(SystemdSpec.class);
        return LincheckRunner.run(name("random-mc", v), o, testClass(v));
    }

    // ---- 3. stress mode --------------------------------------------------------------------------

    /** The pinned scenario on real threads (stress mode has no interleaving trace, only results). */
    public static LincheckVerdict stress(SystemdVariant v, Budget budget) {
        StressOptions o = Scenarios.pinned(new StressOptions(), budget == Budget.QUICK ? 8000 : 200_000,
                pinnedScenario(v)).sequentialSpecification(SystemdSpec.class);
        return LincheckRunner.run(name("stress", v), o, testClass(v));
    }

    /** Every Lincheck check of the suite with its expected verdict per variant. */
    public static final List<ModelCheck<SystemdVariant>> ALL = List.of(
            new ModelCheck<>("pinned-mc", "kernel processExit vs PID 1 cgroup-empty then SIGCHLD; model checking",
                    SystemdChecks::pinned,
                    v -> preFixOnly(v, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =",
                            "processExit(): void", "dispatchCgroupEmpty(): void", SEGV_CELL))),
            new ModelCheck<>("random-mc", "random scenarios, kernel vs PID 1 threads; model checking",
                    SystemdChecks::random,
                    v -> preFixOnly(v, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =", SEGV_CELL))),
            new ModelCheck<>("stress", "the pinned scenario on real threads; Lincheck stress mode",
                    SystemdChecks::stress,
                    v -> preFixOnly(v, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =", SEGV_CELL)))
    );

    public static ModelCheck<SystemdVariant> byId(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no systemd check '" + id + "'"));
    }
}
