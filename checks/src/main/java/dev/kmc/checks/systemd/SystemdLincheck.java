package dev.kmc.checks.systemd;

import dev.kmc.checks.lincheck.SequentialSpec;
import dev.kmc.model.systemd.Sigchld;
import dev.kmc.model.systemd.Systemd;
import dev.kmc.model.systemd.SystemdVariant;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Lincheck operations on one {@link Systemd}: the "kernel" thread's {@code processExit()} and the
 * "pid1" thread's event-loop dispatches, each group confined to one thread (PID 1 is
 * single-threaded; one task exits). The variants are the nested subclasses; the sequential
 * specification is {@link SystemdSpec}, never the port.
 * <p>
 * {@code dispatchSigchld()} answers "no child", "reaped 100" (whether the handler ran on
 * foo.service or was skipped, which depends on the event order, is left out on purpose: see
 * SystemdSpec) or, when PID 1 would have crashed, the finding: "SEGV: system.slice->sigchld_event
 * is NULL (pid 100)".
 */
@SequentialSpec(SystemdSpec.class)   // kmc export-test finds the specification here
public abstract class SystemdLincheck {
    private final Systemd port;

    protected SystemdLincheck(SystemdVariant variant) {
        port = new Systemd(variant);
    }

    /** The kernel: do_exit() of pid 100 (cgroup_exit, then exit_notify). */
    @Operation(nonParallelGroup = "kernel")
    public void processExit() { port.processExit(); }

    /** PID 1: the cgroup-empty source(s), if sd-event would dispatch them now. */
    @Operation(nonParallelGroup = "pid1")
    public void dispatchCgroupEmpty() { port.dispatchCgroupEmpty(); }

    /** PID 1: manager_dispatch_gc_queue(). */
    @Operation(nonParallelGroup = "pid1")
    public void gc() { port.gc(); }

    /** PID 1: the signal source: SIGCHLD, waitid, lookup, sigchld_event, reap. */
    @Operation(nonParallelGroup = "pid1")
    public String dispatchSigchld() {
        Sigchld r = port.dispatchSigchld();
        if (r.bug()) {
            return port.lastFinding();
        }
        return r == Sigchld.NO_CHILD ? "no child" : "reaped " + Systemd.PID;
    }

    /** The structure, for traces. */
    @Override
    public String toString() { return port.toString(); }

    /** systemd v234. */
    public static class PreFix extends SystemdLincheck {
        public PreFix() { super(SystemdVariant.PRE_FIX); }
    }

    /** With PR #6928 (v235). */
    public static class Fixed extends SystemdLincheck {
        public Fixed() { super(SystemdVariant.FIXED); }
    }
}
