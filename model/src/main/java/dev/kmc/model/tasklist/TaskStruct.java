package dev.kmc.model.tasklist;

/**
 * The part of {@code struct task_struct} the incident needs: {@code pid}, {@code tgid},
 * {@code group_leader} and the {@code tasks} list_head, plus the group's thread count
 * ({@code signal->nr_threads}), kept on the leader.
 */
public final class TaskStruct {
    final int pid;
    final int tgid;
    final TaskStruct groupLeader;
    final ListHead tasks = new ListHead(this);
    /** signal-&gt;nr_threads of the group this task leads: itself and its hashed threads. Under tasklist_lock. */
    int nrThreads = 1;

    /** A task of the group led by {@code leader}, or a new group's leader when {@code leader} is null. */
    TaskStruct(int pid, TaskStruct leader) {
        this.pid = pid;
        this.groupLeader = leader == null ? this : leader;
        this.tgid = groupLeader == this ? pid : leader.tgid;
    }

    /** init_task (pid 0, "swapper"): INIT_LIST_HEAD(&amp;init_task.tasks), the head of the process list. */
    static TaskStruct initTask() {
        TaskStruct t = new TaskStruct(0, null);
        t.tasks.next = t.tasks;
        t.tasks.prev = t.tasks;
        return t;
    }

    /**
     * dup_task_struct(orig) and the identity part of copy_process(): {@code *dst = *src} copies
     * every field, {@code tasks} included, so the new task's {@code tasks} points where
     * {@code orig}'s did. copy_process() then sets pid, tgid and group_leader; it overwrites
     * {@code tasks} only for a thread-group leader (list_add_tail_rcu), so a CLONE_THREAD child
     * keeps the stale copy for life.
     */
    static TaskStruct dupTaskStruct(TaskStruct orig, int pid, boolean cloneThread) {
        TaskStruct p = new TaskStruct(pid, cloneThread ? orig.groupLeader : null);
        p.tasks.next = orig.tasks.next;                         // *dst = *src
        // NOTE: benign race. The kernel copies the struct without tasklist_lock, so orig's list_head can
        // change under the copy; the copy is never used by correct code (only by the module's bug).
        p.tasks.prev = orig.tasks.prev;
        return p;
    }

    public int tgid() { return tgid; }

    public TaskStruct groupLeader() { return groupLeader; }

    public ListHead tasks() { return tasks; }

    /**
     * thread_group_leader(p). v6.1 tests {@code p->exit_signal >= 0}; copy_process gives a
     * CLONE_THREAD child exit_signal -1, so that is the same predicate as {@code group_leader == p}.
     */
    public boolean threadGroupLeader() { return groupLeader == this; }

    @Override
    public String toString() { return tasks.name(); }
}
