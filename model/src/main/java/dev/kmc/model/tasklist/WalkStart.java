package dev.kmc.model.tasklist;

/**
 * The one place where the pre-fix and the fixed port differ: the list_head the module's loop
 * starts at and stops at. Everything else, the loop included, is shared.
 *
 * <p>The fix chosen is {@code for_each_process}, the first remedy of kernel-spec C2: it keeps the
 * module's loop, its pid compare and its lockless RCU walk, and changes only the anchor, to the list
 * head {@code &init_task.tasks}, which is never unlinked. (Looking the pid up directly with
 * {@code find_task_by_vpid} would be cheaper, but removes the walk; walking from a leader that was
 * checked with {@code pid_alive} and {@code thread_group_leader} is no fix under concurrency: the
 * leader can be unhashed after the check.)
 */
public enum WalkStart {
    /** The module as shipped: from and back to {@code &start->tasks}, start being {@code current}, the task calling kill(). */
    START_TASKS("pre-fix: from &start->tasks") {
        @Override
        ListHead anchor(TaskStruct start, TaskStruct initTask) {
            return start.tasks;
        }
    },
    /** {@code for_each_process(p)}: from and back to {@code &init_task.tasks}. */
    FOR_EACH_PROCESS("fixed: for_each_process") {
        @Override
        ListHead anchor(TaskStruct start, TaskStruct initTask) {
            return initTask.tasks;
        }
    };

    private final String label;

    WalkStart(String label) {
        this.label = label;
    }

    public String label() { return label; }

    /** The list_head the loop starts at and must come back to. */
    abstract ListHead anchor(TaskStruct start, TaskStruct initTask);
}
