package dev.kmc.model.tasklist;

/**
 * {@code struct list_head}, as embedded in a task_struct ({@code tasks}). {@link #task()} is
 * {@code container_of(head, struct task_struct, tasks)}.
 */
public final class ListHead {
    /** {@code LIST_POISON2}: what list_del_rcu() leaves in ->prev. Nothing ever dereferences it. */
    public static final ListHead LIST_POISON2 = new ListHead(null);

    /** ->next: written by writers under tasklist_lock, read by lockless walkers. */
    volatile ListHead next;
    /** ->prev: read and written by writers only, under tasklist_lock; RCU readers never follow it. */
    ListHead prev;
    private final TaskStruct task;

    ListHead(TaskStruct task) {
        this.task = task;
    }

    /** The task_struct this list_head is embedded in (null for LIST_POISON2). */
    public TaskStruct task() { return task; }

    public ListHead next() { return next; }

    public ListHead prev() { return prev; }

    /** "init_task", a pid, or "LIST_POISON2": how the printer and the invariants name it. */
    public String name() {
        return task == null ? "LIST_POISON2" : task.pid == 0 ? "init_task" : String.valueOf(task.pid);
    }

    @Override
    public String toString() { return name(); }
}
