package dev.kmc.checks.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.systemd.Sigchld;
import dev.kmc.model.systemd.Systemd;
import dev.kmc.model.systemd.SystemdInvariants;
import dev.kmc.model.systemd.SystemdVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deterministic sequences of kernel-spec C3 as corrected by issue 11 (systemd v229 on Linux 4.5
 * with cgroup2; fix e57051f5), one test per corrected claim (notes/fidelity-systemd.md, "Claims
 * changed"), with the invariants after every step. The window is do_exit() between cgroup_exit()
 * and exit_notify(): the tests call the two halves and put PID 1's steps between them.
 */
class SystemdSequenceTest {

    private static final String SEGV = "SEGV: user-1000.slice->sigchld_event is NULL (pid 4242)";

    /** Runs one step and checks the invariants after it. */
    private static void step(Systemd p, String what, Consumer<Systemd> op) {
        op.accept(p);
        String v = SystemdInvariants.firstViolation(p);
        if (v != null) {
            throw new AssertionError("after " + what + ": invariant violated: " + v + "\n" + p);
        }
    }

    /** The incident's order up to the SIGCHLD: cgroup empty handled in the window, the scope collected. */
    private static Systemd cgroupEmptyFirst(SystemdVariant v) {
        Systemd p = new Systemd(v);
        step(p, "cgroupExit", Systemd::cgroupExit);
        assertTrue(p.inotifyPending() && !p.sigchldPending(), p.toString());
        step(p, "dispatchCgroupInotify", Systemd::dispatchCgroupInotify);
        step(p, "runQueues", Systemd::runQueues);
        assertTrue(p.unit("session-2.scope").freed(), p.toString());
        step(p, "exitNotify", Systemd::exitNotify);
        assertEquals("ZOMBIE", p.taskState());
        return p;
    }

    // ---- claim 1: the version. v229 (e57051f5^) calls through NULL; e57051f5 skips it ----------------

    @Test
    void claim1V229CallsTheSliceSigchldEventThroughNull() {
        Systemd p = cgroupEmptyFirst(SystemdVariant.PRE_FIX);
        assertEquals(Sigchld.SEGV_NULL_HANDLER, p.dispatchSigchld(), p.toString());
        assertEquals(SEGV, p.lastFinding());
        assertEquals("handlers: invoke_sigchld_event(): " + SEGV + "; PID 1 frozen in crash()",
                SystemdInvariants.firstViolation(p));
        assertEquals("ZOMBIE", p.taskState(), "the SEGV comes before waitid(P_PID) reaps it");
    }

    @Test
    void claim1E57051f5SkipsTheNullHandlerAndReaps() {
        Systemd p = cgroupEmptyFirst(SystemdVariant.FIXED);
        step(p, "dispatchSigchld", x -> assertEquals(Sigchld.DROPPED, x.dispatchSigchld(), x.toString()));
        assertEquals("pid 4242: -> user-1000.slice (slice: sigchld_event NULL, skipped); reaped", p.lastSigchld());
        assertNull(SystemdInvariants.quiescentOutcomeViolation(p), p.toString());
    }

    // ---- claim 2: the unit that goes dead is the session scope, on cgroup empty ------------------------

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void claim2AbandonedScopeGoesDeadOnCgroupEmptyAndReleasesItsCgroup(SystemdVariant v) {
        Systemd p = new Systemd(v);
        assertEquals("abandoned", p.unit("session-2.scope").stateName());
        step(p, "cgroupExit", Systemd::cgroupExit);
        step(p, "dispatchCgroupInotify", Systemd::dispatchCgroupInotify);
        // scope_notify_cgroup_empty_event -> scope_enter_dead -> scope_set_state(DEAD) -> unit_notify -> unit_prune_cgroup
        assertEquals("dead", p.unit("session-2.scope").stateName(), p.toString());
        assertFalse(p.unit("session-2.scope").cgroupRealized(), "unit_release_cgroup(): cgroup_path = NULL\n" + p);
        assertNull(p.cgroupUnit(Systemd.SCOPE_CGROUP), "hashmap_remove(m->cgroup_unit)\n" + p);
        assertNull(p.scopeWatch(), "inotify_rm_watch + hashmap_remove(m->cgroup_inotify_wd_unit)\n" + p);
        assertNull(p.watchedBy(Systemd.LEADER), "scope_set_state(DEAD) unwatches every pid\n" + p);
        assertFalse(p.unit("session-2.scope").freed(), "collected only by the next manager_loop() pass");
        assertTrue(p.unit("user-1000.slice").active());
    }

    @Test
    void claim2WhilePopulatedTheScopeKeepsItsCgroup() {
        Systemd p = new Systemd(SystemdVariant.PRE_FIX);
        step(p, "dispatchCgroupInotify", Systemd::dispatchCgroupInotify);   // nothing queued: nothing happens
        step(p, "runQueues", Systemd::runQueues);
        assertEquals("abandoned", p.unit("session-2.scope").stateName());
        assertSame(p.unit("session-2.scope"), p.cgroupUnit(Systemd.SCOPE_CGROUP));
    }

    // ---- claim 3: the lookup walks up to user-1000.slice (not system.slice) ------------------------------

    @Test
    void claim3SigchldLookupWalksFromTheReleasedScopeCgroupUpToUserSlice() {
        Systemd p = new Systemd(SystemdVariant.PRE_FIX);
        step(p, "cgroupExit", Systemd::cgroupExit);
        step(p, "dispatchCgroupInotify", Systemd::dispatchCgroupInotify);
        assertNull(p.cgroupUnit(Systemd.SCOPE_CGROUP));
        assertSame(p.unit("user-1000.slice"), p.cgroupUnit(Systemd.USER_N_SLICE));
        step(p, "exitNotify", Systemd::exitNotify);
        assertEquals(Sigchld.SEGV_NULL_HANDLER, p.dispatchSigchld());
        assertEquals(SEGV, p.lastFinding(), "the walk stops at the first parent in cgroup_unit: user-1000.slice");
        assertEquals(0, p.unit("user-1000.slice").sigchldEvents());
        assertFalse(p.unit("session-2.scope").freed(), "the crash does not need gc: release is enough");
    }

    // ---- claim 4: the fix is one hunk; both variants agree up to the SIGCHLD -----------------------------

    @Test
    void claim4VariantsDifferOnlyInTheSigchldEventCheck() {
        Systemd pre = cgroupEmptyFirst(SystemdVariant.PRE_FIX);
        Systemd fixed = cgroupEmptyFirst(SystemdVariant.FIXED);
        assertArrayEquals(pre.stateKey(), fixed.stateKey(), "no queue and no deferral in e57051f5: same state up to the call");
        // and in the order where SIGCHLD comes first they agree to the end
        Systemd a = new Systemd(SystemdVariant.PRE_FIX);
        Systemd b = new Systemd(SystemdVariant.FIXED);
        for (Systemd p : List.of(a, b)) {
            p.orphanExit();
            assertEquals(Sigchld.DELIVERED, p.dispatchSigchld());
            p.dispatchCgroupInotify();
            p.runQueues();
        }
        assertArrayEquals(a.stateKey(), b.stateKey());
    }

    // ---- claim 5: the orphan is watched by nobody; only the cgroup lookup finds a unit -------------------

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void claim5TheOrphanIsInNoWatchTableSoOnlyTheCgroupLookupFindsAUnit(SystemdVariant v) {
        Systemd p = new Systemd(v);
        assertNull(p.watchedBy(Systemd.ORPHAN), "unit_watch_all_pids() is a no-op on unified\n" + p);
        assertSame(p.unit("session-2.scope"), p.watchedBy(Systemd.LEADER), "the leader, from StartTransientUnit PIDs=");
        step(p, "orphanExit", Systemd::orphanExit);
        step(p, "dispatchSigchld", x -> assertEquals(Sigchld.DELIVERED, x.dispatchSigchld(), x.toString()));
        assertEquals("pid 4242: -> session-2.scope.sigchld_event(); reaped", p.lastSigchld());
        // scope_sigchld_event: the reaped leader is tidied away, the set is empty, the scope goes dead
        assertEquals("dead", p.unit("session-2.scope").stateName(), p.toString());
        assertNull(p.watchedBy(Systemd.LEADER));
    }

    // ---- claim 6: priorities: the signal source (NORMAL-5) outranks cgroup inotify (IDLE-5) ------------

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void claim6PendingSigchldOutranksTheCgroupInotifySource(SystemdVariant v) {
        Systemd p = new Systemd(v);
        step(p, "orphanExit", Systemd::orphanExit);
        assertTrue(p.inotifyPending() && p.sigchldPending());
        step(p, "dispatchCgroupInotify", Systemd::dispatchCgroupInotify);
        assertTrue(p.inotifyPending(), "the inotify source must wait while SIGCHLD is queued\n" + p);
        assertEquals("abandoned", p.unit("session-2.scope").stateName());
        step(p, "dispatchSigchld", x -> assertEquals(Sigchld.DELIVERED, x.dispatchSigchld()));
        step(p, "dispatchCgroupInotify", Systemd::dispatchCgroupInotify);  // its wd was removed: skipped
        step(p, "runQueues", Systemd::runQueues);
        assertNull(SystemdInvariants.quiescentOutcomeViolation(p), p.toString());
    }

    // ---- claim 7: PID 1 after the SEGV: frozen, no core, no panic, nothing can be stopped ---------------

    @Test
    void claim7AfterTheSegvPid1IsFrozenAndNothingRunsAnyMore() {
        Systemd p = cgroupEmptyFirst(SystemdVariant.PRE_FIX);
        assertEquals(Sigchld.SEGV_NULL_HANDLER, p.dispatchSigchld());
        assertTrue(p.pid1Frozen() && p.coreDumpFailed() && p.sigchldIgnored() && p.fdsClosed(), p.toString());
        assertEquals("Failed to connect to bus: Connection refused", p.systemctlStop("user-1000.slice"));
        p.runQueues();
        assertFalse(p.unit("user-1000.slice").stopJobQueued(), "no job was ever queued");
        assertEquals("active", p.unit("user-1000.slice").stateName(), "the stop never runs\n" + p);
        assertEquals(Sigchld.FROZEN, p.dispatchSigchld(), "no event is dispatched any more");
        assertEquals("ZOMBIE", p.taskState(), "the orphan is never reaped");
        assertEquals("pid 4242 ZOMBIE; session-2.scope dead, freed; user-1000.slice active; PID 1 frozen (SEGV)", p.outcome());
        String r = p.pid1Report();
        assertTrue(r.startsWith("PID 1 frozen: caught SIGSEGV (" + SEGV + ") in crash(); core dump failed"), r);
        assertTrue(r.contains("PID 1 never exits, so the kernel never says \"Attempted to kill init!\""), r);
    }

    @Test
    void claim7ALivePid1RunsTheSameStopJob() {
        Systemd p = cgroupEmptyFirst(SystemdVariant.FIXED);
        p.dispatchSigchld();
        assertEquals("stop job for user-1000.slice queued", p.systemctlStop("user-1000.slice"));
        step(p, "runQueues", Systemd::runQueues);
        assertEquals("dead", p.unit("user-1000.slice").stateName(), p.toString());
        assertFalse(p.unit("user-1000.slice").stopJobQueued());
        assertEquals("PID 1 running its event loop", p.pid1Report());
    }

    // ---- order (in)dependence ------------------------------------------------------------------------

    /** The orders of the kernel's two halves and PID 1's two dispatches, the kernel's halves in program order. */
    private static List<List<String>> orders() {
        List<List<String>> all = new ArrayList<>();
        permute(new ArrayList<>(), new ArrayList<>(List.of("cgroupExit", "exitNotify", "dispatchCgroupInotify",
                "dispatchSigchld")), all);
        all.removeIf(o -> o.indexOf("cgroupExit") > o.indexOf("exitNotify"));
        return all;
    }

    private static void permute(List<String> prefix, List<String> rest, List<List<String>> out) {
        if (rest.isEmpty()) {
            out.add(new ArrayList<>(prefix));
            return;
        }
        for (int i = 0; i < rest.size(); i++) {
            List<String> r = new ArrayList<>(rest);
            prefix.add(r.remove(i));
            permute(prefix, r, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    private static Systemd run(SystemdVariant v, List<String> order) {
        Systemd p = new Systemd(v);
        for (String op : order) {
            switch (op) {
                case "cgroupExit" -> p.cgroupExit();
                case "exitNotify" -> p.exitNotify();
                case "dispatchCgroupInotify" -> p.dispatchCgroupInotify();
                case "dispatchSigchld" -> p.dispatchSigchld();
                default -> throw new IllegalArgumentException(op);
            }
            p.runQueues();                                   // manager_loop() runs its queues between events
        }
        p.dispatchSigchld();                                 // the event loop keeps going until nothing is queued
        p.dispatchCgroupInotify();
        p.runQueues();
        return p;
    }

    @Test
    void fixedOutcomeIsIndependentOfTheEventOrder() {
        assertEquals(12, orders().size());
        for (List<String> order : orders()) {
            Systemd p = run(SystemdVariant.FIXED, order);
            assertNull(SystemdInvariants.firstViolation(p), order + "\n" + p);
            assertNull(SystemdInvariants.quiescentOutcomeViolation(p), order + "\n" + p);
        }
    }

    @Test
    void preFixCrashesExactlyWhenCgroupEmptyIsHandledInTheWindow() {
        List<List<String>> crashing = new ArrayList<>();
        for (List<String> order : orders()) {
            Systemd p = run(SystemdVariant.PRE_FIX, order);
            if (SystemdInvariants.quiescentOutcomeViolation(p) != null) {
                assertEquals("pid 4242 ZOMBIE; session-2.scope dead, freed; user-1000.slice active; PID 1 frozen (SEGV)",
                        p.outcome());
                crashing.add(order);
            }
        }
        List<List<String>> inWindow = new ArrayList<>(orders());
        inWindow.removeIf(o -> !(o.indexOf("cgroupExit") < o.indexOf("dispatchCgroupInotify")
                && o.indexOf("dispatchCgroupInotify") < o.indexOf("exitNotify")));
        assertEquals(4, inWindow.size());
        assertEquals(inWindow, crashing);
    }

    @Test
    void stateKeyIsTheMemorySnapshot() {
        Systemd p = new Systemd(SystemdVariant.PRE_FIX);
        long[] before = p.stateKey();
        p.cgroupExit();
        long[] after = p.stateKey();
        assertFalse(java.util.Arrays.equals(before, after));
        p.memory().restore(before);
        assertTrue(p.populated() && !p.inotifyPending(), p.toString());
    }
}
