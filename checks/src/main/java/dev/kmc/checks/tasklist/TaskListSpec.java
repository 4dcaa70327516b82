package dev.kmc.checks.tasklist;

import dev.kmc.model.tasklist.TaskList;
import java.util.HashMap;
import java.util.Map;

/**
 * The sequential specification of the process table and the module's search, written
 * independently of the port: a map from live pid to tgid, and no lists, nodes or locks. Pids are
 * handed out 1, 2, ... up to {@link TaskList#PID_MAX} and never reused. A process is a live pid
 * whose tgid is itself. The search answers ESRCH if no task with the start pid was ever made,
 * else FOUND iff the target is a live process, else NOT_FOUND; it always answers, whatever became
 * of the start task.
 */
public class TaskListSpec {
    private final Map<Integer, Integer> live = new HashMap<>();
    private int lastPid;

    public int fork() {
        if (lastPid == TaskList.PID_MAX) return -1;
        lastPid++;
        live.put(lastPid, lastPid);
        return lastPid;
    }

    public int newThread(int pid) {
        Integer tgid = live.get(pid);
        if (tgid == null || lastPid == TaskList.PID_MAX) return -1;
        lastPid++;
        live.put(lastPid, tgid);
        return lastPid;
    }

    /** A task leaves; a process only after its threads. */
    public boolean exitTask(int pid) {
        Integer tgid = live.get(pid);
        if (tgid == null) return false;
        if (tgid == pid && live.values().stream().filter(t -> t == pid).count() > 1) return false;
        live.remove(pid);
        return true;
    }

    public String walkFrom(int startPid, int targetPid) {
        if (startPid < 1 || startPid > lastPid) return "ESRCH";
        return Integer.valueOf(targetPid).equals(live.get(targetPid)) ? "FOUND" : "NOT_FOUND";
    }
}
