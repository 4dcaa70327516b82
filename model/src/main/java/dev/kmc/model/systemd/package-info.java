/**
 * systemd PID 1 on Linux 4.5 with cgroup2, early 2016: at logout the last process of a session
 * scope, an orphan re-parented to PID 1, exits; "cgroup empty" handled before its SIGCHLD makes
 * the scope dead and releases its cgroup, the SIGCHLD lookup walks up to {@code user-1000.slice},
 * and {@code invoke_sigchld_event()} calls the slice's NULL {@code sigchld_event}: SEGV, and PID 1
 * freezes in its crash handler (kernel-spec C3, corrected by issue 11; the seed
 * {@code 002_0e3a59e712792192}; the reading in notes/fidelity-systemd.md).
 *
 * <h2>Versions</h2>
 * <ul>
 * <li><b>Pre-fix</b>: systemd <b>v229</b> (tag commit 95adafc428b5b4be0ddd4d43a7b96658390388bc) as run on
 *     Linux 4.5 with cgroup2, i.e. the upstream tree <b>ab2c3861dcbece00d1c03357556faced6e048de0</b>
 *     (= e57051f5^): v229 plus 099619957a ("cgroup2: use new fstype for unified hierarchy", the seed's
 *     patch) and ab2c3861dc ("core: update populated event handling in unified hierarchy", cgroup.events).
 *     Every function ported here is identical in v229 and ab2c3861dc apart from ab2c3861dc's
 *     {@code cgroup.events} hunk ({@code git diff v229 e57051f5^}). Line numbers below are v229's.</li>
 * <li><b>Fixed</b>: <b>e57051f542080a4ec1d9e4e1c428b39defe9f098</b> (Tejun Heo, 2016-03-25, "core: update
 *     invoke_sigchld_event() to handle NULL ->sigchld_event()", PR #2903, merge 1b81db7a6; first in v230):
 *     one hunk, {@code if (UNIT_VTABLE(u)->sigchld_event)} before the call. {@link
 *     dev.kmc.model.systemd.SystemdVariant} carries it; nothing else differs. The lookup
 *     ({@code manager_get_unit_by_cgroup}) was not changed by any commit from v229 to v236.</li>
 * </ul>
 *
 * <h2>Source function → Java method</h2>
 * <table>
 * <caption>functions</caption>
 * <tr><td>kernel {@code do_exit}: {@code cgroup_exit} (populated 0, {@code kernfs_notify} on cgroup.events), then {@code exit_notify} (zombie, SIGCHLD)</td><td>{@link dev.kmc.model.systemd.Systemd#orphanExit} = {@code cgroupExit} + {@code exitNotify}</td></tr>
 * <tr><td>sd-event: the cgroup-inotify source (IDLE-5, cgroup.c l.1315) vs the signal source (NORMAL-5, manager.c l.490)</td><td>{@link dev.kmc.model.systemd.Systemd#dispatchCgroupInotify}</td></tr>
 * <tr><td>{@code on_cgroup_inotify_event} (cgroup.c l.1203-1244), {@code unit_notify_cgroup_empty} (l.1183-1201), {@code cg_is_empty_recursive}</td><td>{@code onCgroupInotifyEvent}, {@code unitNotifyCgroupEmpty}, {@code cgIsEmptyRecursive}</td></tr>
 * <tr><td>{@code scope_notify_cgroup_empty_event} (scope.c l.410-418), {@code scope_enter_dead} (l.221-228), {@code scope_set_state} (l.97-114), {@code scope_sigchld_event} (l.420-434)</td><td>same names in Java style</td></tr>
 * <tr><td>{@code unit_notify} (unit.c l.1820-2034: prune at l.1854-1856, gc queue at l.2033), {@code unit_prune_cgroup} (cgroup.c l.1046-1068), {@code unit_release_cgroup} (l.1027-1044)</td><td>{@code unitNotify}, {@code unitPruneCgroup}, {@code unitReleaseCgroup}</td></tr>
 * <tr><td>{@code manager_loop} (manager.c l.1997-2056): {@code manager_dispatch_gc_queue} (l.863-900), {@code manager_dispatch_cleanup_queue} (l.787-801), the run queue; {@code unit_check_gc} (unit.c l.298-335) + {@code scope_check_gc} (scope.c l.398-408), {@code unit_free} (unit.c l.479-)</td><td>{@link dev.kmc.model.systemd.Systemd#runQueues}, {@code unitCheckGc}, {@code unitFree}</td></tr>
 * <tr><td>{@code manager_dispatch_signal_fd} (manager.c l.1712-1935), {@code manager_dispatch_sigchld} (l.1637-1700), {@code invoke_sigchld_event} (l.1626-1635)</td><td>{@link dev.kmc.model.systemd.Systemd#dispatchSigchld}, {@code managerDispatchSigchld}, {@code invokeSigchldEvent}</td></tr>
 * <tr><td>{@code manager_get_unit_by_pid_cgroup} (cgroup.c l.1417-1431), {@code manager_get_unit_by_cgroup} (l.1390-1415)</td><td>{@code managerGetUnitByPidCgroup}, {@code managerGetUnitByCgroup}</td></tr>
 * <tr><td>{@code unit_unwatch_pid} (unit.c l.2069-2076), {@code unit_unwatch_all_pids} (l.2078-2085), {@code unit_tidy_watch_pids} (l.2087-2104), {@code unit_add_to_gc_queue} (l.355-368)</td><td>same names in Java style</td></tr>
 * <tr><td>{@code crash} (main.c l.153-247), {@code freeze_or_reboot} (l.138-151), {@code freeze} (process-util.c l.661-670)</td><td>{@code crash}; the state it leaves: {@link dev.kmc.model.systemd.Systemd#pid1Report}</td></tr>
 * <tr><td>{@code systemctl stop} → {@code manager_add_job(JOB_STOP)} → run queue → {@code slice_stop}</td><td>{@link dev.kmc.model.systemd.Systemd#systemctlStop}, then {@code runQueues}</td></tr>
 * </table>
 *
 * <h2>Source primitive → memory-layer operation</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><td>the kernel's update of the exiting task's state and the cgroup's populated count (under {@code tasklist_lock} / {@code css_set_lock})</td><td>{@code writeOnce()} on the kernel-side cells</td></tr>
 * <tr><td>PID 1 reading kernel state through a system call ({@code read()} of cgroup.events, {@code waitid(WNOWAIT)}, {@code kill(pid, 0)})</td><td>{@code readOnce()}</td></tr>
 * <tr><td>{@code kernfs_notify} / {@code do_notify_parent}: an event queued on the inotify fd / signalfd</td><td>{@code writeOnce(1)}</td></tr>
 * <tr><td>{@code read(inotify_fd)}, {@code read(signal_fd)}: consuming the queued event</td><td>{@code xchg(0)}</td></tr>
 * <tr><td>sd-event's check that a higher-priority source is pending</td><td>{@code readOnce()} of the SIGCHLD cell</td></tr>
 * <tr><td>{@code waitid(P_PID, pid, WEXITED)}: reaping</td><td>{@code writeOnce(REAPED)}</td></tr>
 * <tr><td>PID 1's own fields (unit state, {@code u->cgroup_path}, {@code u->pids}, the Hashmaps, queue flags): plain C</td><td>{@code load()} / {@code store()} on {@code cpuPrivate()} cells ({@code Hashmap} = {@code UnitTable}, one pointer cell per key; {@code Set} = {@code PidSet})</td></tr>
 * <tr><td>{@code UNIT_VTABLE(u)->sigchld_event(...)} with the slot NULL</td><td>not called: {@code crash()} records the SEGV and freezes PID 1; every later PID 1 operation returns at once</td></tr>
 * </table>
 *
 * <h2>Where the port departs from the source, and why</h2>
 * <ul>
 * <li>Threads: one "kernel" thread (the orphan's CPU) and one "pid1" thread (PID 1's single-threaded
 *     event loop); each pid1 operation is one dispatch sd-event or manager_loop() would make.</li>
 * <li>Three units and two pids: user.slice, user-1000.slice, session-2.scope (ABANDONED by logind at
 *     logout with the leader still unwaited: {@code session_stop_scope}, logind-session.c l.611-639,
 *     KillUserProcesses=no by default); the leader (4200), already reaped by its own parent; the orphan
 *     (4242). No -.slice, user@.service, watch_pids2, jobs other than a slice's stop, timers, D-Bus or
 *     logind. The other slices' cgroup.events changes are not modelled (a slice has no
 *     {@code notify_cgroup_empty} and is kept by its references).</li>
 * <li>A second route to the same crash, from the same source and not ported: the abandon found the
 *     pid set already empty, so the scope went dead at once and its rmdir failed (EBUSY); the orphan's
 *     cgroup-empty event then put it in the gc queue and manager_loop() freed it before the SIGCHLD.</li>
 * <li>Hashmaps and sets are cells over the model's fixed keys; the gc queue is a flag per unit run in
 * unit order; {@code cg_trim}'s rmdir is "succeeds iff not populated".</li>
 * <li>crash() is its end state, not its steps: core dump failed, SIGCHLD ignored, fds closed, frozen.
 *     The kernel does not reap the already existing zombie when SIGCHLD becomes SIG_IGN (Linux, from
 *     memory), so the orphan stays a zombie.</li>
 * <li>Loops the source leaves unbounded ({@code for (;;)} around waitid and in the cgroup walk) stop
 *     at {@code LOOP_BOUND}; neither can reach it here.</li>
 * </ul>
 */
package dev.kmc.model.systemd;
