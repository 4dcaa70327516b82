package dev.kmc.checks.rcu;

import static dev.kmc.model.rcu.RcuFinding.Kind.CALLBACK_CYCLE;
import static dev.kmc.model.rcu.RcuFinding.Kind.DOUBLE_CALL_RCU;
import static dev.kmc.model.rcu.RcuFinding.Kind.DOUBLE_FREE;
import static dev.kmc.model.rcu.RcuFinding.Kind.DOUBLE_INVOCATION;
import static dev.kmc.model.rcu.RcuFinding.Kind.EARLY_INVOCATION;
import static dev.kmc.model.rcu.RcuFinding.Kind.LEAK;
import static dev.kmc.model.rcu.RcuFinding.Kind.LIST_DEL_CORRUPTION;
import static dev.kmc.model.rcu.RcuFinding.Kind.NULL_CALLBACK;
import static dev.kmc.model.rcu.RcuFinding.Kind.ODEBUG;
import static dev.kmc.model.rcu.RcuFinding.Kind.SAME_TUPLE_LINK;
import static dev.kmc.model.rcu.RcuFinding.Kind.SLAB_REUSE;
import static dev.kmc.model.rcu.RcuFinding.Kind.WARN;
import static dev.kmc.model.rcu.RcuSegCbList.RCU_DONE_TAIL;
import static dev.kmc.model.rcu.RcuSegCbList.RCU_NEXT_TAIL;
import static dev.kmc.model.rcu.RcuSubject.D1;
import static dev.kmc.model.rcu.RcuSubject.D2;
import static dev.kmc.model.rcu.RcuSubject.D3;
import static dev.kmc.model.rcu.RcuSubject.D4;
import static dev.kmc.model.rcu.RcuSubject.LINK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Prim;
import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.Rcu;
import dev.kmc.model.rcu.RcuCallback;
import dev.kmc.model.rcu.RcuFinding;
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

/**
 * Deterministic sequences of kernel-spec B.4-B.6 on both named kernels, one test per claim the
 * fidelity review (issue 11) corrected, with the B.7 invariants checked along the way. Races
 * inside an operation are scripted with {@link ScriptedScheduler}.
 */
class RcuSequenceTest {

    /** The CPUs of the kernel-spec tables. */
    private static final int A = 0;
    private static final int B = 1;

    /** Kernel-spec B.4 steps 1..6 with the seed's objects: {cpu, head}. 7 is the grace period, 8 A's batch, 9 B's. */
    private static final int[][] B4_CALLS = {{A, LINK}, {B, LINK}, {A, D1}, {B, D2}, {A, D3}, {B, D4}};

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

    /** One cell of the B.4 table: reachable from head / tails[NEXT] / len. */
    private static String row(RcuSubject s, int cpu) {
        RcuSegCbList l = s.rcu().cblist(cpu);
        return l.walk().nodes().stream().map(RcuHead::name).toList() + " / " + l.tailName(RCU_NEXT_TAIL) + " / " + l.len();
    }

    private static RcuFinding f(RcuFinding.Kind kind, int cpu, String head) {
        return RcuFinding.of(kind, cpu, head);
    }

    private static RcuFinding f(RcuFinding.Kind kind, int cpu, String head, int a, int b, int c) {
        return RcuFinding.of(kind, cpu, head, a, b, c);
    }

    // ---- C1, C2: the incident's kernel (3.10.0-514): the duplicated link and its bystanders run twice ----

    @Test
    void incidentKernelRunsTheLinkAndTheBystanderDstsTwiceNotThroughNull() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        String[][] table = {                                  // A, B after steps 1..6 (kernel-spec B.4)
            {"[link] / &link.next / 1", "[] / &head / 0"},
            {"[link] / &link.next / 1", "[link] / &link.next / 1"},
            {"[link, D1] / &D1.next / 2", "[link, D1] / &link.next / 1"},
            {"[link, D2] / &D1.next / 2", "[link, D2] / &D2.next / 2"},   // B's link.next = D2 orphans D1
            {"[link, D2] / &D3.next / 3", "[link, D2] / &D2.next / 2"},   // D3 goes into the orphan chain
            {"[link, D2, D4] / &D3.next / 3", "[link, D2, D4] / &D4.next / 3"},
        };
        for (int step = 1; step <= 6; step++) {
            assertEquals("true", b4Step(s, step), "3.10's __call_rcu ignores debugobjects and never refuses");
            assertEquals(table[step - 1][0], row(s, A), "A after step " + step + "\n" + s);
            assertEquals(table[step - 1][1], row(s, B), "B after step " + step + "\n" + s);
        }
        b4Step(s, 7);
        assertEquals("[link, D2, D4]", b4Step(s, 8));
        assertEquals("[link, D2, D4]", b4Step(s, 9), "B walks the same chain again");
        assertArrayEquals(new int[] {2, 0, 2, 0, 2}, s.invocations(), s.toString());
        // 3.10's __rcu_reclaim() calls head->func(head) and never clears it: B runs the real callbacks again.
        assertEquals(List.of(), s.rcu().findings(NULL_CALLBACK), "3.10 does not clear ->func: no call through NULL");
        assertEquals(List.of(
                f(SAME_TUPLE_LINK, B, "link"),                                  // the link's callback, second run
                f(DOUBLE_INVOCATION, B, "D2", 2, 1, 0),
                f(LIST_DEL_CORRUPTION, B, "D2", 1, 0, 0),                       // the seed's WARN: ->next is LIST_POISON1
                f(DOUBLE_FREE, B, "D2"),
                f(DOUBLE_INVOCATION, B, "D4", 2, 1, 0),
                f(LIST_DEL_CORRUPTION, B, "D4", 1, 0, 0),
                f(DOUBLE_FREE, B, "D4")), s.rcu().findings(), s.toString());
        assertTrue(s.link().isHashed(), "the first run re-hashed the link; the second found the same 4-tuple and left it");
        assertEquals(2, s.dst(D2).onFreelists(), "D2 is on both CPUs' freelists");
        assertEquals(0, s.invocations(D1) + s.invocations(D3), "D1 and D3 are never destroyed: their memory leaks");
    }

    @Test
    void incidentKernelDoubleFreeHandsTheSameObjectOutTwice() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        for (int step = 1; step <= 9; step++) {
            b4Step(s, step);
        }
        assertEquals("D4 -> D2 -> NULL", s.rcu().freelist(A));
        assertEquals("D4 -> D2 -> NULL", s.rcu().freelist(B));
        List<String> handedOut = new ArrayList<>();
        for (int cpu : new int[] {B, B, A, A}) {              // e.g. __alloc_skb on B, a new route on A (kmalloc-256)
            handedOut.add(s.kmemCacheAlloc(cpu));
        }
        assertEquals(List.of("D4", "D2", "D4", "D2"), handedOut, "each twice-freed object is handed out twice: an skb and "
                + "an rtable in one object, as in the seed's crash dump");
        assertEquals(List.of(f(SLAB_REUSE, B, "D4"), f(SLAB_REUSE, B, "D2")), s.rcu().findings(SLAB_REUSE), s.toString());
    }

    @Test
    void incidentKernelBreaksDisjointnessWhenTheSecondCpuQueuesTheLink() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        List<String> after = new ArrayList<>();
        for (int step = 1; step <= 9; step++) {
            b4Step(s, step);
            String v = RcuInvariants.firstViolation(s.rcu());
            after.add(v != null ? v : RcuInvariants.exactlyOnceViolation(s.rcu()));
        }
        assertNull(after.get(0), "step 1 is a correct call_rcu");
        assertEquals("disjointness: link is reachable from cpu0 and cpu1", after.get(1));
        for (int step = 2; step <= 9; step++) {
            assertNotNull(after.get(step - 1), "the lists never recover, yet step " + step + " satisfies B.7\n" + s);
        }
        assertEquals("exactly once: D2 invoked 2x, call_rcu accepted it 1x", RcuInvariants.exactlyOnceViolation(s.rcu()));
    }

    // ---- C4: v5.15 debugobjects before 63a759694eed: two first call_rcu()s of one head both accepted ----

    @Test
    void guardedFirstCallRcusOfAnUntrackedHeadCanBothBeAccepted() throws Exception {
        ScriptedScheduler sch = new ScriptedScheduler();
        RcuSubject s = new RcuSubject(EnqueueGuard.DEBUG_OBJECTS, false, new Memory(sch));
        // CPU 0's debug_object_activate() looks the link up (not tracked) and drops the bucket lock; CPU 1's whole
        // call_rcu() runs there; then CPU 0 goes on: debug_object_init() and the nested activate complain, return 0.
        Object[] r = sch.race(() -> s.callRcu(A, LINK), ScriptedScheduler.afterNth("obj_hash[].lock", Prim.SPIN_UNLOCK, 1),
                () -> s.callRcu(B, LINK));
        assertEquals(List.of(true, true), Arrays.asList(r), "both call_rcu(link) accepted\n" + s);
        assertEquals("[link] / &link.next / 1", row(s, A));
        assertEquals("[link] / &link.next / 1", row(s, B));
        assertEquals(List.of(
                f(ODEBUG, A, "link", 0, 3, 1),                                 // "init active (active state 1)"
                f(ODEBUG, A, "link", 1, 3, 1),                                 // "activate active (active state 1)": -EINVAL dropped
                f(ODEBUG, A, "link", 2, 3, 1)), s.rcu().findings(), s.toString());   // "active_state active": not READY
        s.gracePeriod();
        assertEquals("[link]", s.doBatch(A));
        assertEquals("[link]", s.doBatch(B), "the duplicate runs too: v5.15 cleared ->func, so through NULL");
        assertEquals(List.of(f(NULL_CALLBACK, B, "link")), s.rcu().findings(NULL_CALLBACK));
    }

    @Test
    void guardedTheSameInterleavingOnATrackedHeadIsRejected() throws Exception {
        ScriptedScheduler sch = new ScriptedScheduler();
        RcuSubject s = new RcuSubject(EnqueueGuard.DEBUG_OBJECTS, true, new Memory(sch));   // init_rcu_head(): tracked, INIT
        Object[] r = sch.race(() -> s.callRcu(A, LINK), ScriptedScheduler.afterNth("obj_hash[].lock", Prim.SPIN_UNLOCK, 1),
                () -> s.callRcu(B, LINK));
        assertEquals(List.of(true, false), Arrays.asList(r), "a tracked head is tested and set under one lock hold\n" + s);
        assertEquals("[] / &head / 0", row(s, B));
        assertEquals(List.of(f(DOUBLE_CALL_RCU, B, "link->NULL")), s.rcu().findings(DOUBLE_CALL_RCU),
                "CPU 0 had not stored ->func yet: pr_err prints NULL");
    }

    // ---- C5: v5.15 debug_rcu_head_unqueue() is two steps ----

    @Test
    void guardedCallRcuBetweenTheTwoUnqueueStepsLeaksTheCallbackAndTheHeadStaysQueued() throws Exception {
        ScriptedScheduler sch = new ScriptedScheduler();
        RcuSubject s = new RcuSubject(EnqueueGuard.DEBUG_OBJECTS, false, new Memory(sch));
        assertTrue(s.callRcu(A, LINK));
        s.gracePeriod();
        // CPU 0's batch: debug_object_active_state(QUEUED -> READY) and its unlock; CPU 1's call_rcu(link) runs
        // there, before debug_object_deactivate().
        Object[] r = sch.race(() -> s.doBatch(A), ScriptedScheduler.afterNth("obj_hash[].lock", Prim.SPIN_UNLOCK, 1),
                () -> s.callRcu(B, LINK));
        assertEquals("[link]", r[0]);
        assertEquals(false, r[1], "rejected: the tracker is still ACTIVE\n" + s);
        assertEquals(List.of(
                f(ODEBUG, B, "link", 1, 3, 0),                                 // "activate active (active state 0)"
                f(DOUBLE_CALL_RCU, B, "link->link_rehash_rcu"),
                f(ODEBUG, A, "link", 3, 3, 1),                                 // "deactivate active (active state 1)": stays ACTIVE
                f(LEAK, A, "link")), s.rcu().findings(), s.toString());        // the batch read f = rcu_leak_callback
        assertFalse(s.link().isHashed(), "link_rehash_rcu never ran: the link is out of the hash table for good");
        assertTrue(s.rcu().debugObjects().isActive(s.rcu().head(LINK)));
        assertEquals(1, s.rcu().debugObjects().astate(s.rcu().head(LINK)), "QUEUED, though no list holds it");
        assertFalse(s.callRcu(B, LINK), "every later call_rcu(link) is a \"Double-freed CB\"");
        assertFalse(s.callRcu(A, LINK));
    }

    // ---- C6: what holds on the guarded kernel for whole operations ----

    @Test
    void guardedWholeOperationsRejectTheDuplicateAndInvokeEachCallbackOnce() {
        RcuSubject s = new RcuSubject(EnqueueGuard.DEBUG_OBJECTS);
        List<String> results = new ArrayList<>();
        for (int step = 1; step <= 9; step++) {
            results.add(b4Step(s, step));
            assertNull(RcuInvariants.firstViolation(s.rcu()), "after B.4 step " + step + "\n" + s);
            assertNull(RcuInvariants.exactlyOnceViolation(s.rcu()), "after B.4 step " + step + "\n" + s);
        }
        assertEquals(List.of("true", "false", "true", "true", "true", "true", "", "[link, D1, D3]", "[D2, D4]"), results);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, s.invocations());
        assertEquals(List.of(f(DOUBLE_CALL_RCU, B, "link->link_rehash_rcu"), f(LEAK, A, "link")),
                s.rcu().findings().stream().filter(x -> x.kind() != ODEBUG).toList(), s.toString());
        assertFalse(s.link().isHashed(), "rcu_leak_callback ran instead of link_rehash_rcu: the accepted update is lost too");
    }

    @ParameterizedTest
    @EnumSource(EnqueueGuard.class)
    void aReleaseAfterTheFirstInvocationIsADoubleFreeThatNoGuardSees(EnqueueGuard guard) {
        RcuSubject s = new RcuSubject(guard);
        assertTrue(s.callRcu(A, D2));
        s.gracePeriod();
        assertEquals("[D2]", s.doBatch(A));
        assertTrue(s.callRcu(B, D2), "the tracker is INACTIVE again: a late duplicate looks legal");
        s.gracePeriod();
        assertEquals("[D2]", s.doBatch(B));
        assertEquals(List.of(f(LIST_DEL_CORRUPTION, B, "D2", 1, 0, 0), f(DOUBLE_FREE, B, "D2")), s.rcu().findings(), s.toString());
        assertNull(RcuInvariants.firstViolation(s.rcu()), "the lists stay intact: only the free is doubled");
    }

    // ---- list mechanics (kernel-spec B.4 general rules), on the incident's kernel ----

    @Test
    void requeueOfAHeadThatIsNotLastCutsTheFirstCpusLaterCallbacks() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        assertTrue(s.callRcu(A, LINK));
        assertTrue(s.callRcu(A, D1));
        assertTrue(s.callRcu(B, LINK));                        // B's link.next = NULL cuts D1 off A's list at once
        assertEquals("[link] / &D1.next / 2", row(s, A));
        assertEquals("[link] / &link.next / 1", row(s, B));
        assertTrue(s.callRcu(A, D3));
        assertSame(s.rcu().head(D3), s.rcu().head(D1).peekNext(), "D3 joins the orphan chain");
        assertTrue(s.callRcu(B, D2));
        assertEquals("[link, D2] / &D3.next / 3", row(s, A));
        s.gracePeriod();
        assertEquals("[link, D2]", s.doBatch(A));
        assertEquals("[link, D2]", s.doBatch(B));
        assertArrayEquals(new int[] {2, 0, 2, 0, 0}, s.invocations());
        assertEquals("[] / &head / 1", row(s, A), "A counts a callback it can never reach: rcu_barrier() would wait forever");
        assertEquals(List.of(f(WARN, A, null, 0, 1, -1)), s.rcu().findings(WARN), "3.10's one WARN: nxtlist NULL, qlen 1");
    }

    @Test
    void extractDoneOnOneCpuTruncatesTheOtherCpusList() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        assertTrue(s.callRcu(A, LINK));
        assertTrue(s.callRcu(B, LINK));
        assertTrue(s.callRcu(B, D2));                          // link.next = D2: the link stays A's last node
        s.gracePeriod();
        assertEquals("[link]", s.doBatch(A), "A's done tail is &link.next");
        assertEquals("[D2] / &head / 0", row(s, A), "*nxttail[DONE] = NULL wrote link.next; A adopted D2 as its head");
        assertEquals("[link] / &D2.next / 2", row(s, B));
        assertEquals("[link]", s.doBatch(B), "the link a second time, D2 not at all");
        assertEquals("[]", s.doBatch(A), "D2 sits on A's list but A's tails say it holds nothing");
        assertTrue(s.callRcu(A, D3));                          // *nxttail[NEXT] is &head: head = D3 overwrites D2
        assertEquals("[D3] / &D3.next / 1", row(s, A));
        assertArrayEquals(new int[] {2, 0, 0, 0, 0}, s.invocations());
        assertEquals("exactly once: D2 accepted 1x, invoked 0x, and reachable from no CPU's list (lost)",
                RcuInvariants.exactlyOnceViolation(s.rcu()));
    }

    @Test
    void secondCallOnTheCpuWhoseTailIsTheLinkMakesACycleTheBatchStopsAt() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        for (int[] call : new int[][] {{A, LINK}, {B, LINK}, {A, D1}, {B, LINK}}) {
            assertTrue(s.callRcu(call[0], call[1]));
        }
        assertEquals("link -> link (cycle)", s.rcu().cblist(A).walk().toString());
        s.gracePeriod();
        assertEquals("[link]", s.doBatch(A), "A's done chain is link -> link -> ...: the walk stops at the repeat");
        assertEquals(List.of(f(CALLBACK_CYCLE, A, "link")), s.rcu().findings(CALLBACK_CYCLE), s.toString());
    }

    @Test
    void callbackQueuedAfterTheGracePeriodIsInvokedBeforeItsOwn() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        assertTrue(s.callRcu(A, LINK));
        assertTrue(s.callRcu(B, LINK));
        assertTrue(s.callRcu(A, D1));
        s.gracePeriod();
        assertTrue(s.callRcu(B, D2));                          // B's tail is &link.next: link.next = D2, inside A's done segment
        assertEquals("[link, D2]", s.doBatch(A));
        assertEquals(List.of(f(EARLY_INVOCATION, A, "D2", 4, 2, 0)), s.rcu().findings(EARLY_INVOCATION), s.toString());
    }

    @Test
    void guardedLetsACallbackRepostItsOwnHead() {
        Memory mem = new Memory();
        Rcu rcu = new Rcu(mem, 1, EnqueueGuard.DEBUG_OBJECTS, 1);
        RcuHead[] r = new RcuHead[1];
        RcuCallback[] repost = new RcuCallback[1];
        repost[0] = new RcuCallback("repost_once", (self, cpu, rhp) -> {
            if (self.accepted(rhp.id()) == 1) {
                self.callRcu(cpu, rhp, repost[0]);
            }
        });
        rcu.registerCallback(repost[0]);
        r[0] = rcu.newHead("R", null);
        assertTrue(rcu.callRcu(0, r[0], repost[0]));
        rcu.gracePeriod();
        assertEquals(List.of(0), rcu.rcuDoBatch(0));
        assertEquals(2, rcu.accepted(0), "debug_rcu_head_unqueue ran before the callback, so its call_rcu is accepted");
        assertEquals(List.of(), rcu.rcuDoBatch(0), "the re-posted callback waits for the next grace period");
        rcu.gracePeriod();
        assertEquals(List.of(0), rcu.rcuDoBatch(0));
        assertEquals(List.of(), rcu.findings(), "no Double-freed CB, no ODEBUG report");
        assertNull(RcuInvariants.firstViolation(rcu), rcu.toString());
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
        assertEquals("[link, D2]", c.doBatch(A));
        assertEquals(1, c.dst(D2).onFreelists());
        assertEquals(0, s.dst(D2).onFreelists(), "the copy's batch freed its own D2");
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
    }

    @Test
    void toStringDrawsSharedNodesOrphanTailsAndLostHeads() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        for (int step = 1; step <= 6; step++) {
            b4Step(s, step);
        }
        assertEquals("""
                rcu [3.10.0-514.el7, no CONFIG_DEBUG_OBJECTS_RCU_HEAD] gp_seq 0 (no grace period in progress)
                  cpu0: head -> link* -> D2* -> D4* -> NULL   len 3  seglen 0/0/0/3
                        tails[DONE]=&head tails[WAIT]=&head tails[NEXT_READY]=&head tails[NEXT]=&D3.next (orphan)
                  cpu1: head -> link* -> D2* -> D4* -> NULL   len 3  seglen 0/0/0/3
                        tails[DONE]=&head tails[WAIT]=&head tails[NEXT_READY]=&head tails[NEXT]=&D4.next
                  * reachable from cpu0 and cpu1: link, D2, D4
                  lost (owed an invocation, reachable from no CPU): D1, D3
                  heads:
                    link next D2    func link_rehash_rcu    invoked 0, accepted 2  link (unhashed)
                    D1   next D3    func dst_destroy_rcu    invoked 0, accepted 1  dst D1
                    D2   next D4    func dst_destroy_rcu    invoked 0, accepted 1  dst D2
                    D3   next NULL  func dst_destroy_rcu    invoked 0, accepted 1  dst D3
                    D4   next NULL  func dst_destroy_rcu    invoked 0, accepted 1  dst D4
                  findings: none
                """, s.toString());
        assertEquals("&D3.next", s.rcu().cblist(A).tailName(RCU_NEXT_TAIL));
        assertTrue(s.rcu().cblist(A).tailIsHead(RCU_DONE_TAIL));
    }
}
