package dev.kmc.stress.suites;

import dev.kmc.checks.rcu.RcuChecks;
import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.stress.runner.Suite;
import java.util.List;

/** RCU callback enqueue: the same rcu_head queued by call_rcu() on two CPUs; 3.10.0-514 and v5.15 with debugobjects. */
public final class RcuSuite implements Suite {

    private static final Variant PRE = new Variant("pre-fix", "3.10.0-514.el7 (the incident), no CONFIG_DEBUG_OBJECTS_RCU_HEAD");
    private static final Variant FIXED = new Variant("fixed",
            "v5.15 + CONFIG_DEBUG_OBJECTS_RCU_HEAD, debugobjects before 63a759694eed: an ACTIVE head's duplicate is rejected and leaked");

    @Override
    public String name() { return "rcu"; }

    @Override
    public String incident() {
        return "RCU callback enqueue: a link's rcu_head queued by call_rcu() on two CPUs (3.10.0-514) cross-links the per-CPU"
                + " callback lists, so the link and the dst entries queued behind it run twice (list_del on LIST_POISON1,"
                + " double free, slab reuse) or never.";
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
                // Fixed: both first call_rcu(link) accepted is allowed by its debugobjects (ACCEPTABLE_INTERESTING in the
                // harness), so "clean" here means no outcome its port cannot produce.
                bug ? new StressHarness("dev.kmc.stress.rcu.DoubleCallRcu." + n, "2, (2, 0|0, 2)",
                        "the link runs twice and one CPU's dst is lost (counts of link, D1, D2 by rcu_do_batch)", true)
                    : new StressHarness("dev.kmc.stress.rcu.DoubleCallRcu." + n, "(?!1, 1, 1$|2, 2, 0$|2, 0, 2$).*",
                        "an outcome v5.15's debugobjects cannot produce", false),
                new StressHarness("dev.kmc.stress.rcu.CallRcuVsDoBatch." + n, "2, (0, [012]|1, [02]), 1",
                        "a callback runs twice or never while call_rcu(link) races the other CPU's rcu_do_batch", bug));
    }
}
