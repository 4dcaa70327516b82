package dev.kmc.checks.rcu;

import static dev.kmc.model.rcu.RcuSegCbList.RCU_DONE_TAIL;
import static dev.kmc.model.rcu.RcuSegCbList.RCU_NEXT_TAIL;
import static dev.kmc.model.rcu.RcuSubject.D1;
import static dev.kmc.model.rcu.RcuSubject.D2;
import static dev.kmc.model.rcu.RcuSubject.D3;
import static dev.kmc.model.rcu.RcuSubject.D4;
import static dev.kmc.model.rcu.RcuSubject.X;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.Rcu;
import dev.kmc.model.rcu.RcuCallback;
import dev.kmc.model.rcu.RcuFinding.CallbackCycle;
import dev.kmc.model.rcu.RcuFinding.DoubleCallRcu;
import dev.kmc.model.rcu.RcuFinding.DoubleFree;
import dev.kmc.model.rcu.RcuFinding.DoubleInvocation;
import dev.kmc.model.rcu.RcuFinding.EarlyInvocation;
import dev.kmc.model.rcu.RcuFinding.Leak;
import dev.kmc.model.rcu.RcuFinding.NullCallbackInvocation;
import dev.kmc.model.rcu.RcuFinding.Warn;
import dev.kmc.model.rcu.RcuHead;
import dev.kmc.model.rcu.RcuInvariants;
import dev.kmc.model.rcu.RcuSegCbList;
import dev.kmc.model.rcu.RcuSubject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deterministic sequences of kernel-spec B.4-B.6, with the B.7 invariants checked after every step. */
class RcuSequenceTest {

    /** The CPUs of the kernel-spec tables. */
    private static final int A = 0;
    private static final int B = 1;

    /** Kernel-spec B.4 steps 1..6: {cpu, head}. Step 7 is the grace period, 8 A's batch, 9 B's batch. */
    private static final int[][] B4_CALLS = {{A, X}, {B, X}, {A, D1}, {B, D2}, {A, D3}, {B, D4}};

    /** Runs B.4 step {@code step} (1..9): the call_rcu result, "" for the grace period, or the heads a batch invoked. */
    private static String b4Step(RcuSubject s, int step) {
        return switch (step) {
            case 7 -> {
                s.gracePeriod();
                yield "";
            }
            case 8 -> s.doBatch(A);
            case 9 -> s.doBatch(B);
            default -> String.valueOf(s.callRcu(B4_CALLS[step - 1][0], B4_CALLS[step - 1][1]));
        };
    }

    /** One cell of the B.4 table: reachable from head / tails[NEXT] / len, e.g. "[X, D2] / &amp;D1.next / 2". */
    private static String row(RcuSubject s, int cpu) {
        RcuSegCbList l = s.rcu().cblist(cpu);
        return l.walk().nodes().stream().map(RcuHead::name).toList() + " / " + l.tail(RCU_NEXT_TAIL).cellName() + " / " + l.len();
    }

    private static String violation(RcuSubject s) {
        return RcuInvariants.firstViolation(s.rcu());
    }

    @Test
    void unguardedDoubleEnqueueInvokesTwiceAndLosesTwo() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        String[][] table = {                                  // A, B after steps 1..6 (kernel-spec B.4)
            {"[X] / &X.next / 1", "[] / &head / 0"},
            {"[X] / &X.next / 1", "[X] / &X.next / 1"},
            {"[X, D1] / &D1.next / 2", "[X, D1] / &X.next / 1"},
            {"[X, D2] / &D1.next / 2", "[X, D2] / &D2.next / 2"},   // B's X.next = D2 orphans D1
            {"[X, D2] / &D3.next / 3", "[X, D2] / &D2.next / 2"},   // D3 goes into the orphan chain
            {"[X, D2, D4] / &D3.next / 3", "[X, D2, D4] / &D4.next / 3"},
        };
        for (int step = 1; step <= 6; step++) {
            assertEquals("true", b4Step(s, step));
            assertEquals(table[step - 1][0], row(s, A), "A after step " + step + "\n" + s);
            assertEquals(table[step - 1][1], row(s, B), "B after step " + step + "\n" + s);
        }
        Rcu rcu = s.rcu();
        assertSame(rcu.head(D3), rcu.head(D1).next(), "orphan chain D1 -> D3\n" + s);

        b4Step(s, 7);
        rcu.noteGpChanges(A);
        rcu.noteGpChanges(B);
        assertEquals("&D3.next", rcu.cblist(A).tail(RCU_DONE_TAIL).cellName(), s.toString());
        assertEquals("&D4.next", rcu.cblist(B).tail(RCU_DONE_TAIL).cellName(), s.toString());

        assertEquals("[X, D2, D4]", b4Step(s, 8));
        assertEquals("[] / &head / 0", row(s, A));
        assertNull(rcu.head(D3).next(), "A's *tails[DONE] = NULL wrote D3.next");
        assertEquals("[X, D2, D4]", b4Step(s, 9), "B walks the same chain again");
        assertEquals("[] / &head / 0", row(s, B), "len balances here (3 and 3), the identities do not");
        assertArrayEquals(new int[] {2, 0, 2, 0, 2}, s.invocations(), s.toString());

        // v5.15: A cleared ->func before each call, so B's second free of X, D2, D4 is a call
        // through NULL (the kernel oopses at the first one), not a second dst_destroy_rcu. X was
        // call_rcu'd twice, so only D2 and D4 exceed their accepted count. No WARN: len balances.
        assertEquals(List.of(
                new NullCallbackInvocation(B, "X"),
                new DoubleInvocation(B, "D2", 2, 1), new NullCallbackInvocation(B, "D2"),
                new DoubleInvocation(B, "D4", 2, 1), new NullCallbackInvocation(B, "D4")), rcu.findings(), s.toString());
        boolean[] freed = {true, false, true, false, true};   // D1 and D3: their owners never see the free
        for (int id = X; id <= D4; id++) {
            assertEquals(freed[id], s.dst(id).isFreed(), RcuSubject.NAMES.get(id));
        }
        assertEquals("exactly once: D2 invoked 2x, call_rcu accepted it 1x", RcuInvariants.exactlyOnceViolation(rcu));
    }

    @Test
    void unguardedFirstBreaksDisjointnessWhenTheSecondCpuQueuesX() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        List<String> after = new ArrayList<>();
        for (int step = 1; step <= 9; step++) {
            b4Step(s, step);
            after.add(violation(s));
        }
        assertNull(after.get(0), "step 1 is a correct call_rcu");
        assertEquals("disjointness: X is reachable from cpu0 and cpu1", after.get(1), "B: call_rcu(X) makes X.next a tail cell of both lists");
        for (int step = 2; step <= 9; step++) {
            assertNotNull(after.get(step - 1), "the lists never recover, yet step " + step + " satisfies B.7\n" + s);
        }
        assertEquals("func: cpu1 invoked X through NULL, not the func given to call_rcu", after.get(8));
    }

    @Test
    void debugObjectsRejectsTheDuplicateAndLeaksX() {
        RcuSubject s = new RcuSubject(EnqueueGuard.DEBUG_OBJECTS);
        List<String> results = new ArrayList<>();
        for (int step = 1; step <= 9; step++) {
            results.add(b4Step(s, step));
            assertNull(violation(s), "after B.4 step " + step + "\n" + s);
            assertNull(RcuInvariants.exactlyOnceViolation(s.rcu()), "after B.4 step " + step + "\n" + s);
            if (step == 2) {
                RcuHead x = s.rcu().head(X);
                assertEquals("rcu_leak_callback", x.func().name(), "the queued instance will run the leak callback");
                assertEquals("[X] / &X.next / 1", row(s, A));
                assertEquals("[] / &head / 0", row(s, B), "the duplicate is not enqueued");
                assertEquals(List.of(new DoubleCallRcu(B, "X", "dst_destroy_rcu")), s.rcu().findings());
            }
        }
        assertEquals(List.of("true", "false", "true", "true", "true", "true", "", "[X, D1, D3]", "[D2, D4]"), results);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, s.invocations());
        assertEquals(List.of(new DoubleCallRcu(B, "X", "dst_destroy_rcu"), new Leak("X")), s.rcu().findings(), s.toString());
        assertFalse(s.dst(X).isFreed(), "kernel-faithful policy: X's dst is leaked, not freed (and not double-freed)");
        for (int id = D1; id <= D4; id++) {
            assertTrue(s.dst(id).isFreed(), RcuSubject.NAMES.get(id));
        }
    }

    @Test
    void requeueOfAHeadThatIsNotLastCutsTheFirstCpusLaterCallbacks() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        assertTrue(s.callRcu(A, X));
        assertTrue(s.callRcu(A, D1));
        assertTrue(s.callRcu(B, X));                          // B's X.next = NULL cuts D1 off A's list at once
        assertEquals("[X] / &D1.next / 2", row(s, A));
        assertEquals("[X] / &X.next / 1", row(s, B));
        assertTrue(s.callRcu(A, D3));                         // A's stale tail: D3 joins the orphan chain
        assertEquals("[X] / &D3.next / 3", row(s, A));
        assertSame(s.rcu().head(D3), s.rcu().head(D1).next());
        assertTrue(s.callRcu(B, D2));                         // B's later callback is reachable from A's head through X
        assertEquals("[X, D2] / &D3.next / 3", row(s, A));
        assertEquals("[X, D2] / &D2.next / 2", row(s, B));
        s.gracePeriod();
        assertEquals("[X, D2]", s.doBatch(A));
        assertEquals("[X, D2]", s.doBatch(B));
        assertArrayEquals(new int[] {2, 0, 2, 0, 0}, s.invocations());
        assertEquals("[] / &head / 1", row(s, A), "A counts a callback it can never reach: rcu_barrier() would wait forever");
        assertEquals(List.of(
                new Warn(A, "count != 0 && empty", 1, 0, true),
                new NullCallbackInvocation(B, "X"),
                new DoubleInvocation(B, "D2", 2, 1), new NullCallbackInvocation(B, "D2")), s.rcu().findings(), s.toString());
        assertEquals("exactly once: D2 invoked 2x, call_rcu accepted it 1x", RcuInvariants.exactlyOnceViolation(s.rcu()));
    }

    @Test
    void extractDoneOnOneCpuTruncatesTheOtherCpusList() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        assertTrue(s.callRcu(A, X));
        assertTrue(s.callRcu(B, X));
        assertTrue(s.callRcu(B, D2));                         // X.next = D2: X stays A's last node
        assertEquals("[X, D2] / &X.next / 1", row(s, A));
        assertEquals("[X, D2] / &D2.next / 2", row(s, B));
        s.gracePeriod();
        assertEquals("[X]", s.doBatch(A), "A's done tail is &X.next");
        // *tails[DONE] = NULL wrote X.next: B's list ends after X; A adopted D2 as its new head
        assertEquals("[D2] / &head / 0", row(s, A));
        assertEquals("[X] / &D2.next / 2", row(s, B));
        assertEquals("[X]", s.doBatch(B), "X a second time, D2 not at all");
        assertEquals("[]", s.doBatch(A), "D2 sits on A's list but A's tails say it holds nothing");
        assertTrue(s.callRcu(A, D3));                         // *tails[NEXT] is &head: head = D3 overwrites D2
        assertEquals("[D3] / &D3.next / 1", row(s, A));
        assertArrayEquals(new int[] {2, 0, 0, 0, 0}, s.invocations());
        assertEquals(List.of(
                new Warn(A, "count == 0 && !empty", 0, 0, false),
                new Warn(A, "!empty && rcu_segcblist_n_segment_cbs() == 0", 0, 0, false),
                new Warn(B, "count != 0 && empty", 1, 0, true)), s.rcu().findings(Warn.class), s.toString());
        assertEquals(List.of(new NullCallbackInvocation(B, "X")), s.rcu().findings(NullCallbackInvocation.class));
        assertEquals("exactly once: D2 accepted 1x, invoked 0x, and reachable from no CPU's list (lost)",
                RcuInvariants.exactlyOnceViolation(s.rcu()));
    }

    @Test
    void debugObjectsLetsACallbackRepostItsOwnHead() {
        Rcu rcu = new Rcu(1, EnqueueGuard.DEBUG_OBJECTS);
        List<Boolean> reposted = new ArrayList<>();
        RcuCallback[] repostOnce = new RcuCallback[1];
        repostOnce[0] = new RcuCallback("repost_once", rhp -> {
            if (reposted.isEmpty()) {
                reposted.add(rcu.callRcu(0, rhp, repostOnce[0]));
            }
        });
        RcuHead r = rcu.newHead("R", null);
        assertTrue(rcu.callRcu(0, r, repostOnce[0]));
        rcu.gracePeriod();
        assertEquals(List.of(r.id()), rcu.rcuDoBatch(0));
        assertEquals(List.of(true), reposted, "debug_rcu_head_unqueue ran before the callback, so its call_rcu is accepted");
        assertTrue(r.debugQueued());
        assertEquals(1, rcu.cblist(0).len());
        assertNull(RcuInvariants.firstViolation(rcu), rcu.toString());
        assertEquals(List.of(), rcu.rcuDoBatch(0), "the re-posted callback waits for the next grace period");
        rcu.gracePeriod();
        assertEquals(List.of(r.id()), rcu.rcuDoBatch(0));
        assertEquals(2, rcu.accepted(r.id()));
        assertEquals(2, rcu.invocations(r.id()));
        assertEquals(List.of(), rcu.findings(), "no Double-freed CB report");
        assertNull(RcuInvariants.firstViolation(rcu), rcu.toString());
        assertNull(RcuInvariants.exactlyOnceViolation(rcu));
    }

    @Test
    void copyHasTheSameKeyAndDivergesIndependently() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        for (int step = 1; step <= 4; step++) {
            b4Step(s, step);
        }
        RcuSubject c = s.copy();
        int[] key = s.stateKey();
        assertArrayEquals(key, c.stateKey());
        assertEquals(s.toString(), c.toString());
        c.gracePeriod();
        assertEquals("[X, D2]", c.doBatch(A));
        assertTrue(c.dst(X).isFreed());
        assertFalse(s.dst(X).isFreed(), "the copy's batch freed its own X");
        assertArrayEquals(key, s.stateKey(), "the copy's batch must not touch the original\n" + s);
        assertFalse(Arrays.equals(key, c.stateKey()));
        for (int step = 5; step <= 9; step++) {
            b4Step(s, step);
        }
        RcuSubject fresh = new RcuSubject(EnqueueGuard.UNGUARDED);
        for (int step = 1; step <= 9; step++) {
            b4Step(fresh, step);
        }
        assertArrayEquals(fresh.stateKey(), s.stateKey(), "the original ends where an uncopied run ends");
        assertEquals(fresh.toString(), s.toString());

        RcuSubject guarded = new RcuSubject(EnqueueGuard.DEBUG_OBJECTS);
        b4Step(guarded, 1);
        b4Step(guarded, 2);                                   // X.func = rcu_leak_callback
        RcuSubject gc = guarded.copy();
        assertArrayEquals(guarded.stateKey(), gc.stateKey());
        gc.gracePeriod();
        assertEquals("[X]", gc.doBatch(A));
        assertEquals(List.of(new Leak("X")), gc.rcu().findings(Leak.class), "the copy runs its own rcu_leak_callback");
        assertEquals(List.of(), guarded.rcu().findings(Leak.class));
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void secondReleaseAfterTheFirstInvocationIsADoubleFreeThatNoGuardSees(EnqueueGuard guard) {
        RcuSubject s = new RcuSubject(guard);
        assertTrue(s.callRcu(A, X));
        s.gracePeriod();
        assertEquals("[X]", s.doBatch(A));
        assertTrue(s.callRcu(B, X), "debugobjects' record went back to READY: a late duplicate looks legal");
        s.gracePeriod();
        assertEquals("[X]", s.doBatch(B));
        assertEquals(List.of(new DoubleFree("X")), s.rcu().findings(), s.toString());
        assertNull(violation(s), "the lists stay intact: only the free is doubled");
        assertNull(RcuInvariants.exactlyOnceViolation(s.rcu()));
    }

    @Test
    void unguardedSecondCallOnTheCpuWhoseTailIsXMakesACycleTheBatchStopsAt() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        for (int[] call : new int[][] {{A, X}, {B, X}, {A, D1}, {B, X}}) {
            assertTrue(s.callRcu(call[0], call[1]));
        }
        // B's tail is &X.next: X.next = NULL, then *tails[NEXT] = X makes X.next = X
        assertEquals("X -> X (cycle)", s.rcu().cblist(A).walk().toString());
        assertEquals("X -> X (cycle)", s.rcu().cblist(B).walk().toString());
        s.gracePeriod();
        assertEquals("[X]", s.doBatch(A), "A's done chain is X -> X -> ...: the walk stops at the repeat");
        assertEquals(List.of(new CallbackCycle(A, "X"), new Warn(A, "count != 0 && empty", 1, 0, true)),
                s.rcu().findings(), s.toString());
    }

    @Test
    void unguardedCallbackQueuedAfterTheGracePeriodIsInvokedBeforeItsOwn() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        assertTrue(s.callRcu(A, X));
        assertTrue(s.callRcu(B, X));
        assertTrue(s.callRcu(A, D1));
        s.gracePeriod();
        assertTrue(s.callRcu(B, D2));                         // B's tail is &X.next: X.next = D2, inside A's done segment
        assertEquals("[X, D2]", s.doBatch(A));
        assertEquals(List.of(new EarlyInvocation(A, "D2", 4, 2)), s.rcu().findings(EarlyInvocation.class), s.toString());
        assertEquals("exactly once: D2 invoked on cpu0 before its grace period ended", RcuInvariants.exactlyOnceViolation(s.rcu()));
    }

    @Test
    void toStringDrawsSharedNodesOrphanTailsAndLostHeads() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        for (int step = 1; step <= 6; step++) {
            b4Step(s, step);
        }
        assertEquals("""
                rcu [no CONFIG_DEBUG_OBJECTS_RCU_HEAD] gp_seq 0 (no grace period in progress)
                  cpu0: head -> X* -> D2* -> D4* -> NULL   len 3  seglen 0/0/0/3
                        tails[DONE]=&head tails[WAIT]=&head tails[NEXT_READY]=&head tails[NEXT]=&D3.next (orphan)
                  cpu1: head -> X* -> D2* -> D4* -> NULL   len 3  seglen 0/0/0/3
                        tails[DONE]=&head tails[WAIT]=&head tails[NEXT_READY]=&head tails[NEXT]=&D4.next
                  * reachable from cpu0 and cpu1: X, D2, D4
                  lost (owed an invocation, reachable from no CPU): D1, D3
                  heads:
                    X    next D2    func dst_destroy_rcu    invoked 0, accepted 2  dst X
                    D1   next D3    func dst_destroy_rcu    invoked 0, accepted 1  dst D1
                    D2   next D4    func dst_destroy_rcu    invoked 0, accepted 1  dst D2
                    D3   next NULL  func dst_destroy_rcu    invoked 0, accepted 1  dst D3
                    D4   next NULL  func dst_destroy_rcu    invoked 0, accepted 1  dst D4
                  findings: none
                """, s.toString());
    }
}
