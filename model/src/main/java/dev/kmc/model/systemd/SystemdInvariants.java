package dev.kmc.model.systemd;

/**
 * The invariants of a correct PID 1 (kernel-spec C3, as corrected by issue 11), checked after
 * every operation. Each returns the first violation in words with the values, or null.
 */
public final class SystemdInvariants {
    private SystemdInvariants() { }

    /** The outcome every order of the two events must reach, once nothing is pending. */
    public static final String QUIESCENT = "pid " + Systemd.ORPHAN
            + " REAPED; session-2.scope dead, freed; user-1000.slice active; PID 1 running";

    /**
     * In order: (1) lookup tables: no unit reachable from cgroup_unit, cgroup_inotify_wd_unit or
     * watch_pids1 is freed; (2) handlers: no sigchld_event was called through NULL, i.e. PID 1 is not
     * frozen in crash().
     */
    public static String firstViolation(Systemd port) {
        for (Object[] e : port.tableEntries()) {
            Unit u = (Unit) e[2];
            if (u.freed()) {
                return "lookup tables: " + u.id() + " is freed but " + e[0] + "[" + e[1] + "] still points to it";
            }
        }
        if (port.lastFinding() != null) {
            return "handlers: invoke_sigchld_event(): " + port.lastFinding() + "; PID 1 frozen in crash()";
        }
        return null;
    }

    /**
     * The order-independence invariant, at quiescence (both events dispatched, queues run): null if
     * {@link Systemd#outcome()} is {@link #QUIESCENT}, else what differs.
     */
    public static String quiescentOutcomeViolation(Systemd port) {
        String actual = port.outcome();
        return actual.equals(QUIESCENT) ? null
                : "order independence: at quiescence the outcome is \"" + actual + "\", expected \"" + QUIESCENT + "\"";
    }
}
