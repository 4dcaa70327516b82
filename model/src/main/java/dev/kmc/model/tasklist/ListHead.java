package dev.kmc.model.tasklist;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.SpinLock;

/**
 * {@code struct list_head}, as embedded in a task_struct ({@code tasks}). {@link #task()} is
 * {@code container_of(head, struct task_struct, tasks)}. A list_head is an object registered with
 * the list's {@link Memory} (its address is what a {@code ->next} cell holds); its two pointers
 * are cells of that memory.
 */
public final class ListHead {
    /** {@code LIST_POISON2}: what list_del_rcu() leaves in ->prev. Nothing ever dereferences it. */
    public static final ListHead LIST_POISON2 = new ListHead();

    /**
     * ->next: written by writers under tasklist_lock ({@code rcu_assign_pointer}, {@code WRITE_ONCE},
     * or plain before the entry is published), read by lockless walkers ({@code list_entry_rcu}:
     * {@code rcu_dereference}). Null for LIST_POISON2.
     */
    final Ptr<ListHead> next;
    /**
     * ->prev: read and written by writers only, under tasklist_lock ({@code guardedBy}); RCU readers
     * never follow it. Exception: dup_task_struct's copy reads the creator's prev without the lock
     * (the benign race noted there), so the cell is not marked guarded. Null for LIST_POISON2.
     */
    final Ptr<ListHead> prev;
    private final TaskStruct task;

    private ListHead() {
        this.task = null;
        this.next = null;
        this.prev = null;
    }

    /** The list_head embedded in {@code task}: registered with {@code mem}, its pointers cells of it. */
    ListHead(TaskStruct task, Memory mem, SpinLock tasklistLock) {
        this.task = task;
        String owner = task.pid == 0 ? "init_task" : "task" + task.pid;
        mem.register(this);
        next = mem.ptr(owner + ".tasks.next", null);
        prev = mem.ptr(owner + ".tasks.prev", null);
    }

    /** The task_struct this list_head is embedded in (null for LIST_POISON2). */
    public TaskStruct task() { return task; }

    /** ->next, without scheduling: views, invariants and printers only. */
    public ListHead next() { return next.peekPtr(); }

    /** ->prev, without scheduling: views, invariants and printers only. */
    public ListHead prev() { return prev.peekPtr(); }

    /** "init_task", a pid, or "LIST_POISON2": how the printer and the invariants name it. */
    public String name() {
        return task == null ? "LIST_POISON2" : task.pid == 0 ? "init_task" : String.valueOf(task.pid);
    }

    @Override
    public String toString() { return name(); }
}
