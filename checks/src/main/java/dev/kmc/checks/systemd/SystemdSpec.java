package dev.kmc.checks.systemd;

/**
 * The sequential specification: what a correct PID 1 answers, written without the port's code or
 * state. The orphan exits once; its SIGCHLD is reaped exactly once, whichever event PID 1 sees
 * first; nothing PID 1 dispatches ever crashes it. So the cgroup-inotify dispatch and the queues
 * answer nothing, and {@code dispatchSigchld()} answers "reaped 4242" the first time after the exit
 * and "no child" otherwise.
 * <p>
 * Deliberately left out: whether the SIGCHLD reached the scope's handler or was dropped at the
 * slice. Both are correct and which one happens depends on the order of two asynchronous events,
 * which a correct PID 1 does not control. A call through NULL is never a correct answer.
 */
public class SystemdSpec {
    private boolean exited;
    private boolean reaped;

    public void orphanExit() {
        exited = true;
    }

    public void dispatchCgroupInotify() {
    }

    public void runQueues() {
    }

    public String dispatchSigchld() {
        if (exited && !reaped) {
            reaped = true;
            return "reaped 4242";
        }
        return "no child";
    }
}
