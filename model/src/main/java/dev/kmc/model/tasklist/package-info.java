/**
 * The global process list of Linux and a module that walks it from the wrong place
 * (kernel-spec C2, the "dirpro" module).
 *
 * <p>Versions. The incident machine ran RHEL 6's {@code 2.6.32-754.6.3.el6.x86_64} (a vendor
 * kernel; its source is not what this port was checked against). The port follows the list code
 * that 2.6.32 and later mainline kernels share: {@code kernel/fork.c} {@code copy_process} as in
 * Linux v2.6.32 (tag commit 22763c5cf3690a681551162c15d34d935308c8d7; read in stable 2.6.32.69)
 * and v6.1 (830b3c68c1fb1e9176028d02ef86f3cf76aa2476), {@code include/linux/list.h} and
 * {@code include/linux/rculist.h} (the list primitives), {@code kernel/exit.c}
 * ({@code release_task}, {@code __exit_signal}, {@code __unhash_process}), {@code kernel/pid.c}
 * ({@code attach_pid}, {@code detach_pid}, {@code find_task_by_vpid}) and
 * {@code include/linux/sched/signal.h} ({@code next_task}, {@code for_each_process},
 * {@code thread_group_leader}, which v2.6.32 spells {@code p->group_leader == p} and v6.1
 * {@code p->exit_signal >= 0}: the same predicate here). On the lines the incident depends on
 * the two versions agree: {@code dup_task_struct} copies the creator's {@code tasks}, and only a
 * thread-group leader is put on {@code init_task.tasks} ({@code list_add_tail_rcu} under
 * {@code if (thread_group_leader(p))}). The module is closed-source: its loop follows the
 * incident report.
 *
 * <p>The incident: {@code init_task.tasks} heads a circular list of the thread-group leaders
 * only. A non-leader thread's {@code tasks} is a stale copy of its creator's, made by
 * {@code dup_task_struct}, and is not on the ring. The module's {@code kill()} hook walked
 * {@code next_task()} from {@code &current->tasks} until it met the target pid or came back to
 * {@code &current->tasks}. Called from a non-leader thread it never comes back, so it ends only
 * if it meets the target: for a pid that is not on the ring it never stops. The seed's
 * reproducer needs nothing else: one thread calling {@code kill(11111, 0)} for a pid that never
 * existed (no exit, no race). The CPU spins in a system call on a non-preemptible kernel: a soft
 * lockup, and no RCU-sched quiescent state on that CPU, so every {@code synchronize_sched()}
 * caller sleeps in D state for good (the seed's load ~400 at ~3% CPU). A target that is reaped
 * while the walk runs is a second, racy way into the same loop (the JCStress harness). A walk
 * from a reaped leader's unlinked {@code tasks} (list_del_rcu keeps {@code ->next}) loops the same
 * way, but is not the incident: the module walks from {@code current}, which is alive. The
 * variants differ in one place, {@link dev.kmc.model.tasklist.WalkStart}: where the loop starts
 * and stops.
 *
 * <h2>Kernel function -&gt; Java method</h2>
 * <table>
 * <caption>functions</caption>
 * <tr><td>{@code copy_process} (with {@code alloc_pid}, {@code dup_task_struct})</td><td>{@link dev.kmc.model.tasklist.TaskList#fork} (no CLONE_THREAD), {@link dev.kmc.model.tasklist.TaskList#cloneThread} (CLONE_THREAD): {@code TaskList.copyProcess}, {@code allocPid}, {@code TaskStruct.dupTaskStruct}</td></tr>
 * <tr><td>{@code release_task} -&gt; {@code __exit_signal} -&gt; {@code __unhash_process}</td><td>{@link dev.kmc.model.tasklist.TaskList#releaseTask} -&gt; {@code TaskList.unhashProcess}</td></tr>
 * <tr><td>{@code list_add_tail_rcu} -&gt; {@code __list_add_rcu}</td><td>{@code TaskList.listAddTailRcu} -&gt; {@code listAddRcu}</td></tr>
 * <tr><td>{@code list_del_rcu} -&gt; {@code __list_del_entry}</td><td>{@code TaskList.listDelRcu}</td></tr>
 * <tr><td>{@code attach_pid} / {@code detach_pid} ({@code PIDTYPE_PID})</td><td>{@code TaskList.attachPid} / {@code detachPid}</td></tr>
 * <tr><td>{@code find_task_by_vpid}</td><td>{@link dev.kmc.model.tasklist.TaskList#findTaskByVpid}</td></tr>
 * <tr><td>{@code thread_group_leader}</td><td>{@link dev.kmc.model.tasklist.TaskStruct#threadGroupLeader}</td></tr>
 * <tr><td>{@code next_task}, {@code for_each_process}</td><td>the loop of {@code TaskList.walk}; {@link dev.kmc.model.tasklist.WalkStart#FOR_EACH_PROCESS} anchors it at {@code &init_task.tasks}</td></tr>
 * <tr><td>the module's search, in its {@code kill()} hook, for a process from {@code current}</td><td>{@link dev.kmc.model.tasklist.TaskList#walkFrom}</td></tr>
 * </table>
 *
 * <h2>Kernel primitive -&gt; Java operation</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><td>{@code rcu_assign_pointer(list_next_rcu(prev), new)}, {@code WRITE_ONCE(prev->next, next)}</td><td>volatile store to {@code ListHead.next} (stronger than the release store the kernel needs)</td></tr>
 * <tr><td>{@code new->next = next} before publication</td><td>volatile store too ({@code next} is one field for all); ordered before the publishing store either way</td></tr>
 * <tr><td>{@code list_entry_rcu(p->tasks.next)} ({@code READ_ONCE}, address dependency)</td><td>volatile load of {@code ListHead.next}</td></tr>
 * <tr><td>{@code new->prev = prev}, {@code next->prev = new}, {@code entry->prev = LIST_POISON2}</td><td>plain stores: only writers, under tasklist_lock, read {@code prev}</td></tr>
 * <tr><td>{@code LIST_POISON2}</td><td>{@code ListHead.LIST_POISON2}, a list_head that is never dereferenced</td></tr>
 * <tr><td>{@code write_lock_irq(&tasklist_lock)} (writers)</td><td>{@code synchronized (tasklistLock)}</td></tr>
 * <tr><td>{@code spin_lock_irq(&pidmap_lock)} in {@code alloc_pid}</td><td>{@code synchronized (pidmapLock)}</td></tr>
 * <tr><td>{@code rcu_read_lock()} / {@code rcu_read_unlock()} (the module, pid lookups)</td><td>nothing: an unlinked task_struct stays reachable as long as a reader holds it (garbage collection stands for the grace period before {@code delayed_put_task_struct})</td></tr>
 * <tr><td>{@code hlist_add_head_rcu} / {@code hlist_del_rcu} on {@code pid->tasks[PIDTYPE_PID]}; {@code pid_task(find_vpid(nr), PIDTYPE_PID)}</td><td>{@code AtomicReferenceArray.set} / {@code get} on the pid hash</td></tr>
 * <tr><td>{@code *dst = *src} in {@code arch_dup_task_struct}</td><td>field copy of the creator's {@code tasks.next} (volatile load) and {@code tasks.prev} (plain load without the lock: NOTE in {@code TaskStruct.dupTaskStruct})</td></tr>
 * </table>
 *
 * <h2>Where the port departs from the kernel, and why</h2>
 * <ul>
 * <li>Threads stand for CPUs. Writers (fork, clone, exit) serialize on the tasklist lock; the
 *     module's walk and pid lookups are lockless, as under {@code rcu_read_lock()}.</li>
 * <li>The module's search starts from {@code current}, the task calling {@code kill()}; an
 *     operation names it by pid ({@code walkFrom(startPid, target)}). The table of every
 *     task_struct made stands for the tasks the CPUs run (and for references the module may hold),
 *     so a walk can also start from a task that has since been reaped.</li>
 * <li>Pids are 1..{@link dev.kmc.model.tasklist.TaskList#PID_MAX}, allocated in order and never
 *     reused (the kernel's idr allocates cyclically up to pid_max and reuses freed pids); a fork
 *     beyond PID_MAX fails as with -EAGAIN. {@code init_task} is pid 0.</li>
 * <li>Only the lists of the incident exist: {@code init_task.tasks} and the PIDTYPE_PID hash.
 *     No {@code signal->thread_head}/{@code thread_node}, {@code sibling}/{@code children}, or
 *     TGID/PGID/SID pid types; {@code signal->nr_threads} is kept on the leader, only to reap a
 *     leader after its threads as the kernel does ({@code delay_group_leader}).</li>
 * <li>Exit is {@code release_task} alone (do_exit and the zombie state are left out): the task is
 *     unhashed in one step under the lock. Exiting a leader whose threads are still hashed is
 *     refused, since the kernel never reaps one then.</li>
 * <li>Memory is garbage-collected: unlinked task_structs are never freed or reused, so a stale
 *     {@code ->next} always leads to a real, if unlinked, task.</li>
 * <li>{@code CONFIG_DEBUG_LIST} checks ({@code __list_add_valid}, {@code __list_del_entry_valid})
 *     are left out.</li>
 * <li>The module's loop has a step bound ({@link dev.kmc.model.tasklist.TaskList#WALK_BOUND}) and
 *     reports {@link dev.kmc.model.tasklist.WalkResult#LOOPED} instead of spinning forever, so the
 *     bug is a result, not a hung thread.</li>
 * </ul>
 */
package dev.kmc.model.tasklist;
