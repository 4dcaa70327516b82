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
 * The Lincheck checks of the systemd suite (kernel-spec C3 as corrected by issue 11: systemd v229,
 * fix e57051f5) with their budgets and expected verdicts. JUnit (SystemdLincheckTest) and the kmc runner both run {@link #ALL}.
 * <p>
 * The bug needs two threads: PID 1 must handle the scope's "cgroup empty" between the kernel's
 * cgroup_exit() and exit_notify() (or between sd-event's "is SIGCHLD pending?" and the inotify read),
 * so every check here has the kernel and PID 1 on different threads.
 * <p>
 * Budgets: set on the previous (v234-reading) port of the same race and kept; on this port at QUICK,
 * on the 2-core machine, 1 run each (Lincheck start-up included): pinned-mc found in 4.2 s (fixed
 * clean in 8.1 s), random-mc found in 15.1 s (fixed 21.3 s), stress found in 16.8 s (fixed 31.8 s).
 * The minimal budgets (invocations to first detection) were not re-measured on this port.
 * <ul>
 * <li>pinned-mc: QUICK 200 invocations, THOROUGH 5000.</li>
 * <li>random-mc: 2 threads, 1+3x2+2 actors; QUICK 10 scenarios x 200, THOROUGH 1000 x 2000.</li>
 * <li>stress: not deterministic (real threads); QUICK 8000, THOROUGH 200000. On a much busier
 *     machine, raise it before believing a "BUG NOT FOUND".</li>
 * </ul>
 */
public final class SystemdChecks {
    private SystemdChecks() { }

    /** The report cell every pre-fix check must show: the SIGCHLD dispatch that calls through NULL. */
    public static final String SEGV_CELL = "dispatchSigchld(): SEGV: user-1000.slice->sigchld_event is NULL (pid 4242)";

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
     * The kernel exits the orphan while PID 1 dispatches the cgroup inotify; afterwards PID 1
     * dispatches SIGCHLD.
     */
    public static ExecutionScenario pinnedScenario(SystemdVariant v) {
        return Scenarios.of(testClass(v))
                .thread("orphanExit()")
                .thread("dispatchCgroupInotify()")
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
            new ModelCheck<>("pinned-mc", "kernel orphanExit vs PID 1 cgroup inotify, then SIGCHLD; model checking",
                    SystemdChecks::pinned,
                    v -> preFixOnly(v, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =",
                            "orphanExit(): void", "dispatchCgroupInotify(): void", SEGV_CELL))),
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
