package dev.kmc.checks.systemd;

/**
 * The sequential specification: what a correct PID 1 answers, written without the port's code or
 * state. One child exits once; its SIGCHLD is reaped exactly once, whichever event PID 1 sees
 * first; nothing PID 1 dispatches ever crashes it. So the cgroup-empty dispatch and gc answer
 * nothing, and {@code dispatchSigchld()} answers "reaped 100" the first time after the exit and
 * "no child" otherwise.
 * <p>
 * Deliberately left out: whether the SIGCHLD reached foo.service's handler or was dropped. Both
 * are correct (kernel-spec C3: "delivered only to the unit that owned the pid, or dropped") and
 * which one happens depends on the order of two asynchronous events, which a correct PID 1 does
 * not control. A call through NULL or on a freed unit is never a correct answer.
 */
public class SystemdSpec {
    private boolean exited;
    private boolean reaped;

    public void processExit() {
        exited = true;
    }

    public void dispatchCgroupEmpty() {
    }

    public void gc() {
    }

    public String dispatchSigchld() {
        if (exited && !reaped) {
            reaped = true;
            return "reaped 100";
        }
        return "no child";
    }
}
