package dev.kmc.stress.rcu;

import static dev.kmc.model.rcu.RcuSubject.D1;
import static dev.kmc.model.rcu.RcuSubject.D2;
import static dev.kmc.model.rcu.RcuSubject.LINK;
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
 * The seed's double {@code call_rcu()}, raced: two "peer info changed" packets for one link, handled
 * on two CPUs, each followed by a route release on that CPU: cpu0 {@code call_rcu(link);
 * dst_release(D1)}, cpu1 {@code call_rcu(link); dst_release(D2)}. The arbiter runs a grace period
 * and rcu_do_batch on CPU 0, then on CPU 1. The link's head is fresh (untracked by debugobjects).
 * <p>
 * 3.10.0-514: both call_rcu(link) link it, so link.next is the NEXT tail of both lists; whichever of
 * {@code link.next = D1} and {@code link.next = D2} comes last wins: both lists run the link and the
 * winner's D (the second time with the real callbacks: link_rehash_rcu finds its 4-tuple hashed,
 * dst_destroy_rcu hits list_del on LIST_POISON1 and frees again), and the loser's D never runs.
 * v5.15 with debugobjects before 63a759694eed: a call_rcu(link) that finds the head ACTIVE is
 * rejected and leaked ("1, 1, 1"); but both CPUs' debug_object_activate() can look the untracked
 * head up before either tracks it, and then both are accepted: the same two cross-linked outcomes.
 * <p>
 * Result: r1, r2, r3 = how often rcu_do_batch invoked link, D1, D2 (its count: through NULL and
 * rcu_leak_callback included). Every outcome not listed is impossible in the port: FORBIDDEN.
 * <p>
 * Run alone: {@code ./kmc jcstress -t DoubleCallRcu -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50};
 * {@code -t DoubleCallRcu.PreFix} or {@code .Fixed} for one.
 */
public final class DoubleCallRcu {
    private DoubleCallRcu() { }

    static final String EXACTLY_ONCE = "1, 1, 1";
    static final String EXACTLY_ONCE_DESC = "v5.15 debugobjects: one call_rcu(link) activated the head, the other found it "
            + "ACTIVE and was rejected (\"Double-freed CB\", link->func = rcu_leak_callback) and linked nothing. The lists stayed "
            + "disjoint: the link ran once (as rcu_leak_callback, or link_rehash_rcu if the winner's func store came after "
            + "the leak store), D1 once on cpu0, D2 once on cpu1. Impossible on 3.10, whose __call_rcu never refuses.";
    static final String D1_TWICE_D2_LOST = "2, 2, 0";
    static final String D1_TWICE_D2_LOST_DESC = "Both call_rcu(link) linked the link, so link.next was the NEXT tail of "
            + "both lists; cpu0's link.next = D1 came last and overwrote cpu1's link to D2. Both CPUs ran link -> D1 (3.10: "
            + "the real callbacks twice, D1's dst freed twice; v5.15: cpu1's visits through NULL); D2 never ran. On v5.15 "
            + "debugobjects let both through: both first activations missed the lookup (before 63a759694eed).";
    static final String D2_TWICE_D1_LOST = "2, 0, 2";
    static final String D2_TWICE_D1_LOST_DESC = "Both call_rcu(link) linked the link; cpu1's link.next = D2 came last and "
            + "overwrote cpu0's link to D1. Both CPUs ran link -> D2 (3.10: the real callbacks twice, D2's dst freed twice; "
            + "v5.15: cpu1's visits through NULL); D1 never ran. On v5.15: both first activations missed the lookup.";

    /** What each thread does; the variants only bind the kernel and the grading. */
    abstract static class Race extends RcuRace {
        Race(EnqueueGuard guard) {
            super(guard);
        }

        /** CPU {@code cpu}: the peer-info handler re-queues the link (accepted or not), then dst_release({@code own}). */
        final void linkThen(int cpu, int own) {
            rcu.callRcu(cpu, LINK);
            release(cpu, own);
        }

        final void arbiter(III_Result r) {
            int[] n = gracePeriodThenBatchBothCpus();
            r.r1 = n[0];
            r.r2 = n[1];
            r.r3 = n[2];
        }
    }

    /** 3.10.0-514, no CONFIG_DEBUG_OBJECTS_RCU_HEAD (the incident): every sample cross-links the lists. */
    @JCStressTest
    @State
    @Outcome(id = EXACTLY_ONCE, expect = FORBIDDEN, desc = EXACTLY_ONCE_DESC)
    @Outcome(id = D1_TWICE_D2_LOST, expect = ACCEPTABLE_INTERESTING, desc = D1_TWICE_D2_LOST_DESC)
    @Outcome(id = D2_TWICE_D1_LOST, expect = ACCEPTABLE_INTERESTING, desc = D2_TWICE_D1_LOST_DESC)
    public static class PreFix extends Race {
        public PreFix() {
            super(EnqueueGuard.UNGUARDED);
        }

        @Actor
        public void cpu0() {
            linkThen(0, D1);
        }

        @Actor
        public void cpu1() {
            linkThen(1, D2);
        }

        @Arbiter
        public void gracePeriodThenBatches(III_Result r) {
            arbiter(r);
        }
    }

    /** v5.15, CONFIG_DEBUG_OBJECTS_RCU_HEAD=y, debugobjects before 63a759694eed: usually rejected, not always. */
    @JCStressTest
    @State
    @Outcome(id = EXACTLY_ONCE, expect = ACCEPTABLE, desc = EXACTLY_ONCE_DESC)
    @Outcome(id = D1_TWICE_D2_LOST, expect = ACCEPTABLE_INTERESTING, desc = D1_TWICE_D2_LOST_DESC)
    @Outcome(id = D2_TWICE_D1_LOST, expect = ACCEPTABLE_INTERESTING, desc = D2_TWICE_D1_LOST_DESC)
    public static class Fixed extends Race {
        public Fixed() {
            super(EnqueueGuard.DEBUG_OBJECTS);
        }

        @Actor
        public void cpu0() {
            linkThen(0, D1);
        }

        @Actor
        public void cpu1() {
            linkThen(1, D2);
        }

        @Arbiter
        public void gracePeriodThenBatches(III_Result r) {
            arbiter(r);
        }
    }
}
