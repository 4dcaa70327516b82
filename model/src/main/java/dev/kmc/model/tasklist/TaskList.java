package dev.kmc.model.tasklist;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.Word;

/**
 * The global process list headed by {@code init_task.tasks}, the PIDTYPE_PID hash, the paths of
 * kernel/fork.c and kernel/exit.c that change them, and the dirpro module's search. The
 * {@link WalkStart} chooses the variant.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>Every field another CPU can touch is a cell of the list's {@link Memory} (see
 *     {@code dev.kmc.model.mem}): each task's {@code tasks.next/prev}, {@code tgid},
 *     {@code group_leader}, {@code signal->nr_threads}, the pid hash, {@code last_pid} and the
 *     module's references. All task_structs are allocated in the constructor (the pool, one per
 *     pid); fork takes the one for the pid it allocated. No operation allocates or registers
 *     anything, so every operation is a deterministic function of what its cell accesses return
 *     (Lincheck and kmc's explorer both rely on that).</li>
 * <li>Writers ({@link #fork}, {@link #cloneThread}, {@link #releaseTask}) serialize on
 *     {@code tasklist_lock}, a {@link SpinLock} standing for the write side
 *     {@code write_lock_irq(&tasklist_lock)} (there are no read-side lockers in the model).
 *     Readers ({@link #walkFrom}, {@link #findTaskByVpid}) take no lock, as under
 *     {@code rcu_read_lock()}.</li>
 * <li>The module walks from a task_struct it holds a reference to, taken when it found the task
 *     by pid; the reference outlives the task's place on the ring.</li>
 * <li>Invariants (at quiescence, see {@link TaskListInvariants}): the ring from
 *     {@code &init_task.tasks} closes and {@code prev} mirrors {@code next} on it; it holds exactly
 *     the hashed thread-group leaders, each once; no thread's {@code tasks} is on it; an
 *     unlinked {@code tasks} has {@code prev == LIST_POISON2}; a walk from a list_head stops for an
 *     absent target iff that list_head is on the ring (kernel-spec C2).</li>
 * <li>Non-invariant: the {@code tasks} of a non-leader thread, or of a reaped leader, still points
 *     into the ring ({@code ->next} of a copy or of an unlinked entry), so a walk from it runs on
 *     around the ring and never meets its anchor again.</li>
 * <li>Ring order is insertion order (list_add_tail_rcu before the head), and every {@code ->next},
 *     frozen or not, points forward in it or to the head. So a walk whose anchor stays on the ring
 *     examines each list_head at most once before it is back: at most {@link #WALK_BOUND}.</li>
 * </ul>
 */
public final class TaskList {
    /** The model's pid_max: pids 1..PID_MAX. */
    public static final int PID_MAX = 8;
    /**
     * The module's step bound: the ring never holds more than PID_MAX + 1 list_heads (init_task's and
     * one per process), so a walk that has examined that many tasks without meeting its anchor
     * never will. The kernel loop has no bound.
     */
    public static final int WALK_BOUND = PID_MAX + 1;

    private final WalkStart walkStart;
    private final int walkBound;
    private final Memory mem;
    /** tasklist_lock, write side. */
    private final SpinLock tasklistLock;
    /** pidmap_lock: alloc_pid. */
    private final SpinLock pidmapLock;
    /** The task_struct pool: slot 0 is init_task, slot n the task that gets pid n. */
    private final TaskStruct[] pool = new TaskStruct[PID_MAX + 1];
    private final TaskStruct initTask;
    /** The PIDTYPE_PID hash: pid_task(find_vpid(nr), PIDTYPE_PID) for nr in 1..PID_MAX. */
    private final Ptr<TaskStruct>[] pidHash;
    /**
     * Every task_struct made, by pid, set once its pid is hashed and never cleared. These are the
     * module's references: it found each task by pid and took get_task_struct() on it, which pins
     * the task_struct, not its place on the ring.
     */
    private final Ptr<TaskStruct>[] taskStructs;
    /** pid_namespace's last_pid, under pidmap_lock. */
    private final Word lastPid;

    /** An empty system (init_task only) on real atomics, whose module walks with {@code walkStart}, bounded at {@code walkBound} tasks. */
    public TaskList(WalkStart walkStart, int walkBound) {
        this(walkStart, walkBound, new Memory());
    }

    /** The same on {@code mem} (kmc's explorer passes its scheduled memory). */
    @SuppressWarnings("unchecked")
    public TaskList(WalkStart walkStart, int walkBound, Memory mem) {
        this.walkStart = walkStart;
        this.walkBound = walkBound;
        this.mem = mem;
        mem.register(ListHead.LIST_POISON2);
        tasklistLock = mem.spinLock("tasklist_lock");
        pidmapLock = mem.spinLock("pidmap_lock");
        lastPid = mem.word("pid_ns->last_pid", 0).guardedBy(pidmapLock);
        for (int pid = 0; pid <= PID_MAX; pid++) {
            pool[pid] = new TaskStruct(pid, mem, tasklistLock);
        }
        initTask = pool[0];
        initTask.initTask();
        pidHash = new Ptr[PID_MAX + 1];
        taskStructs = new Ptr[PID_MAX + 1];
        for (int nr = 1; nr <= PID_MAX; nr++) {
            pidHash[nr] = mem.ptr("pid_hash[" + nr + "]", null);
            taskStructs[nr] = mem.ptr("dirpro.task_ref[" + nr + "]", null);
        }
    }

    // =========================================================================================
    // fork (kernel/fork.c)
    // =========================================================================================

    /** clone() without CLONE_THREAD by {@code current}: a new thread-group leader, or null (-EAGAIN: no pid left). */
    public TaskStruct fork(TaskStruct current) {
        return copyProcess(current, false);
    }

    /** clone(CLONE_THREAD) by {@code current}: a new thread in its group, or null (-EAGAIN: no pid left). */
    public TaskStruct cloneThread(TaskStruct current) {
        return copyProcess(current, true);
    }

    private TaskStruct copyProcess(TaskStruct current, boolean cloneThread) {
        int nr = allocPid();                                    // pid = alloc_pid(...)
        if (nr < 0) {
            return null;                                        //   -EAGAIN
        }
        TaskStruct p = pool[nr];                                // p = dup_task_struct(current): the pool's task_struct for this pid
        p.dupTaskStruct(current, cloneThread);                  //   *p = *current; p->pid, tgid, group_leader
        tasklistLock.spinLock();                                // write_lock_irq(&tasklist_lock)
        if (p.threadGroupLeaderLoad()) {                        // if (thread_group_leader(p))
            p.nrThreads.store(1);                               //   (copy_signal: sig->nr_threads = 1)
            listAddTailRcu(p.tasks, initTask.tasks);            //   list_add_tail_rcu(&p->tasks, &init_task.tasks)
        } else {
            TaskStruct leader = current.groupLeader.load();
            leader.nrThreads.store(leader.nrThreads.load() + 1);  //   current->signal->nr_threads++
        }
        attachPid(p);                                           // attach_pid(p, PIDTYPE_PID)
        taskStructs[nr].store(p);                               // (the module finds it and keeps a reference)
        tasklistLock.spinUnlock();                              // write_unlock_irq(&tasklist_lock)
        return p;
    }

    private int allocPid() {
        pidmapLock.spinLock();                                  // spin_lock_irq(&pidmap_lock); idr_alloc_cyclic(...)
        long last = lastPid.load();
        int nr = last == PID_MAX ? -1 : (int) last + 1;
        if (nr > 0) {
            lastPid.store(nr);
        }
        pidmapLock.spinUnlock();                                // spin_unlock_irq(&pidmap_lock)
        return nr;
    }

    // =========================================================================================
    // exit (kernel/exit.c)
    // =========================================================================================

    /**
     * release_task(p): under tasklist_lock, __exit_signal(p) -&gt; __unhash_process(p, group_dead).
     * Returns false, changing nothing, if {@code p} is not hashed, or is a leader whose threads
     * are: the kernel reaps a group leader only after its last thread (delay_group_leader).
     */
    public boolean releaseTask(TaskStruct p) {
        tasklistLock.spinLock();                                // write_lock_irq(&tasklist_lock)
        boolean groupDead = p.threadGroupLeaderLoad();          // __exit_signal: group_dead = thread_group_leader(tsk)
        if (pidHash[p.pid].load() != p || groupDead && p.nrThreads.load() > 1) {
            tasklistLock.spinUnlock();
            return false;
        }
        TaskStruct leader = p.groupLeader.load();
        leader.nrThreads.store(leader.nrThreads.load() - 1);    // sig->nr_threads--
        unhashProcess(p, groupDead);                            // __unhash_process(tsk, group_dead)
        tasklistLock.spinUnlock();                              // write_unlock_irq(&tasklist_lock)
        return true;
    }

    /** __unhash_process(p, group_dead), tasklist_lock held. */
    private void unhashProcess(TaskStruct p, boolean groupDead) {
        detachPid(p);                                           // detach_pid(p, PIDTYPE_PID)
        if (groupDead) {
            listDelRcu(p.tasks);                                //   list_del_rcu(&p->tasks)
        }
    }

    // =========================================================================================
    // list primitives (include/linux/rculist.h, include/linux/list.h), tasklist_lock held
    // =========================================================================================

    /** list_add_tail_rcu(new, head): __list_add_rcu(new, head-&gt;prev, head). */
    private static void listAddTailRcu(ListHead n, ListHead head) {
        listAddRcu(n, head.prev.load(), head);
    }

    private static void listAddRcu(ListHead n, ListHead prev, ListHead next) {
        n.next.store(next);                                     // new->next = next
        n.prev.store(prev);                                     // new->prev = prev
        prev.next.rcuAssignPointer(n);                          // rcu_assign_pointer(list_next_rcu(prev), new)   LP: walkers can reach new
        next.prev.store(n);                                     // next->prev = new
    }

    /** list_del_rcu(entry): unlink, keep -&gt;next for walkers still on entry, poison -&gt;prev. */
    private static void listDelRcu(ListHead entry) {
        ListHead prev = entry.prev.load();                      // __list_del_entry(entry) -> __list_del(entry->prev, entry->next)
        ListHead next = entry.next.load();
        next.prev.store(prev);                                  //   next->prev = prev
        prev.next.writeOnce(next);                              //   WRITE_ONCE(prev->next, next)   LP: walkers arriving now skip entry
        entry.prev.store(ListHead.LIST_POISON2);                // entry->prev = LIST_POISON2 (entry->next is kept)
    }

    // =========================================================================================
    // pids (kernel/pid.c)
    // =========================================================================================

    private void attachPid(TaskStruct p) {
        pidHash[p.pid].rcuAssignPointer(p);                     // hlist_add_head_rcu(&task->pid_links[PIDTYPE_PID], &pid->tasks[PIDTYPE_PID])
    }

    private void detachPid(TaskStruct p) {
        pidHash[p.pid].writeOnce(null);                         // hlist_del_rcu(&task->pid_links[PIDTYPE_PID]); task->thread_pid = NULL
    }

    /** find_task_by_vpid(nr): the hashed task with pid {@code nr}, or null. Lockless (rcu_read_lock). */
    public TaskStruct findTaskByVpid(int nr) {
        return nr < 1 || nr > PID_MAX ? null : pidHash[nr].rcuDereference();
    }

    // =========================================================================================
    // the dirpro module
    // =========================================================================================

    /**
     * The module's search, under rcu_read_lock(): from its reference to the task with pid
     * {@code startPid}, hashed or since reaped, walk the process list from the {@link WalkStart}
     * anchor for a task whose tgid (the process id userspace knows) is {@code target}. ESRCH if it
     * holds no task with that pid (none was ever made).
     */
    public WalkResult walkFrom(int startPid, int target) {
        TaskStruct start = startPid < 1 || startPid > PID_MAX ? null : taskStructs[startPid].load();  // start = current, the task calling kill()
        if (start == null) {
            return WalkResult.ESRCH;                            //   -ESRCH
        }
        return walk(walkStart.anchor(start, initTask), target); // rcu_read_lock(); the loop, from the variant's anchor
    }

    /** The module's loop from and back to {@code anchor}, with the model's bound. */
    WalkResult walk(ListHead anchor, int target) {
        ListHead pos = anchor;                                  // p = start
        for (int examined = 0; examined < walkBound; examined++) {  // do {    (the bound is the model's; the kernel has none)
            if (pos.task().tgid.load() == target) {             //   if (p->tgid == target)
                return WalkResult.FOUND;                        //       found: break
            }
            pos = pos.next.rcuDereference();                    //   p = next_task(p): list_entry_rcu(p->tasks.next)
            if (pos == anchor) {                                // } while (p != start)
                return WalkResult.NOT_FOUND;
            }
        }
        return WalkResult.LOOPED;                               // the kernel spins on: soft lockup, RCU stall
    }

    // =========================================================================================
    // Views (no scheduling: printers, invariants, tests)
    // =========================================================================================

    public WalkStart walkStart() { return walkStart; }

    public int walkBound() { return walkBound; }

    public TaskStruct initTask() { return initTask; }

    /** The memory whose cells hold the whole list. */
    public Memory memory() { return mem; }

    /** The task_struct made with pid {@code pid}, hashed or not; null if none was. */
    public TaskStruct task(int pid) { return pid < 1 || pid > PID_MAX ? null : taskStructs[pid].peekPtr(); }

    /** The highest pid handed out so far (read at quiescence: no fork in flight). */
    public int lastPid() { return (int) lastPid.peek(); }

    public boolean hashed(TaskStruct t) { return t.pid >= 1 && t.pid <= PID_MAX && pidHash[t.pid].peekPtr() == t; }

    /** Whether {@code h} is one of the list_heads reachable from {@code &init_task.tasks}. */
    public boolean onRing(ListHead h) {
        ListHead pos = initTask.tasks;
        for (int i = 0; i <= WALK_BOUND; i++) {
            if (pos == h) {
                return true;
            }
            pos = pos.next();
            if (pos == initTask.tasks) {
                return false;
            }
        }
        return false;
    }

    // =========================================================================================
    // Copy and state key (for explicit-state exploration)
    // =========================================================================================

    /** A deep copy at quiescence (no writer and no walk in flight), on a memory of its own. */
    public TaskList copy() {
        TaskList c = new TaskList(walkStart, walkBound);
        c.lastPid.poke(lastPid.peek());
        for (int pid = 0; pid <= PID_MAX; pid++) {
            TaskStruct from = pool[pid];
            TaskStruct to = c.pool[pid];
            to.tgid.poke(from.tgid.peek());
            to.nrThreads.poke(from.nrThreads.peek());
            to.groupLeader.pokePtr(c.map(from.groupLeader.peekPtr()));
            to.tasks.next.pokePtr(c.map(from.tasks.next()));
            to.tasks.prev.pokePtr(c.map(from.tasks.prev()));
            if (pid > 0) {
                c.taskStructs[pid].pokePtr(c.map(taskStructs[pid].peekPtr()));
                c.pidHash[pid].pokePtr(c.map(pidHash[pid].peekPtr()));
            }
        }
        return c;
    }

    /** This copy's task_struct standing where {@code t} stands in the original. */
    private TaskStruct map(TaskStruct t) {
        return t == null ? null : pool[t.pid];
    }

    /** This copy's list_head standing where {@code h} stands in the original. */
    private ListHead map(ListHead h) {
        return h == null ? null : h == ListHead.LIST_POISON2 ? h : pool[h.task().pid].tasks;
    }

    /**
     * A canonical key of the state at quiescence: two states with the same key behave the same
     * under every later sequence of operations. List_heads are named by pid (0 for init_task, -1
     * for LIST_POISON2). Contents: the variant, the walk bound, the last pid, init_task's next and
     * prev; then per pid: hashed, leader, tgid, next, prev, nr_threads.
     */
    public int[] stateKey() {
        int last = lastPid();
        int[] k = new int[5 + last * 6];
        int i = 0;
        k[i++] = walkStart.ordinal();
        k[i++] = walkBound;
        k[i++] = last;
        k[i++] = id(initTask.tasks.next());
        k[i++] = id(initTask.tasks.prev());
        for (int pid = 1; pid <= last; pid++) {
            TaskStruct t = task(pid);
            k[i++] = hashed(t) ? 1 : 0;
            k[i++] = t.threadGroupLeader() ? 1 : 0;
            k[i++] = t.tgid();
            k[i++] = id(t.tasks.next());
            k[i++] = id(t.tasks.prev());
            k[i++] = (int) t.nrThreads.peek();
        }
        return k;
    }

    private static int id(ListHead h) {
        return h == ListHead.LIST_POISON2 ? -1 : h.task().pid;
    }

    /**
     * The state as data (maps, lists, strings, numbers, booleans): exactly what {@link #toString()}
     * prints, which is formatted from this same tree; the HTML report draws from it. Keys in
     * {@code TaskListPrinter.data}. Peeks only: no scheduling.
     */
    public java.util.Map<String, Object> snapshotData() {
        return TaskListPrinter.data(this);
    }

    @Override
    public String toString() {
        return TaskListPrinter.print(this);
    }
}
