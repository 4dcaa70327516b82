package dev.kmc.model.tasklist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return print(data(tl));
    }

    /**
     * The state as data, read once; {@link #print(Map)} formats only this tree, and the HTML report
     * draws from it. Keys: {@code kind} ("tasklist"), {@code walkStart}, {@code walkBound}, {@code
     * lastPid}, {@code pidMax}, {@code ring} (the names from init_task.tasks.next, in order, init_task
     * not repeated), {@code ringCloses}, {@code tasks} (per pid 1..lastPid: {@code pid}, {@code
     * attached} (false while being forked; then only pid), {@code tgid}, {@code leader}, {@code
     * hashed}, {@code onRing}, {@code where} (as printed), {@code next}, {@code prev}). The walker's
     * position is a local of the port's loop, not a cell: it is not in the tree.
     */
    static Map<String, Object> data(TaskList tl) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "tasklist");
        d.put("walkStart", tl.walkStart().label());
        d.put("walkBound", tl.walkBound());
        d.put("lastPid", tl.lastPid());
        d.put("pidMax", TaskList.PID_MAX);
        List<Object> ring = new ArrayList<>();
        ListHead head = tl.initTask().tasks;
        ListHead pos = head.next();
        for (int i = 0; pos != head && i <= TaskList.PID_MAX; i++, pos = pos.next()) {
            ring.add(pos.name());
        }
        d.put("ring", ring);
        d.put("ringCloses", pos == head);
        List<Object> tasks = new ArrayList<>();
        for (int pid = 1; pid <= tl.lastPid(); pid++) {
            TaskStruct t = tl.task(pid);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", pid);
            m.put("attached", t != null);
            if (t != null) {
                boolean on = tl.onRing(t.tasks);
                m.put("tgid", t.tgid());
                m.put("leader", t.threadGroupLeader());
                m.put("hashed", tl.hashed(t));
                m.put("onRing", on);
                m.put("where", on ? "on the ring"
                        : t.threadGroupLeader() ? (tl.hashed(t) ? "NOT on the ring" : "unlinked (list_del_rcu)")
                        : "NOT on the ring (stale copy)");
                m.put("next", t.tasks.next().name());
                m.put("prev", t.tasks.prev().name());
            }
            tasks.add(m);
        }
        d.put("tasks", tasks);
        return d;
    }

    @SuppressWarnings("unchecked")
    static String print(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        sb.append("tasklist [").append(d.get("walkStart")).append("] walk bound ").append(d.get("walkBound"))
                .append(", pids 1..").append(d.get("lastPid")).append(" of ").append(d.get("pidMax")).append('\n');
        sb.append("  ring: init_task");
        for (Object n : (List<Object>) d.get("ring")) sb.append(" -> ").append(n);
        sb.append((Boolean) d.get("ringCloses") ? " -> init_task\n" : " -> ... (does not close)\n");
        for (Object o : (List<Object>) d.get("tasks")) {
            Map<String, Object> t = (Map<String, Object>) o;
            if (!(Boolean) t.get("attached")) {                 // pid allocated, copy_process not done yet
                sb.append("  pid ").append(t.get("pid")).append("  (being forked: not yet attached)\n");
                continue;
            }
            sb.append(String.format("  pid %d  tgid %d  %-6s  %-8s  tasks %-29s  next %-10s prev %s%n", t.get("pid"), t.get("tgid"),
                    (Boolean) t.get("leader") ? "leader" : "thread", (Boolean) t.get("hashed") ? "hashed" : "reaped", t.get("where"),
                    t.get("next"), t.get("prev")));
        }
        return sb.toString();
    }
}
