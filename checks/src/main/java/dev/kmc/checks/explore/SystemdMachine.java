package dev.kmc.checks.explore;

import dev.kmc.checks.systemd.SystemdSpec;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.systemd.Sigchld;
import dev.kmc.model.systemd.Systemd;
import dev.kmc.model.systemd.SystemdInvariants;
import dev.kmc.model.systemd.SystemdVariant;
import java.util.List;

/**
 * systemd PID 1 at logout for kmc's explorer. cpu0 is the kernel: the orphan's {@code do_exit()}
 * ({@code orphanExit()}: {@code cgroup_exit()} empties the scope's cgroup and queues the inotify
 * event on cgroup.events, then {@code exit_notify()} makes it a zombie and queues SIGCHLD), every
 * access a scheduling point. cpu1 is PID 1's single-threaded event loop, as its pieces: the
 * cgroup-inotify source ({@code dispatchCgroupInotify()}, which yields to a pending SIGCHLD as
 * sd-event's priorities do), the signal source ({@code dispatchSigchld()}) and manager_loop()'s
 * queues ({@code runQueues()}: gc and cleanup queues, the run queue). So the explorer covers every
 * order of the kernel's steps against PID 1's event sources.
 *
 * <p>NOTE: manager_loop() runs the queues before every sd_event_run() (manager.c v229
 * l.2028-2051); here PID 1 may also dispatch twice without running them in between. That only adds
 * behaviours (a skipped gc queue frees nothing), so a clean verdict covers the real loop too.
 *
 * <p>At quiescence: (1) {@link SystemdInvariants#firstViolation}: "lookup tables" (a freed unit
 * reachable from cgroup_unit, cgroup_inotify_wd_unit or watch_pids1) and "handlers" (a
 * sigchld_event called through NULL: SEGV, PID 1 frozen in crash()); (2) "not reaped": the orphan
 * is a zombie although no event is left for PID 1 to dispatch; (3) once everything is settled (the
 * orphan exited, nothing queued, no unit in the gc queue), "order independence": the outcome is
 * {@link SystemdInvariants#QUIESCENT}. Pinned results are checked against {@link SystemdSpec}.
 */
public final class SystemdMachine implements Machine {
    private final Memory mem;
    private final Systemd port;
    private final List<List<String>> ops = List.of(
            List.of("orphanExit()"),
            List.of("dispatchCgroupInotify()", "dispatchSigchld()", "runQueues()"));

    public SystemdMachine(Memory mem, SystemdVariant variant) {
        this.mem = mem;
        this.port = new Systemd(variant, mem);
    }

    public Systemd port() { return port; }

    @Override
    public Memory memory() { return mem; }

    @Override
    public int cpus() { return 2; }

    @Override
    public String cpuName(int cpu) { return cpu == 0 ? "kernel (do_exit)" : "PID 1"; }

    @Override
    public List<String> operations(int cpu) { return ops.get(cpu); }

    @Override
    public String run(int cpu, int op) {
        if (cpu == 0) {
            port.orphanExit();
            return "void";
        }
        switch (op) {
            case 0:
                port.dispatchCgroupInotify();
                return "void";
            case 1:
                Sigchld r = port.dispatchSigchld();
                switch (r) {
                    case NO_CHILD: return "no child";
                    case DELIVERED:
                    case DROPPED: return "reaped " + Systemd.ORPHAN;
                    case SEGV_NULL_HANDLER: return port.lastFinding();
                    default: return "PID 1 frozen";
                }
            default:
                port.runQueues();
                return "void";
        }
    }

    @Override
    public String quiescentViolation() {
        String v = SystemdInvariants.firstViolation(port);
        if (v != null) return v;
        boolean exited = !port.taskState().equals("RUNNING");
        if (port.taskState().equals("ZOMBIE") && !port.sigchldPending()) {
            return "not reaped: pid " + Systemd.ORPHAN + " is a zombie and no SIGCHLD is queued for PID 1";
        }
        boolean gcPending = port.units().stream().anyMatch(u -> u.inGcQueue());
        if (exited && !port.sigchldPending() && !port.inotifyPending() && !gcPending) {
            return SystemdInvariants.quiescentOutcomeViolation(port);
        }
        return null;
    }

    @Override
    public String checkResults(List<String> init, List<List<String>> programs, List<List<String>> results) {
        if (SequentialOrders.exists(SystemdSpec::new, (spec, cpu, op) -> call(spec, op), init, programs, results)) return null;
        return "not linearizable: no order of the whole operations (each CPU's in program order) gives these results"
                + " in the independent specification SystemdSpec";
    }

    /** One operation on the specification, its result as the machine prints it. */
    private static String call(SystemdSpec spec, String op) {
        switch (op) {
            case "orphanExit()": spec.orphanExit(); return "void";
            case "dispatchCgroupInotify()": spec.dispatchCgroupInotify(); return "void";
            case "runQueues()": spec.runQueues(); return "void";
            default: return spec.dispatchSigchld();
        }
    }

    @Override
    public String describe() { return port.toString(); }

    /** {@code Systemd.snapshotData()}: the tree {@link #describe()} is printed from (report.html draws it). */
    @Override
    public Object snapshot() { return port.snapshotData(); }
}
