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
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * The duplicate call_rcu(link) raced against the first CPU's rcu_do_batch (kernel-spec B.4 general
 * rules 2 and 3; on the guarded kernel, the two steps of debug_rcu_head_unqueue()).
 * <p>
 * State: cpu0 ran {@code call_rcu(link)}, a grace period, then {@code dst_release(D1)}: the link is
 * cpu0's only DONE callback ({@code tails[DONE] = &link.next}) and D1 waits behind it. cpu0's actor
 * runs rcu_do_batch: extraction reads {@code link.next} as its new head, writes
 * {@code *tails[DONE] = link.next = NULL}, the dequeue of the link reads {@code link.next} again,
 * then debug_rcu_head_unqueue() (v5.15: active_state QUEUED-&gt;READY, unlock, deactivate) and the
 * callback. cpu1's actor runs {@code call_rcu(link); dst_release(D2)}. The arbiter runs a grace
 * period and both batches, then one more {@code call_rcu(link)} on CPU 1.
 * <p>
 * 3.10.0-514: nothing refuses cpu1's call_rcu; where cpu0's link.next accesses fall among cpu1's
 * stores decides the outcome, and the link always runs twice. v5.15 with debugobjects: cpu1's
 * call_rcu finds the head ACTIVE until cpu0's deactivate, and is rejected (its rcu_leak_callback
 * store may be what cpu0 reads as f); if its active_state lands between cpu0's two unqueue steps it
 * moves astate READY-&gt;QUEUED, cpu0's deactivate then refuses (astate not 0) and the head stays
 * ACTIVE/QUEUED for good: the arbiter's later call_rcu is rejected too. After cpu0's deactivate the
 * re-post is accepted and legal.
 * <p>
 * Result: r1, r2, r3 = how often rcu_do_batch invoked link, D1, D2; r4 = 1 if the arbiter's later
 * call_rcu(link) was accepted, 0 if rejected. Every outcome not listed, and every listed one graded
 * FORBIDDEN, is impossible on that kernel in the port.
 * <p>
 * Run alone: {@code ./kmc jcstress -t CallRcuVsDoBatch -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}.
 */
public final class CallRcuVsDoBatch {
    private CallRcuVsDoBatch() { }

    static final String REJECTED = "1, 1, 1, 1";
    static final String REJECTED_DESC = "v5.15: cpu1's call_rcu(link) found the head ACTIVE (still queued on cpu0) and was "
            + "rejected (\"Double-freed CB\", link->func = rcu_leak_callback), linking nothing; cpu0's unqueue then completed "
            + "normally. The link ran once on cpu0 (as rcu_leak_callback if the leak store came before cpu0 read f: then "
            + "link_rehash_rcu never ran), D1 once, D2 once; a later call_rcu(link) is accepted. Impossible on 3.10.";
    static final String STUCK = "1, 1, 1, 0";
    static final String STUCK_DESC = "v5.15: cpu1's call_rcu(link) was rejected while the head was ACTIVE, and its "
            + "debug_object_active_state(READY -> QUEUED) ran after cpu0's QUEUED -> READY and before cpu0's deactivate: "
            + "astate was QUEUED again, so deactivate refused (ODEBUG \"deactivate active (active state 1)\") and the head "
            + "stays ACTIVE/QUEUED though no list holds it. Each callback ran once, but the later call_rcu(link) is rejected "
            + "too: from now on every call_rcu of the link is a \"Double-freed CB\". Impossible on 3.10.";
    static final String REQUEUED_AFTER_DEQUEUE = "2, 1, 1, 1";
    static final String REQUEUED_AFTER_DEQUEUE_DESC = "cpu0 read link.next = D1 as its new head and dequeued the link (v5.15: "
            + "and deactivated it) before cpu1 linked D2 behind the link: the link ran once per accepted call_rcu, on cpu0 "
            + "and on cpu1; D1 on cpu0, D2 on cpu1.";
    static final String D2_CUT_OFF = "2, 1, 0, 1";
    static final String D2_CUT_OFF_DESC = "3.10: cpu0 read link.next = D1 as its new head; cpu1 then linked D2 behind the link, "
            + "and cpu0's *tails[DONE] = NULL wrote link.next and cut it off cpu1's list: the link ran on both CPUs, D1 on "
            + "cpu0, D2 never (cpu1 still counts it).";
    static final String D2_EARLY_TWICE = "2, 1, 2, 1";
    static final String D2_EARLY_TWICE_DESC = "3.10: cpu0 took D1 as its new head and wrote link.next = NULL; cpu1 then linked "
            + "D2 behind the link before cpu0 dequeued it: cpu0 ran the link and D2 (before D2's grace period), cpu1 ran "
            + "them again (D2's dst destroyed twice: list_del on LIST_POISON1, double free); D1 ran on cpu0.";
    static final String D1_LOST = "2, 0, 1, 1";
    static final String D1_LOST_DESC = "3.10: cpu1's call_rcu(link) stored link.next = NULL before cpu0's extraction read it, "
            + "cutting D1 off cpu0's list: D1 never ran. The link ran on both CPUs (link_rehash_rcu twice: \"same 4-tuple\"); "
            + "D2 ran once, on cpu1, or on cpu0 if cpu1 had already linked it behind the link.";
    static final String D1_LOST_D2_EARLY_TWICE = "2, 0, 2, 1";
    static final String D1_LOST_D2_EARLY_TWICE_DESC = "3.10: cpu1's link.next = NULL cut D1 off cpu0's list (D1 never ran); "
            + "then cpu1 linked D2 behind the link after cpu0's *tails[DONE] = NULL but before cpu0 dequeued it: cpu0 ran "
            + "the link and D2 early, cpu1 ran them again.";
    static final String BOTH_LOST = "2, 0, 0, 1";
    static final String BOTH_LOST_DESC = "3.10: cpu1's link.next = NULL cut D1 off cpu0's list before cpu0's extraction read "
            + "it; cpu1 then linked D2 behind the link just before cpu0's *tails[DONE] = NULL cut it off again: D1 and D2 "
            + "never ran, the link ran on both CPUs.";

    /** What each thread does; the variants only bind the kernel and the grading. */
    abstract static class Race extends RcuRace {
        /**
         * NOTE: the constructor runs cpu0's call_rcu(link), the grace period and dst_release(D1) on
         * whichever thread jcstress builds the state with, before either actor starts: it simply
         * begins CPU 0's sequence.
         */
        Race(EnqueueGuard guard) {
            super(guard);
            release(0, LINK);
            rcu.gracePeriod();
            release(0, D1);                                     // notes the grace period first: the link is DONE, D1 is NEXT
        }

        /** CPU 1: the peer-info handler re-queues the link (accepted or not), then dst_release(D2). */
        final void linkAgainThenD2() {
            rcu.callRcu(1, LINK);
            release(1, D2);
        }

        final void arbiter(IIII_Result r) {
            int[] n = gracePeriodThenBatchBothCpus();
            r.r1 = n[0];
            r.r2 = n[1];
            r.r3 = n[2];
            r.r4 = rcu.callRcu(1, LINK) ? 1 : 0;                // a later, legal call_rcu(link)
        }
    }

    /** 3.10.0-514 (the incident): the link always runs twice; D1 or D2 may be lost or run twice. */
    @JCStressTest
    @State
    @Outcome(id = REJECTED, expect = FORBIDDEN, desc = REJECTED_DESC)
    @Outcome(id = STUCK, expect = FORBIDDEN, desc = STUCK_DESC)
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
            linkAgainThenD2();
        }

        @Arbiter
        public void gracePeriodThenBatches(IIII_Result r) {
            arbiter(r);
        }
    }

    /** v5.15 with debugobjects before 63a759694eed: the lists stay intact; the head can be left ACTIVE/QUEUED for good. */
    @JCStressTest
    @State
    @Outcome(id = REJECTED, expect = ACCEPTABLE, desc = REJECTED_DESC)
    @Outcome(id = STUCK, expect = ACCEPTABLE_INTERESTING, desc = STUCK_DESC)
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
            linkAgainThenD2();
        }

        @Arbiter
        public void gracePeriodThenBatches(IIII_Result r) {
            arbiter(r);
        }
    }
}
