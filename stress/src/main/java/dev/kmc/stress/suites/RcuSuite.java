package dev.kmc.stress.suites;

import dev.kmc.checks.rcu.RcuChecks;
import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.stress.runner.Suite;
import java.util.List;

/** RCU callback enqueue: the same rcu_head queued by call_rcu() on two CPUs; debugobjects as the fix. */
public final class RcuSuite implements Suite {

    private static final Variant PRE = new Variant("pre-fix", "no CONFIG_DEBUG_OBJECTS_RCU_HEAD, tree.c ~v5.15");
    private static final Variant FIXED = new Variant("fixed", "debug_rcu_head_queue: duplicate rejected and leaked");

    @Override
    public String name() { return "rcu"; }

    @Override
    public String incident() {
        return "RCU callback enqueue: the same rcu_head queued by call_rcu() on two CPUs cross-links the per-CPU"
                + " callback lists, so callbacks run twice (double free) or never.";
    }

    @Override
    public String property() {
        return "Every callback accepted by call_rcu() runs exactly once, after a grace period, in the batch of the CPU"
                + " that queued it (kernel-spec B.7).";
    }

    @Override
    public List<Variant> variants() { return List.of(PRE, FIXED); }

    private static EnqueueGuard guard(Variant v) {
        return v == PRE ? EnqueueGuard.UNGUARDED : EnqueueGuard.DEBUG_OBJECTS;
    }

    @Override
    public List<ModelCheckRun> modelChecks(Variant v) {
        EnqueueGuard g = guard(v);
        return RcuChecks.ALL.stream().map(m -> new ModelCheckRun(m.id(), m.description(), b -> m.run().apply(g, b),
                m.expectation().apply(g), RcuChecks.testClass(g))).toList();
    }

    @Override
    public List<StressHarness> stressHarnesses(Variant v) {
        String n = v == PRE ? "PreFix" : "Fixed";
        boolean bug = v == PRE;
        return List.of(
                new StressHarness("dev.kmc.stress.rcu.DoubleCallRcu." + n, "2, (2, 0|0, 2)",
                        "X runs twice and one CPU's D is lost (counts of X, D1, D2 by rcu_do_batch)", bug),
                new StressHarness("dev.kmc.stress.rcu.CallRcuVsDoBatch." + n, "2, (0, [012]|1, [02])",
                        "a callback runs twice or never while call_rcu(X) races the other CPU's rcu_do_batch", bug));
    }
}
