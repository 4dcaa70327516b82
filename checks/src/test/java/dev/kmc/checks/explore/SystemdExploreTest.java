package dev.kmc.checks.explore;

import static dev.kmc.checks.explore.ExploreAssertions.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.systemd.SystemdVariant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * systemd PID 1 at logout under kmc's explorer ({@link SystemdMachine}: the kernel's do_exit() of the
 * orphan on one CPU, PID 1's event sources on the other), per variant: the exact verdict, violation
 * kinds with their shortest interleaving (in steps). Both universes are explored completely (the open
 * one without a bound on operations: its state space is finite); each takes milliseconds.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SystemdExploreTest {
    private static final InterleavingExplorer.Limits LIMITS = InterleavingExplorer.Limits.of(2_000_000, 50_000);

    /** The incident: the orphan exits while PID 1 dispatches the cgroup inotify, runs its queues, then dispatches SIGCHLD. */
    static final Universe INCIDENT = Universe.pinned("incident: the orphan's do_exit vs PID 1's event loop", List.of(),
            List.of(List.of("orphanExit()"), List.of("dispatchCgroupInotify()", "runQueues()", "dispatchSigchld()", "runQueues()")));
    /** Any number of PID 1 dispatches, in any order, against the kernel's steps. */
    static final Universe OPEN = Universe.open("open: any PID 1 dispatches, no bound", 0);

    static InterleavingExplorer.Result explore(String name, SystemdVariant v, Universe u) {
        InterleavingExplorer.Result r = InterleavingExplorer.explore(name + " [" + v.version() + "]", m -> new SystemdMachine(m, v), u, LIMITS);
        System.out.println("EXPLORE " + r.name() + " | " + r.universe() + " | " + r.verdict() + " | " + r.millis() + " ms");
        return r;
    }


    @Test
    void preFixIncidentSegfaultsInTheSlicesNullSigchldEvent() {
        InterleavingExplorer.Result r = explore("systemd incident", SystemdVariant.PRE_FIX, INCIDENT);
        assertVerdict(r, "handlers", 15, "not linearizable", 16);
        assertTrue(r.findings().get("handlers").message().contains("SEGV: user-1000.slice->sigchld_event is NULL"), r.report());
    }

    @Test
    void preFixOpenUniverse() {
        assertVerdict(explore("systemd open", SystemdVariant.PRE_FIX, OPEN), "handlers", 14);
    }

    @Test
    void fixedIncidentIsProven() {
        InterleavingExplorer.Result r = explore("systemd incident", SystemdVariant.FIXED, INCIDENT);
        assertVerdict(r);
        assertTrue(r.verdict().startsWith("proven: every interleaving of the universe"), r.verdict());
    }

    @Test
    void fixedOpenUniverseIsProven() {
        InterleavingExplorer.Result r = explore("systemd open", SystemdVariant.FIXED, OPEN);
        assertVerdict(r);
        assertTrue(r.verdict().startsWith("proven: every interleaving of the universe"), r.verdict());
    }
}
