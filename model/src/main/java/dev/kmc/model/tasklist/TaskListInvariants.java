package dev.kmc.model.tasklist;

import java.util.ArrayList;
import java.util.List;

/**
 * The invariants of the process list, checked at quiescence (no writer, no walk in flight). Each
 * check returns the first violation in words, or null.
 */
public final class TaskListInvariants {
    private TaskListInvariants() { }

    /** A tgid no process can have: the target of a search that must come back empty-handed. */
    static final int ABSENT = TaskList.PID_MAX + 1;

    /** The structural invariants: ring shape, ring members, unlinked entries, thread counts. */
    public static String firstViolation(TaskList tl) {
        ListHead head = tl.initTask().tasks;
        List<TaskStruct> ring = new ArrayList<>();
        ListHead pos = head;
        do {
            ListHead next = pos.next();
            if (next.prev() != pos) {
                return "prev mirrors next on the ring: " + pos.name() + "->next is " + next.name() + " but its prev is "
                        + next.prev().name();
            }
            pos = next;
            if (pos != head) {
                ring.add(pos.task());
            }
            if (ring.size() > TaskList.PID_MAX) {
                return "the ring from init_task.tasks closes within " + TaskList.WALK_BOUND + " list_heads: walked " + ring;
            }
        } while (pos != head);
        List<TaskStruct> leaders = new ArrayList<>();
        for (int pid = 1; pid <= tl.lastPid(); pid++) {
            TaskStruct t = tl.task(pid);
            if (t.threadGroupLeader() && tl.hashed(t)) {
                leaders.add(t);
            }
        }
        if (ring.size() != leaders.size() || !ring.containsAll(leaders)) {
            return "the ring holds exactly the hashed thread-group leaders, each once: ring " + ring + ", leaders " + leaders;
        }
        for (int pid = 1; pid <= tl.lastPid(); pid++) {
            TaskStruct t = tl.task(pid);
            if (t.threadGroupLeader() && !tl.hashed(t) && t.tasks.prev() != ListHead.LIST_POISON2) {
                return "a reaped leader's tasks.prev is LIST_POISON2: " + t.pid + "'s is " + t.tasks.prev().name();
            }
            if (t.threadGroupLeader() && tl.hashed(t)) {
                int threads = 1;
                for (int q = pid + 1; q <= tl.lastPid(); q++) {
                    TaskStruct u = tl.task(q);
                    threads += u.groupLeader() == t && tl.hashed(u) ? 1 : 0;
                }
                if (t.nrThreads.peek() != threads) {
                    return "signal->nr_threads counts the group's hashed tasks: " + t.pid + " has nr_threads " + t.nrThreads.peek()
                            + ", hashed " + threads;
                }
            }
        }
        return null;
    }

    /**
     * Kernel-spec C2: a traversal terminates iff its start node is on the ring. For init_task and
     * every task ever made, a search for a tgid nobody has, from that task's {@code tasks}, must
     * come back (NOT_FOUND) exactly when the list_head is on the ring, and loop (LOOPED) otherwise.
     */
    public static String terminationViolation(TaskList tl) {
        for (int pid = 0; pid <= tl.lastPid(); pid++) {
            TaskStruct t = pid == 0 ? tl.initTask() : tl.task(pid);
            boolean on = tl.onRing(t.tasks);
            WalkResult r = tl.walk(t.tasks, ABSENT);
            if (r != (on ? WalkResult.NOT_FOUND : WalkResult.LOOPED)) {
                return "a walk terminates iff its start is on the ring: from " + t.tasks.name() + " ("
                        + (on ? "on" : "not on") + " the ring) the search for an absent target returned " + r;
            }
        }
        return null;
    }
}
