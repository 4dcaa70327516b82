package dev.kmc.stress.rcu;

import static dev.kmc.model.rcu.RcuSubject.D1;
import static dev.kmc.model.rcu.RcuSubject.D2;
import static dev.kmc.model.rcu.RcuSubject.X;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.kmc.model.rcu.EnqueueGuard;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The double {@code call_rcu()} itself, raced: kernel-spec B.4 steps 1-4 on two real threads,
 * as in B.7 "JCStress". Each CPU's peer-info handler releases the route X, then one route of its
 * own: cpu0 {@code call_rcu(X); call_rcu(D1)}, cpu1 {@code call_rcu(X); call_rcu(D2)}. The
 * arbiter runs a grace period and rcu_do_batch on CPU 0, then on CPU 1.
 * <p>
 * Unguarded (no CONFIG_DEBUG_OBJECTS_RCU_HEAD), both call_rcu(X) link X, so X.next is the NEXT
 * tail of both lists. Each CPU's last store into X.next is the link to its own D (its earlier
 * stores are NULLs), so whichever of {@code X.next = D1} and {@code X.next = D2} comes last wins:
 * both lists run X and the winner's D, and the loser's D is reachable from nowhere. No other
 * outcome is reachable. With debugobjects (B.5, B.6) exactly one call_rcu(X) wins the
 * test-and-set; the other is reported and leaked, and the lists stay disjoint.
 * <p>
 * Result: r1, r2, r3 = how often rcu_do_batch invoked X, D1, D2, counting every callback it
 * dequeued (its {@code count}), including a call through NULL ({@code ->func} already cleared by
 * the other CPU's visit: the kernel oopses, the port records a {@code NullCallbackInvocation})
 * and a run of rcu_leak_callback. Counting calls of dst_destroy_rcu instead would show the
 * unguarded X as 1 (its second visit is through NULL) and the guarded X as 0 (leaked). Every
 * outcome not listed is impossible in the port and jcstress grades it FORBIDDEN.
 * <p>
 * Run alone (both variants): {@code java -cp stress/target/kmc.jar org.openjdk.jcstress.Main
 * -t DoubleCallRcu -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50} (or
 * {@code ./kmc jcstress -t DoubleCallRcu ...}); {@code -t DoubleCallRcu.PreFix} or {@code .Fixed}
 * for one.
 */
public final class DoubleCallRcu {
    private DoubleCallRcu() { }

    static final String EXACTLY_ONCE = "1, 1, 1";
    static final String EXACTLY_ONCE_DESC = "One call_rcu(X) won debugobjects' test-and-set and queued X; the other "
            + "was rejected (\"Double-freed CB\", X->func = rcu_leak_callback) and linked nothing. The lists stayed "
            + "disjoint: X ran once (leaked, or freed if the winner's func store landed after the leak store), "
            + "D1 once on cpu0, D2 once on cpu1.";
    static final String D1_TWICE_D2_LOST = "2, 2, 0";
    static final String D1_TWICE_D2_LOST_DESC = "Both call_rcu(X) linked X, so X.next was the NEXT tail of both "
            + "lists; cpu0's X.next = D1 came last and overwrote cpu1's link to D2. Both CPUs ran X -> D1 (cpu1's "
            + "visits called through NULL: cpu0 had cleared ->func); D2 was reachable from nowhere and never ran.";
    static final String D2_TWICE_D1_LOST = "2, 0, 2";
    static final String D2_TWICE_D1_LOST_DESC = "Both call_rcu(X) linked X, so X.next was the NEXT tail of both "
            + "lists; cpu1's X.next = D2 came last and overwrote cpu0's link to D1. Both CPUs ran X -> D2 (cpu1's "
            + "visits called through NULL: cpu0 had cleared ->func); D1 was reachable from nowhere and never ran.";

    /** What each thread does; the variants only bind the guard and the grading. */
    abstract static class Race extends RcuRace {
        Race(EnqueueGuard guard) {
            super(guard);
        }

        /** CPU {@code cpu}: the peer-info handler releases X (accepted or not), then dst_release({@code own}). */
        final void releaseXThen(int cpu, int own) {
            rcu.callRcu(cpu, X);
            release(cpu, own);
        }
    }

    /** No CONFIG_DEBUG_OBJECTS_RCU_HEAD, as in the incident: invoked twice or never is the bug, expected here. */
    @JCStressTest
    @State
    @Outcome(id = EXACTLY_ONCE, expect = ACCEPTABLE, desc = EXACTLY_ONCE_DESC)
    @Outcome(id = D1_TWICE_D2_LOST, expect = ACCEPTABLE_INTERESTING, desc = D1_TWICE_D2_LOST_DESC)
    @Outcome(id = D2_TWICE_D1_LOST, expect = ACCEPTABLE_INTERESTING, desc = D2_TWICE_D1_LOST_DESC)
    public static class PreFix extends Race {
        public PreFix() {
            super(EnqueueGuard.UNGUARDED);
        }

        @Actor
        public void cpu0() {
            releaseXThen(0, D1);
        }

        @Actor
        public void cpu1() {
            releaseXThen(1, D2);
        }

        @Arbiter
        public void gracePeriodThenBatches(III_Result r) {
            gracePeriodThenBatchBothCpus(r);
        }
    }

    /** CONFIG_DEBUG_OBJECTS_RCU_HEAD=y: the duplicate is rejected, every callback runs exactly once. */
    @JCStressTest
    @State
    @Outcome(id = EXACTLY_ONCE, expect = ACCEPTABLE, desc = EXACTLY_ONCE_DESC)
    @Outcome(id = D1_TWICE_D2_LOST, expect = FORBIDDEN, desc = D1_TWICE_D2_LOST_DESC)
    @Outcome(id = D2_TWICE_D1_LOST, expect = FORBIDDEN, desc = D2_TWICE_D1_LOST_DESC)
    public static class Fixed extends Race {
        public Fixed() {
            super(EnqueueGuard.DEBUG_OBJECTS);
        }

        @Actor
        public void cpu0() {
            releaseXThen(0, D1);
        }

        @Actor
        public void cpu1() {
            releaseXThen(1, D2);
        }

        @Arbiter
        public void gracePeriodThenBatches(III_Result r) {
            gracePeriodThenBatchBothCpus(r);
        }
    }
}
