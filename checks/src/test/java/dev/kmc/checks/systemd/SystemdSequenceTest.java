package dev.kmc.checks.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.systemd.Sigchld;
import dev.kmc.model.systemd.Systemd;
import dev.kmc.model.systemd.SystemdInvariants;
import dev.kmc.model.systemd.SystemdVariant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deterministic sequences of kernel-spec C3 (systemd #6608), with the invariants after every
 * step. The window is do_exit() between cgroup_exit() and exit_notify(): the tests call the two
 * halves ({@link Systemd#cgroupExit()}, {@link Systemd#exitNotify()}) and put PID 1's steps between.
 */
class SystemdSequenceTest {

    /** Runs one step and checks the invariants after it. */
    private static void step(Systemd p, String what, Consumer<Systemd> op) {
        op.accept(p);
        String v = SystemdInvariants.firstViolation(p);
        if (v != null) {
            throw new AssertionError("after " + what + ": invariant violated: " + v + "\n" + p);
        }
    }

    /**
     * The incident's order up to the SIGCHLD: the cgroup runs empty, PID 1 handles it (foo.service
     * dead, its pid unwatched, its cgroup released) and collects the unit, then the task becomes a
     * zombie. Every invariant holds so far, on both variants.
     */
    private static Systemd cgroupEmptyFirst(SystemdVariant v) {
        Systemd p = new Systemd(v);
        step(p, "cgroupExit", Systemd::cgroupExit);
        assertTrue(p.inotifyPending() && !p.sigchldPending(), p.toString());
        step(p, "dispatchCgroupEmpty", Systemd::dispatchCgroupEmpty);
        assertFalse(p.unit("foo.service").active(), "cgroup empty must put foo.service dead\n" + p);
        assertNull(p.watchPids().get(Systemd.PID), "pid 100 must be unwatched\n" + p);
        assertFalse(p.cgroupUnits().containsKey(Systemd.SERVICE_CGROUP), "the cgroup must be released\n" + p);
        step(p, "gc", Systemd::gc);
        assertTrue(p.unit("foo.service").freed(), p.toString());
        step(p, "exitNotify", Systemd::exitNotify);
        assertEquals("ZOMBIE", p.taskState());
        assertTrue(p.sigchldPending(), p.toString());
        return p;
    }

    @Test
    void preFixCallsTheSliceSigchldEventThroughNullWhenCgroupEmptyComesFirst() {
        Systemd p = cgroupEmptyFirst(SystemdVariant.PRE_FIX);
        // step 5: the zombie's cgroup /system.slice/foo.service is no longer mapped; the lookup walks up
        // to /system.slice, whose unit is a slice: sigchld_event NULL
        assertEquals(Sigchld.SEGV_NULL_HANDLER, p.dispatchSigchld(), p.toString());
        assertEquals("SEGV: system.slice->sigchld_event is NULL (pid 100)", p.lastFinding());
        assertEquals("handlers: invoke_sigchld_event(): SEGV: system.slice->sigchld_event is NULL (pid 100)",
                SystemdInvariants.firstViolation(p), "the first invariant to break, at step 5 (dispatchSigchld)");
        assertEquals(0, p.unit("system.slice").sigchldEvents());
        assertEquals(List.of("invoke_sigchld_event(): SEGV: system.slice->sigchld_event is NULL (pid 100)"), p.findings());
    }

    @Test
    void preFixCrashesWithoutGcToo() {
        Systemd p = new Systemd(SystemdVariant.PRE_FIX);
        step(p, "cgroupExit", Systemd::cgroupExit);
        step(p, "dispatchCgroupEmpty", Systemd::dispatchCgroupEmpty);
        step(p, "exitNotify", Systemd::exitNotify);
        assertEquals(Sigchld.SEGV_NULL_HANDLER, p.dispatchSigchld(), p.toString());
        assertFalse(p.unit("foo.service").freed(), "dead, released, not yet collected: the crash does not need gc");
    }

    @Test
    void fixedDropsTheSigchldAndKeepsTheInvariantsAfterEveryStep() {
        Systemd p = cgroupEmptyFirst(SystemdVariant.FIXED);
        step(p, "dispatchSigchld", x -> assertEquals(Sigchld.DROPPED, x.dispatchSigchld(), x.toString()));
        assertEquals("pid 100: -> system.slice (slice: no sigchld_event, skipped); reaped, dropped", p.lastSigchld());
        assertEquals("REAPED", p.taskState());
        assertTrue(p.findings().isEmpty(), p.findings().toString());
        assertNull(SystemdInvariants.quiescentOutcomeViolation(p), p.toString());
    }

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void sigchldDispatchedFirstReachesFooServiceOnBothVariants(SystemdVariant v) {
        Systemd p = new Systemd(v);
        step(p, "processExit", Systemd::processExit);
        // both events pending: SIGCHLD (NORMAL-7) outranks the cgroup-empty source on both variants
        step(p, "dispatchCgroupEmpty", Systemd::dispatchCgroupEmpty);
        assertTrue(p.unit("foo.service").active(), "cgroup empty must wait while SIGCHLD is pending\n" + p);
        step(p, "dispatchSigchld", x -> assertEquals(Sigchld.DELIVERED, x.dispatchSigchld(), x.toString()));
        assertEquals(1, p.unit("foo.service").sigchldEvents());
        assertEquals("pid 100: -> foo.service.sigchld_event(); reaped", p.lastSigchld());
        step(p, "dispatchCgroupEmpty", Systemd::dispatchCgroupEmpty);
        step(p, "gc", Systemd::gc);
        assertNull(SystemdInvariants.quiescentOutcomeViolation(p), p.toString());
        assertEquals(List.of(), p.cgroupEmptyQueue());
    }

    @Test
    void fixedQueuesCgroupEmptyBehindAPendingSigchld() {
        Systemd p = new Systemd(SystemdVariant.FIXED);
        step(p, "processExit", Systemd::processExit);
        step(p, "dispatchCgroupEmpty", Systemd::dispatchCgroupEmpty);
        assertEquals(List.of("foo.service"), p.cgroupEmptyQueue(), "the inotify callback only queues\n" + p);
        assertFalse(p.inotifyPending());
        step(p, "dispatchSigchld", x -> assertEquals(Sigchld.DELIVERED, x.dispatchSigchld()));
        step(p, "dispatchCgroupEmpty", Systemd::dispatchCgroupEmpty);
        assertEquals(List.of(), p.cgroupEmptyQueue(), p.toString());
    }

    /** The six orders of the kernel's two halves and PID 1's two dispatches (gc at the end). */
    private static List<List<String>> orders() {
        List<List<String>> all = new ArrayList<>();
        permute(new ArrayList<>(), new ArrayList<>(List.of("cgroupExit", "exitNotify", "dispatchCgroupEmpty",
                "dispatchSigchld")), all);
        // the kernel's halves stay in program order
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
                case "dispatchCgroupEmpty" -> p.dispatchCgroupEmpty();
                case "dispatchSigchld" -> p.dispatchSigchld();
                default -> throw new IllegalArgumentException(op);
            }
        }
        // the event loop keeps going until nothing is pending
        p.dispatchSigchld();
        p.dispatchCgroupEmpty();
        p.gc();
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
    void preFixOutcomeDependsOnTheEventOrder() {
        List<List<String>> crashing = new ArrayList<>();
        for (List<String> order : orders()) {
            Systemd p = run(SystemdVariant.PRE_FIX, order);
            if (SystemdInvariants.quiescentOutcomeViolation(p) != null) {
                assertEquals("pid 100 REAPED; foo.service dead, freed; system.slice alive; PID 1 crashed (SEGV)", p.outcome());
                crashing.add(order);
            }
        }
        // exactly the orders where PID 1 handles cgroup empty inside the window (after cgroup_exit, before
        // exit_notify), wherever SIGCHLD's dispatch falls: 4 of the 12
        List<List<String>> inWindow = new ArrayList<>(orders());
        inWindow.removeIf(o -> !(o.indexOf("cgroupExit") < o.indexOf("dispatchCgroupEmpty")
                && o.indexOf("dispatchCgroupEmpty") < o.indexOf("exitNotify")));
        assertEquals(4, inWindow.size());
        assertEquals(inWindow, crashing);
    }

    @ParameterizedTest
    @EnumSource(SystemdVariant.class)
    void copyAndStateKeyFollowTheState(SystemdVariant v) {
        Systemd p = new Systemd(v);
        p.cgroupExit();
        Systemd c = p.copy();
        assertArrayEquals(p.stateKey(), c.stateKey());
        assertEquals(p.toString(), c.toString());
        c.dispatchCgroupEmpty();
        assertFalse(Arrays.equals(p.stateKey(), c.stateKey()), "the copy must be independent");
        assertTrue(p.unit("foo.service").active(), "the original must not change\n" + p);
        p.dispatchCgroupEmpty();
        assertArrayEquals(c.stateKey(), p.stateKey());
        assertNotNull(p.toString());
    }
}
