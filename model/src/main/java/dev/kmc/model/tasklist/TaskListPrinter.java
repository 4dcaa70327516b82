package dev.kmc.model.tasklist;

/**
 * Prints the process list the way a kernel hacker draws it: the ring from init_task.tasks, then
 * every task made, with where its tasks list_head points and whether it is on the ring, e.g.
 * <pre>
 * tasklist [pre-fix: from &amp;start-&gt;tasks] walk bound 9, pids 1..3 of 8
 *   ring: init_task -&gt; 1 -&gt; init_task
 *   pid 1  tgid 1  leader  hashed    tasks on the ring                   next init_task  prev init_task
 *   pid 2  tgid 1  thread  hashed    tasks NOT on the ring (stale copy)  next init_task  prev init_task
 *   pid 3  tgid 3  leader  reaped    tasks unlinked (list_del_rcu)       next init_task  prev LIST_POISON2
 * </pre>
 */
final class TaskListPrinter {
    private TaskListPrinter() { }

    static String print(TaskList tl) {
        StringBuilder sb = new StringBuilder();
        sb.append("tasklist [").append(tl.walkStart().label()).append("] walk bound ").append(tl.walkBound())
                .append(", pids 1..").append(tl.lastPid()).append(" of ").append(TaskList.PID_MAX).append('\n');
        sb.append("  ring: init_task");
        ListHead head = tl.initTask().tasks;
        ListHead pos = head.next();
        for (int i = 0; pos != head && i <= TaskList.PID_MAX; i++, pos = pos.next()) {
            sb.append(" -> ").append(pos.name());
        }
        sb.append(pos == head ? " -> init_task\n" : " -> ... (does not close)\n");
        for (int pid = 1; pid <= tl.lastPid(); pid++) {
            TaskStruct t = tl.task(pid);
            if (t == null) {                                    // pid allocated, copy_process not done yet
                sb.append("  pid ").append(pid).append("  (being forked: not yet attached)\n");
                continue;
            }
            String where = tl.onRing(t.tasks) ? "on the ring"
                    : t.threadGroupLeader() ? (tl.hashed(t) ? "NOT on the ring" : "unlinked (list_del_rcu)")
                    : "NOT on the ring (stale copy)";
            sb.append(String.format("  pid %d  tgid %d  %-6s  %-8s  tasks %-29s  next %-10s prev %s%n", pid, t.tgid(),
                    t.threadGroupLeader() ? "leader" : "thread", tl.hashed(t) ? "hashed" : "reaped", where,
                    t.tasks.next().name(), t.tasks.prev().name()));
        }
        return sb.toString();
    }
}
