package dev.kmc.checks.systemd;

import dev.kmc.checks.lincheck.SequentialSpec;
import dev.kmc.model.systemd.Sigchld;
import dev.kmc.model.systemd.Systemd;
import dev.kmc.model.systemd.SystemdVariant;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Lincheck operations on one {@link Systemd}: the "kernel" thread's {@code orphanExit()} and the
 * "pid1" thread's event-loop dispatches, each group confined to one thread (PID 1 is
 * single-threaded; one task exits). The variants are the nested subclasses; the sequential
 * specification is {@link SystemdSpec}, never the port.
 * <p>
 * {@code dispatchSigchld()} answers "no child", "reaped 4242" (whether the scope's handler ran or
 * the slice's NULL one was skipped, which depends on the event order, is left out on purpose: see
 * SystemdSpec), or, when PID 1 called through NULL, the finding "SEGV: user-1000.slice->sigchld_event
 * is NULL (pid 4242)", and afterwards "PID 1 frozen".
 */
@SequentialSpec(SystemdSpec.class)   // kmc export-test finds the specification here
public abstract class SystemdLincheck {
    private final Systemd port;

    protected SystemdLincheck(SystemdVariant variant) {
        port = new Systemd(variant);
    }

    /** The kernel: do_exit() of the orphan (cgroup_exit, then exit_notify). */
    @Operation(nonParallelGroup = "kernel")
    public void orphanExit() { port.orphanExit(); }

    /** PID 1: the cgroup-inotify source, if sd-event would dispatch it now. */
    @Operation(nonParallelGroup = "pid1")
    public void dispatchCgroupInotify() { port.dispatchCgroupInotify(); }

    /** PID 1: manager_loop()'s gc, cleanup and run queues. */
    @Operation(nonParallelGroup = "pid1")
    public void runQueues() { port.runQueues(); }

    /** PID 1: the signal source: SIGCHLD, waitid, lookup, sigchld_event, reap. */
    @Operation(nonParallelGroup = "pid1")
    public String dispatchSigchld() {
        Sigchld r = port.dispatchSigchld();
        return switch (r) {
            case NO_CHILD -> "no child";
            case DELIVERED, DROPPED -> "reaped " + Systemd.ORPHAN;
            case SEGV_NULL_HANDLER -> port.lastFinding();
            case FROZEN -> "PID 1 frozen";
        };
    }

    /** The structure, for traces. */
    @Override
    public String toString() { return port.toString(); }

    /** systemd v229 (ab2c3861dc = e57051f5^). */
    public static class PreFix extends SystemdLincheck {
        public PreFix() { super(SystemdVariant.PRE_FIX); }
    }

    /** systemd e57051f5 (v230). */
    public static class Fixed extends SystemdLincheck {
        public Fixed() { super(SystemdVariant.FIXED); }
    }
}
