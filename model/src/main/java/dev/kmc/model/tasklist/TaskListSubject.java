package dev.kmc.model.tasklist;

/**
 * The operations every check drives, with results in the form the checks compare and print:
 * pids (-1 for a failed fork or clone), booleans for exit, and the module's search result as a
 * name ({@code "FOUND"}, {@code "NOT_FOUND"}, {@code "ESRCH"}, {@code "LOOPED"}).
 */
public final class TaskListSubject {
    private final TaskList tl;

    /** An empty system whose module walks with {@code start}, bounded at {@link TaskList#WALK_BOUND}. */
    public TaskListSubject(WalkStart start) {
        this(new TaskList(start, TaskList.WALK_BOUND));
    }

    public TaskListSubject(TaskList tl) {
        this.tl = tl;
    }

    public TaskList taskList() { return tl; }

    /** A deep copy (at quiescence). */
    public TaskListSubject copy() { return new TaskListSubject(tl.copy()); }

    /**
     * A new process: clone() without CLONE_THREAD. Who forks does not matter to the list
     * (list_add_tail_rcu overwrites the copied tasks), so init_task does. Its pid, or -1.
     */
    public int fork() {
        TaskStruct p = tl.fork(tl.initTask());
        return p == null ? -1 : p.pid;
    }

    /** Task {@code pid} calls clone(CLONE_THREAD): the new thread's pid, or -1 if {@code pid} is not hashed or no pid is left. */
    public int newThread(int pid) {
        TaskStruct current = tl.findTaskByVpid(pid);
        if (current == null) {
            return -1;
        }
        TaskStruct p = tl.cloneThread(current);
        return p == null ? -1 : p.pid;
    }

    /** Task {@code pid} exits and is reaped (release_task): false if it is not hashed, or leads hashed threads. */
    public boolean exitTask(int pid) {
        TaskStruct p = tl.findTaskByVpid(pid);
        return p != null && tl.releaseTask(p);
    }

    /** The module, called for task {@code startPid}, searches for process {@code target}. */
    public String walkFrom(int startPid, int target) {
        return tl.walkFrom(startPid, target).name();
    }

    public int[] stateKey() { return tl.stateKey(); }

    @Override
    public String toString() { return tl.toString(); }
}
