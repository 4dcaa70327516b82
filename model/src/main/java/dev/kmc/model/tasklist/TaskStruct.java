package dev.kmc.model.tasklist;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.Word;

/**
 * The part of {@code struct task_struct} the incident needs: {@code pid}, {@code tgid},
 * {@code group_leader} and the {@code tasks} list_head, plus the group's thread count
 * ({@code signal->nr_threads}), kept on the leader.
 *
 * <p>One object of {@link TaskList}'s task_struct pool (the {@code task_struct_cachep} slab,
 * allocated up front so that no operation allocates): slot {@code n} is the task_struct that
 * gets pid {@code n}. Pairing slab object and pid in advance is sound because the model's pids are
 * handed out once, 1..PID_MAX, and never reused, and nothing reads a task_struct before fork has
 * published it. {@code pid} is therefore the slot's constant; every field fork writes is a cell.
 */
public final class TaskStruct {
    final int pid;
    /** p-&gt;tgid: set by copy_process, read by the module's lockless walk. */
    final Word tgid;
    /** p-&gt;group_leader: set by copy_process, read by clone and exit. */
    final Ptr<TaskStruct> groupLeader;
    final ListHead tasks;
    /** signal-&gt;nr_threads of the group this task leads: itself and its hashed threads. Under tasklist_lock. */
    final Word nrThreads;

    /** Pool slot {@code pid} (init_task for 0), its cells zero until copy_process fills them. */
    TaskStruct(int pid, Memory mem, SpinLock tasklistLock) {
        this.pid = pid;
        String n = pid == 0 ? "init_task" : "task" + pid;
        mem.register(this);
        this.tgid = mem.word(n + ".tgid", 0);
        this.groupLeader = mem.ptr(n + ".group_leader", null);
        this.tasks = new ListHead(this, mem, tasklistLock);
        this.nrThreads = mem.word(n + ".signal->nr_threads", 0).guardedBy(tasklistLock);
    }

    /** init_task (pid 0, "swapper"): INIT_LIST_HEAD(&amp;init_task.tasks), the head of the process list. Static initialisation. */
    void initTask() {
        groupLeader.pokePtr(this);
        tgid.poke(0);
        nrThreads.poke(1);
        tasks.next.pokePtr(tasks);
        tasks.prev.pokePtr(tasks);
    }

    /**
     * dup_task_struct(orig) into this pool slot, and the identity part of copy_process():
     * {@code *dst = *src} copies every field, {@code tasks} included, so the new task's
     * {@code tasks} points where {@code orig}'s did. copy_process() then sets tgid and group_leader
     * ({@code p->group_leader = p; p->tgid = p->pid;} and, for CLONE_THREAD, the creator's); it
     * overwrites {@code tasks} only for a thread-group leader (list_add_tail_rcu), so a
     * CLONE_THREAD child keeps the stale copy for life.
     */
    void dupTaskStruct(TaskStruct orig, boolean cloneThread) {
        tasks.next.store(orig.tasks.next.load());               // *dst = *src
        // NOTE: benign race. The kernel copies the struct without tasklist_lock, so orig's list_head can
        // change under the copy; the copy is never used by correct code (only by the module's bug).
        tasks.prev.store(orig.tasks.prev.load());
        if (cloneThread) {                                      // if (clone_flags & CLONE_THREAD)
            TaskStruct leader = orig.groupLeader.load();
            groupLeader.store(leader);                          //   p->group_leader = current->group_leader
            tgid.store(orig.tgid.load());                       //   p->tgid = current->tgid
        } else {
            groupLeader.store(this);                            // p->group_leader = p
            tgid.store(pid);                                    // p->tgid = p->pid
        }
    }

    /** tgid, without scheduling (views). */
    public int tgid() { return (int) tgid.peek(); }

    /** group_leader, without scheduling (views). */
    public TaskStruct groupLeader() { return groupLeader.peekPtr(); }

    public ListHead tasks() { return tasks; }

    public int pid() { return pid; }

    /**
     * thread_group_leader(p), without scheduling (views). v6.1 tests {@code p->exit_signal >= 0};
     * copy_process gives a CLONE_THREAD child exit_signal -1, so that is the same predicate as
     * {@code group_leader == p}.
     */
    public boolean threadGroupLeader() { return groupLeader.peekPtr() == this; }

    /** thread_group_leader(p) as the kernel code reads it: {@code p->group_leader == p}, a plain load. */
    boolean threadGroupLeaderLoad() { return groupLeader.load() == this; }

    @Override
    public String toString() { return tasks.name(); }
}
