package dev.kmc.checks.explore;

import static dev.kmc.checks.explore.ExploreAssertions.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.rcu.EnqueueGuard;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The RCU port under kmc's explorer ({@link RcuMachine}: cpu0 and cpu1 call call_rcu and run
 * rcu_do_batch, a third CPU is the GP kthread), per kernel: the exact verdict of each universe,
 * violation kinds with their shortest interleaving (in steps), every universe explored completely.
 * Each universe took under 5 s unloaded; the bounds (2 million states, 50 s) are only a guard.
 *
 * <p>Judgements for the guarded kernel (v5.15, CONFIG_DEBUG_OBJECTS_RCU_HEAD=y, debugobjects before
 * 63a759694eed): every violation is v5.15's own behaviour, and each needs a call_rcu() of a head
 * whose callback has not run yet (the module's double call_rcu of the incident):
 * <ul>
 * <li>fresh heads, "disjointness", "counts", "not linearizable", "rehashed twice": both CPUs'
 *     first call_rcu() accepted. lib/debugobjects.c v5.15 debug_object_activate() (645-715) drops
 *     the bucket lock when the lookup misses, then debug_object_init() and a nested activate, and
 *     returns 0 whatever that returned. Fixed by 63a759694eed (v6.4, 5.15.111).</li>
 * <li>"debugobjects stuck": a call_rcu() between the two steps of kernel/rcu/rcu.h v5.15
 *     debug_rcu_head_unqueue() (active_state QUEUED->READY, then deactivate: 183-189). It is
 *     rejected, and debug_rcu_head_queue() still moves astate READY->QUEUED (172-181), so
 *     debug_object_deactivate() (723-767) leaves the head ACTIVE. Every later call_rcu() of it is
 *     then a "Double-freed CB".</li>
 * <li>"func": a call_rcu() after debug_rcu_head_unqueue() but before kernel/rcu/tree.c v5.15
 *     rcu_do_batch()'s {@code WRITE_ONCE(rhp->func, 0)} (2444-2574). debugobjects has already
 *     deactivated the head, so the call is accepted and stores func. The batch's clear then
 *     overwrites it, and the head is queued with func NULL (a later batch calls NULL).</li>
 * </ul>
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RcuExploreTest {
    private static final InterleavingExplorer.Limits LIMITS = InterleavingExplorer.Limits.of(2_000_000, 50_000);

    /** The seed: the link's call_rcu on both CPUs, a route entry released behind it on each, one grace period, both batches. */
    static final Universe INCIDENT = Universe.pinned("incident: double call_rcu(link) with bystander dsts", List.of(),
            List.of(List.of("callRcu(link)", "callRcu(D1)", "doBatch()"), List.of("callRcu(link)", "callRcu(D2)", "doBatch()"),
                    List.of("gracePeriod()")));
    /** The incident without the bystanders (RcuChecks' pinned Lincheck scenario). */
    static final Universe INCIDENT_LINK = Universe.pinned("incident: double call_rcu(link)", List.of(),
            List.of(List.of("callRcu(link)", "doBatch()"), List.of("callRcu(link)", "doBatch()"), List.of("gracePeriod()")));
    /** The link queued on cpu0 and its grace period over; cpu0's rcu_do_batch races call_rcu(link) on cpu1. */
    static final Universe BATCH_VS_ENQUEUE = Universe.pinned("rcu_do_batch(cpu0) vs call_rcu(link) on cpu1",
            List.of("callRcu(link)", "gracePeriod()"),
            List.of(List.of("doBatch()"), List.of("callRcu(link)", "doBatch()"), List.of("gracePeriod()")));

    static InterleavingExplorer.Result explore(String name, EnqueueGuard guard, boolean initRcuHeads, int heads, Universe u) {
        InterleavingExplorer.Result r = InterleavingExplorer.explore(name + " [" + guard.label() + (initRcuHeads ? ", init_rcu_head" : "")
                + "]", m -> new RcuMachine(m, guard, initRcuHeads, heads, true), u, LIMITS);
        System.out.println("EXPLORE " + r.name() + " | " + r.universe() + " | " + r.verdict() + " | " + r.millis() + " ms");
        return r;
    }


    // ---- pre-fix: 3.10.0-514, the incident's kernel -------------------------------------------

    @Test
    void preFixIncidentCrossLinksTheListsAndDestroysABystanderDstTwice() {
        InterleavingExplorer.Result r = explore("rcu incident", EnqueueGuard.UNGUARDED, false, 3, INCIDENT);
        assertVerdict(r, "disjointness", 18, "counts", 26, "shape", 34, "not linearizable", 40, "WARN", 45, "exactly once", 45,
                "rehashed twice", 66, "double free", 104);
        assertTrue(r.outcomes().contains("callRcu(link): true, callRcu(D1): true, doBatch(): [link, D1] | callRcu(link): true,"
                + " callRcu(D2): true, doBatch(): [link, D1] | gracePeriod(): void"), r.outcomes().toString());
    }

    @Test
    void preFixBatchVsEnqueue() {
        assertVerdict(explore("rcu batch-vs-enqueue", EnqueueGuard.UNGUARDED, false, 2, BATCH_VS_ENQUEUE),
                "disjointness", 9, "exactly once", 24, "rehashed twice", 41);
    }

    @Test
    void preFixOpenUniverse() {
        assertVerdict(explore("rcu open", EnqueueGuard.UNGUARDED, false, 2, Universe.open("open: link, D1; 3 operations", 3)),
                "disjointness", 14, "counts", 15);
    }

    // ---- guarded: v5.15 + debugobjects before 63a759694eed, fresh heads (as the seed's) ---------

    @Test
    void guardedFreshHeadsBothFirstCallRcusAccepted() {
        assertVerdict(explore("rcu incident", EnqueueGuard.DEBUG_OBJECTS, false, 1, INCIDENT_LINK),
                "disjointness", 36, "not linearizable", 42, "debugobjects stuck", 54, "func", 54, "rehashed twice", 80);
    }

    @Test
    void guardedFreshHeadsOpenUniverse() {
        assertVerdict(explore("rcu open", EnqueueGuard.DEBUG_OBJECTS, false, 2, Universe.open("open: link, D1; 3 operations", 3)),
                "disjointness", 32, "counts", 51);
    }

    // ---- guarded, heads through init_rcu_head() first ----------------------------------------

    @Test
    void guardedInitRcuHeadIncident() {
        assertVerdict(explore("rcu incident", EnqueueGuard.DEBUG_OBJECTS, true, 3, INCIDENT),
                "debugobjects stuck", 63, "func", 63);
    }

    @Test
    void guardedBatchVsEnqueue() {
        assertVerdict(explore("rcu batch-vs-enqueue", EnqueueGuard.DEBUG_OBJECTS, true, 2, BATCH_VS_ENQUEUE),
                "func", 32, "debugobjects stuck", 32, "rehashed twice", 56);
    }

    @Test
    void guardedInitRcuHeadOpenUniverseIsProvenForThreeOperations() {
        InterleavingExplorer.Result r = explore("rcu open", EnqueueGuard.DEBUG_OBJECTS, true, 2,
                Universe.open("open: link, D1; 3 operations", 3));
        assertVerdict(r);
        assertTrue(r.verdict().startsWith("proven: every interleaving of the universe"), r.verdict());
    }

    @Test
    void guardedInitRcuHeadOpenUniverseFourOperations() {
        assertVerdict(explore("rcu open", EnqueueGuard.DEBUG_OBJECTS, true, 1, Universe.open("open: link; 4 operations", 4)),
                "debugobjects stuck", 50, "func", 50);
    }
}
