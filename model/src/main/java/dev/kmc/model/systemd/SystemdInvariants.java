package dev.kmc.model.systemd;

import java.util.Map;

/**
 * The invariants of a correct PID 1 (kernel-spec C3), checked after every operation. Each returns
 * the first violation in words with the values, or null.
 */
public final class SystemdInvariants {
    private SystemdInvariants() { }

    /**
     * In order: (1) lookup tables: every unit reachable from watch_pids or cgroup_unit is not freed;
     * (2) handlers: no sigchld_event was called through NULL or on a freed unit (PID 1 would be
     * dead); (3) delivery: SIGCHLD reached only the unit that owned the pid, or was dropped;
     * (4) bounds: no loop ran into its bound.
     */
    public static String firstViolation(Systemd port) {
        for (Map.Entry<Integer, Unit> e : port.watchPids().entrySet()) {
            if (e.getValue().freed()) {
                return "lookup tables: " + e.getValue().id() + " is freed but watch_pids[" + e.getKey() + "] still points to it";
            }
        }
        for (Map.Entry<String, Unit> e : port.cgroupUnits().entrySet()) {
            if (e.getValue().freed()) {
                return "lookup tables: " + e.getValue().id() + " is freed but cgroup_unit[" + e.getKey() + "] still points to it";
            }
        }
        for (String f : port.findings()) {
            if (f.contains("SEGV")) {
                return "handlers: " + f;
            }
        }
        for (String f : port.findings()) {
            if (f.contains("did not own")) {
                return "delivery: " + f;
            }
        }
        for (String f : port.findings()) {
            return "bounds: " + f;
        }
        return null;
    }

    /**
     * The order-independence invariant, at quiescence (both events dispatched, gc queue empty):
     * null if {@link Systemd#outcome()} is the one every order must reach, else what differs.
     */
    public static String quiescentOutcomeViolation(Systemd port) {
        String expected = "pid " + Systemd.PID + " REAPED; foo.service dead, freed; system.slice alive; PID 1 alive";
        String actual = port.outcome();
        return actual.equals(expected) ? null
                : "order independence: at quiescence the outcome is \"" + actual + "\", expected \"" + expected + "\"";
    }
}
