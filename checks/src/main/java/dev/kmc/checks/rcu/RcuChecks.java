package dev.kmc.checks.rcu;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.model.rcu.EnqueueGuard;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The Lincheck checks of the RCU suite, each with its budgets and its expected verdict per
 * variant. JUnit (RcuLincheckTest) and the kmc runner both run {@link #ALL}.
 *
 * <p>Budgets were measured on a 2-core machine shared with other jobs: QUICK runs the whole
 * suite, both variants, in 25-35 s at load average 4 (the first check includes Lincheck's
 * start-up) and about 80 s at 12; THOROUGH is an overnight run.
 */
public final class RcuChecks {
    private RcuChecks() { }

    public static Class<? extends RcuLincheck> testClass(EnqueueGuard guard) {
        return guard == EnqueueGuard.UNGUARDED ? RcuLincheck.PreFix.class : RcuLincheck.Fixed.class;
    }

    /**
     * The class the random and stress checks run: on the guarded kernel, heads passed through
     * init_rcu_head() ({@link RcuLincheck.FixedInitRcuHead}), so that what those checks report does
     * not hang on whether a random scenario happens to overlap two first call_rcu()s of one head
     * (which the pinned check shows deterministically).
     */
    public static Class<? extends RcuLincheck> searchClass(EnqueueGuard guard) {
        return guard == EnqueueGuard.UNGUARDED ? RcuLincheck.PreFix.class : RcuLincheck.FixedInitRcuHead.class;
    }

    private static String name(String check, EnqueueGuard guard) {
        return "rcu/" + check + " [" + guard.label() + "]";
    }

    private static Expectation preFixOnly(EnqueueGuard guard, Expectation onPreFix) {
        return guard == EnqueueGuard.UNGUARDED ? onPreFix : Expectation.clean();
    }

    // ---- 1. the minimal failing scenario, pinned --------------------------------------------

    /**
     * Both CPUs call_rcu(link) at once (the incident: two "peer info changed" packets), then one
     * grace period and each CPU's batch. On 3.10 the link's single next field ends both lists, so
     * both batches invoke it: {@code doBatch0(): [link]} and {@code doBatch1(): [link]}, where the
     * specification rejects one call_rcu (false) and invokes the link once. On the guarded v5.15 the
     * same results come from one interleaving: both CPUs' debug_object_activate() look the untracked
     * head up before either tracks it, and both return 0 (before 63a759694eed); model checking
     * finds it with one thread switch.
     *
     * <p>Minimal: five operations are the fewest whose results show X invoked twice. A batch
     * invokes a head at most once, so two invocations take both CPUs' batches; nothing is
     * invoked before a grace period; and X must be queued on both CPUs (queued twice on one CPU,
     * X.next = X is a cycle that the batch walks once, leaving that list empty). Fewer
     * operations contradict the specification too, but not in the invocations: from the second
     * call_rcu(X) on, the guarded contract says false, so {@code callRcu0(0): true ||
     * callRcu1(0): true} alone fails (the random search minimizes to that), and without
     * doBatch0 the results show cpu1 invoking an X it was never meant to queue, but not twice.
     */
    public static ExecutionScenario pinnedScenario(EnqueueGuard guard) {
        return Scenarios.of(testClass(guard))
                .thread("callRcu0(0)")
                .thread("callRcu1(0)")
                .post("gracePeriod()", "doBatch0()", "doBatch1()")
                .build();
    }

    /**
     * The results for the pinned scenario on both kernels, cell by cell in report order: both
     * call_rcu(link) accepted and the link invoked by both batches (the specification: one call_rcu
     * false, one batch [link], the other []).
     */
    public static final String[] PINNED_CELLS = {
        "callRcu0(0): true", "callRcu1(0): true", "gracePeriod(): void", "doBatch0(): [link]", "doBatch1(): [link]"};

    /** 3.10 fails at the first interleaving; the guarded kernel within a few (one switch after CPU 0's lookup). */
    public static LincheckVerdict pinned(EnqueueGuard guard, Budget budget) {
        ModelCheckingOptions o = Scenarios.pinned(new ModelCheckingOptions(), budget == Budget.QUICK ? 200 : 10_000,
                pinnedScenario(guard)).sequentialSpecification(RcuSpec.class);
        return LincheckRunner.run(name("pinned-mc", guard), o, testClass(guard));
    }

    // ---- 2. random scenarios only ------------------------------------------------------------

    /**
     * Random scenarios, model checked: a cpu0 thread and a cpu1 thread, grace periods on either.
     * The unguarded port fails in the first scenario. Measured on the guarded port: QUICK 10 s
     * at load average 3.5, 30 s at 12; THOROUGH about 15 s a scenario at 5, so 2000 scenarios
     * take some 8 hours.
     */
    public static LincheckVerdict random(EnqueueGuard guard, Budget budget) {
        boolean quick = budget == Budget.QUICK;
        ModelCheckingOptions o = new ModelCheckingOptions()
                .threads(2)
                .iterations(quick ? 15 : 2000)
                .invocationsPerIteration(quick ? 40 : 2000)
                .actorsBefore(quick ? 3 : 6)
                .actorsPerThread(quick ? 3 : 4)
                .actorsAfter(quick ? 3 : 6)
                .sequentialSpecification(RcuSpec.class);
        return LincheckRunner.run(name("random-mc", guard), o, searchClass(guard));
    }

    // ---- 3. stress mode ----------------------------------------------------------------------

    /**
     * Real threads: the pinned scenario, then random ones (stress mode reports results only, no
     * trace; Lincheck does not minimize a pinned scenario, so the unguarded report is the pinned
     * one). Real threads suffer most from a busy machine: 0.3 ms an invocation at load average 2,
     * 2.5-3.5 ms at 4, so THOROUGH (4 million invocations) takes 20 minutes to 4 hours.
     */
    public static LincheckVerdict stress(EnqueueGuard guard, Budget budget) {
        boolean quick = budget == Budget.QUICK;
        StressOptions o = new StressOptions()
                .addCustomScenario(Scenarios.of(searchClass(guard)).thread("callRcu0(0)").thread("callRcu1(0)")
                        .post("gracePeriod()", "doBatch0()", "doBatch1()").build())
                .threads(2)
                .iterations(quick ? 5 : 200)
                .invocationsPerIteration(quick ? 200 : 20_000)
                .actorsBefore(3)
                .actorsPerThread(3)
                .actorsAfter(3)
                .sequentialSpecification(RcuSpec.class);
        return LincheckRunner.run(name("stress", guard), o, searchClass(guard));
    }

    /** Every Lincheck check of the suite with its expected verdict per variant. */
    public static final List<ModelCheck<EnqueueGuard>> ALL = List.of(
            // Both kernels: 3.10 links the duplicate; v5.15's debugobjects lets two first activations through.
            new ModelCheck<>("pinned-mc", "call_rcu(link) on both CPUs, a grace period, both batches; model checking",
                    RcuChecks::pinned,
                    g -> Expectation.bug("IncorrectResultsFailure", withHeader(PINNED_CELLS))),
            new ModelCheck<>("random-mc", "random scenarios, cpu0 vs cpu1 threads (guarded: init_rcu_head'ed heads); model checking",
                    RcuChecks::random,
                    // The minimized failure is two accepted call_rcu of one head; which head and where vary with the search.
                    g -> preFixOnly(g, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results ="))),
            new ModelCheck<>("stress", "pinned and random scenarios on real threads (guarded: init_rcu_head'ed heads); Lincheck stress mode",
                    RcuChecks::stress,
                    g -> preFixOnly(g, Expectation.bug("IncorrectResultsFailure", withHeader(PINNED_CELLS))))
    );

    private static String[] withHeader(String[] cells) {
        String[] all = new String[cells.length + 1];
        all[0] = "= Invalid execution results =";
        System.arraycopy(cells, 0, all, 1, cells.length);
        return all;
    }

    public static ModelCheck<EnqueueGuard> byId(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no RCU check '" + id + "'"));
    }
}
