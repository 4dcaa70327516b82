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
 * The duplicate call_rcu(X) raced against the first CPU's rcu_do_batch: kernel-spec B.4, general
 * rules 2 and 3, on top of B.3's rcu_segcblist_extract_done_cbs.
 * <p>
 * State: cpu0 ran {@code call_rcu(X)}, a grace period, then {@code call_rcu(D1)}. X is cpu0's
 * only DONE callback, so {@code tails[DONE] = &X.next}, and D1 waits behind it in NEXT
 * ({@code X.next = D1}). cpu0's actor runs rcu_do_batch: extraction reads {@code X.next} as its
 * new head (adopting whatever follows X), writes {@code *tails[DONE] = X.next = NULL}, then the
 * dequeue of X reads {@code X.next} again. cpu1's actor runs {@code call_rcu(X); call_rcu(D2)},
 * which stores NULL into X.next (cutting D1 off cpu0's list) and then D2 (putting D2 behind X on
 * both lists). The arbiter runs a grace period and rcu_do_batch on CPU 0, then on CPU 1. D1 is
 * queued after the grace period on purpose: X stays the last DONE callback, so the extraction
 * writes into X.next (rule 3), and D1 behind X is what cpu1's X.next = NULL cuts off (rule 2).
 * <p>
 * Unguarded, where cpu0's three X.next accesses fall among cpu1's stores decides the outcome;
 * X always runs twice, once per CPU. With debugobjects (B.5) cpu1's call_rcu(X) either finds X
 * still queued (rejected, nothing linked: 1, 1, 1) or comes after cpu0's debug_rcu_head_unqueue,
 * which rcu_do_batch runs after dequeuing X and before invoking it, so the re-post is legal and
 * cpu0 has read X.next for the last time (2, 1, 1). Either way D1 and D2 run exactly once.
 * <p>
 * Result: r1, r2, r3 = how often rcu_do_batch invoked X, D1, D2, counting every callback it
 * dequeued, through NULL and rcu_leak_callback included (see {@link DoubleCallRcu}). Every
 * outcome not listed is impossible in the port and jcstress grades it FORBIDDEN.
 * <p>
 * Run alone (both variants): {@code java -cp stress/target/kmc.jar org.openjdk.jcstress.Main
 * -t CallRcuVsDoBatch -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50} (or
 * {@code ./kmc jcstress -t CallRcuVsDoBatch ...}); {@code -t CallRcuVsDoBatch.PreFix} or
 * {@code .Fixed} for one.
 */
public final class CallRcuVsDoBatch {
    private CallRcuVsDoBatch() { }

    static final String REJECTED = "1, 1, 1";
    static final String REJECTED_DESC = "cpu1's call_rcu(X) came while X was still queued on cpu0: debugobjects "
            + "rejected it (\"Double-freed CB\", X->func = rcu_leak_callback) and linked nothing. X ran once on cpu0 "
            + "(freed, or leaked if the leak store came before cpu0 read ->func), D1 once on cpu0, D2 once on cpu1.";
    static final String REQUEUED_AFTER_DEQUEUE = "2, 1, 1";
    static final String REQUEUED_AFTER_DEQUEUE_DESC = "cpu0 read X.next = D1 as its new head and dequeued X before "
            + "cpu1 linked D2 behind X: X ran once per accepted call_rcu(X), on cpu0 and on cpu1 (there through NULL "
            + "if cpu0 cleared ->func after cpu1 set it); D1 ran on cpu0, D2 on cpu1. X's dst is freed twice, which "
            + "no RCU check sees.";
    static final String D2_CUT_OFF = "2, 1, 0";
    static final String D2_CUT_OFF_DESC = "cpu0 read X.next = D1 as its new head; cpu1 then linked D2 behind X, and "
            + "cpu0's *tails[DONE] = NULL wrote X.next and cut it off cpu1's list: X ran on both CPUs, D1 on cpu0, "
            + "D2 never (cpu1 still counts it: len 1, list empty).";
    static final String D2_EARLY_TWICE = "2, 1, 2";
    static final String D2_EARLY_TWICE_DESC = "cpu0 took D1 as its new head and wrote X.next = NULL; cpu1 then "
            + "linked D2 behind X before cpu0 dequeued X: cpu0 ran X and D2 (before D2's grace period), cpu1 ran X "
            + "and D2 again, D1 ran on cpu0 (whose len ends at -1).";
    static final String D1_LOST = "2, 0, 1";
    static final String D1_LOST_DESC = "cpu1's call_rcu(X) stored X.next = NULL before cpu0's extraction read it, "
            + "cutting D1 off cpu0's list: D1 never ran. X ran on both CPUs; D2 ran once, on cpu1, or on cpu0 if "
            + "cpu1 had already linked it behind X: cpu0 adopted D2 as its new head and its *tails[DONE] = NULL cut "
            + "cpu1's list after X.";
    static final String D1_LOST_D2_EARLY_TWICE = "2, 0, 2";
    static final String D1_LOST_D2_EARLY_TWICE_DESC = "cpu1's X.next = NULL cut D1 off cpu0's list before cpu0's "
            + "extraction read it (D1 never ran); then cpu1 linked D2 behind X after cpu0's *tails[DONE] = NULL but "
            + "before cpu0 dequeued X: cpu0 ran X and D2 (before D2's grace period), cpu1 ran X and D2 again.";
    static final String BOTH_LOST = "2, 0, 0";
    static final String BOTH_LOST_DESC = "cpu1's X.next = NULL cut D1 off cpu0's list before cpu0's extraction read "
            + "it; cpu1 then linked D2 behind X just before cpu0's *tails[DONE] = NULL cut it off again: D1 and D2 "
            + "never ran, X ran on both CPUs.";

    /** What each thread does; the variants only bind the guard and the grading. */
    abstract static class Race extends RcuRace {
        /**
         * NOTE: the constructor runs cpu0's call_rcu(X), the grace period and cpu0's call_rcu(D1)
         * on whichever thread jcstress builds the state with: a test device like the arbiter, run
         * before either actor starts, so it simply begins CPU 0's sequence.
         */
        Race(EnqueueGuard guard) {
            super(guard);
            release(0, X);
            rcu.gracePeriod();
            release(0, D1);                                     // notes the grace period first: X is DONE, D1 is NEXT
        }

        /** CPU 1: the peer-info handler releases X again (accepted or not), then dst_release(D2). */
        final void releaseXAgainThenD2() {
            rcu.callRcu(1, X);
            release(1, D2);
        }
    }

    /** No CONFIG_DEBUG_OBJECTS_RCU_HEAD, as in the incident: invoked twice, early or never is the bug, expected here. */
    @JCStressTest
    @State
    @Outcome(id = REJECTED, expect = ACCEPTABLE, desc = REJECTED_DESC)
    @Outcome(id = REQUEUED_AFTER_DEQUEUE, expect = ACCEPTABLE, desc = REQUEUED_AFTER_DEQUEUE_DESC)
    @Outcome(id = D2_CUT_OFF, expect = ACCEPTABLE_INTERESTING, desc = D2_CUT_OFF_DESC)
    @Outcome(id = D2_EARLY_TWICE, expect = ACCEPTABLE_INTERESTING, desc = D2_EARLY_TWICE_DESC)
    @Outcome(id = D1_LOST, expect = ACCEPTABLE_INTERESTING, desc = D1_LOST_DESC)
    @Outcome(id = D1_LOST_D2_EARLY_TWICE, expect = ACCEPTABLE_INTERESTING, desc = D1_LOST_D2_EARLY_TWICE_DESC)
    @Outcome(id = BOTH_LOST, expect = ACCEPTABLE_INTERESTING, desc = BOTH_LOST_DESC)
    public static class PreFix extends Race {
        public PreFix() {
            super(EnqueueGuard.UNGUARDED);
        }

        @Actor
        public void cpu0() {
            rcu.doBatch(0);
        }

        @Actor
        public void cpu1() {
            releaseXAgainThenD2();
        }

        @Arbiter
        public void gracePeriodThenBatches(III_Result r) {
            gracePeriodThenBatchBothCpus(r);
        }
    }

    /** CONFIG_DEBUG_OBJECTS_RCU_HEAD=y: a duplicate is rejected while X is queued, legal after; D1, D2 run exactly once. */
    @JCStressTest
    @State
    @Outcome(id = REJECTED, expect = ACCEPTABLE, desc = REJECTED_DESC)
    @Outcome(id = REQUEUED_AFTER_DEQUEUE, expect = ACCEPTABLE, desc = REQUEUED_AFTER_DEQUEUE_DESC)
    @Outcome(id = D2_CUT_OFF, expect = FORBIDDEN, desc = D2_CUT_OFF_DESC)
    @Outcome(id = D2_EARLY_TWICE, expect = FORBIDDEN, desc = D2_EARLY_TWICE_DESC)
    @Outcome(id = D1_LOST, expect = FORBIDDEN, desc = D1_LOST_DESC)
    @Outcome(id = D1_LOST_D2_EARLY_TWICE, expect = FORBIDDEN, desc = D1_LOST_D2_EARLY_TWICE_DESC)
    @Outcome(id = BOTH_LOST, expect = FORBIDDEN, desc = BOTH_LOST_DESC)
    public static class Fixed extends Race {
        public Fixed() {
            super(EnqueueGuard.DEBUG_OBJECTS);
        }

        @Actor
        public void cpu0() {
            rcu.doBatch(0);
        }

        @Actor
        public void cpu1() {
            releaseXAgainThenD2();
        }

        @Arbiter
        public void gracePeriodThenBatches(III_Result r) {
            gracePeriodThenBatchBothCpus(r);
        }
    }
}
