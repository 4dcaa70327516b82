/**
 * systemd PID 1 on the unified (v2) cgroup hierarchy: "cgroup empty" handled before SIGCHLD, then
 * a {@code sigchld_event} called through NULL (kernel-spec C3). Ported from systemd v234
 * ({@code src/core/cgroup.c}: {@code on_cgroup_inotify_event}, {@code unit_prune_cgroup},
 * {@code unit_release_cgroup}, {@code manager_get_unit_by_cgroup}; {@code src/core/manager.c}:
 * {@code manager_dispatch_signal_fd}, {@code manager_dispatch_sigchld},
 * {@code invoke_sigchld_event}, {@code manager_dispatch_gc_queue}; {@code src/core/service.c};
 * {@code src/core/unit.c}) and the same code with PR #6928 ("rework cgroup empty notification
 * handling", i.e. a fix for #6608; merged for v235). Issue: systemd #6608, "service: cgroup_empty
 * handler races sigchld handler on the unified cgroup hierarchy", with the openSUSE coredump in
 * {@code manager_dispatch_sigchld} at {@code invoke_sigchld_event(m, u2, &si)}.
 * <p>
 * The variants differ in one place, {@link dev.kmc.model.systemd.SystemdVariant}, which carries
 * PR #6928's two hunks: cgroup-empty goes through {@code cgroup_empty_queue}, dispatched by a defer
 * source after SIGCHLD, instead of being handled inside the inotify callback; and
 * {@code invoke_sigchld_event} checks {@code UNIT_VTABLE(u)->sigchld_event} before calling it.
 *
 * <h2>Source function → Java method</h2>
 * <table>
 * <caption>functions</caption>
 * <tr><td>kernel {@code do_exit}: {@code cgroup_exit} (→ {@code cgroup_update_populated}, {@code cgroup_file_notify}), then {@code exit_notify}</td><td>{@link dev.kmc.model.systemd.Systemd#processExit} = {@code cgroupExit} + {@code exitNotify}</td></tr>
 * <tr><td>sd-event choosing the cgroup inotify source (v234) or the cgroup-empty defer source (PR #6928) over SIGCHLD</td><td>{@link dev.kmc.model.systemd.Systemd#dispatchCgroupEmpty}</td></tr>
 * <tr><td>{@code on_cgroup_inotify_event}</td><td>{@code Systemd.onCgroupInotifyEvent}</td></tr>
 * <tr><td>{@code unit_add_to_cgroup_empty_queue}, {@code on_cgroup_empty_event} (PR #6928)</td><td>{@code unitAddToCgroupEmptyQueue}, {@code onCgroupEmptyEvent}</td></tr>
 * <tr><td>{@code unit_notify_cgroup_empty}, {@code service_notify_cgroup_empty_event}</td><td>{@code unitNotifyCgroupEmpty}, {@code serviceNotifyCgroupEmptyEvent}</td></tr>
 * <tr><td>{@code service_enter_dead} / {@code service_set_state(SERVICE_DEAD)}, {@code service_unwatch_main_pid}, {@code unit_notify}</td><td>{@code serviceEnterDead}</td></tr>
 * <tr><td>{@code unit_prune_cgroup}, {@code unit_release_cgroup}</td><td>{@code unitPruneCgroup}, {@code unitReleaseCgroup}</td></tr>
 * <tr><td>{@code unit_add_to_gc_queue}, {@code manager_dispatch_gc_queue}, {@code unit_free}</td><td>{@code unitAddToGcQueue}, {@link dev.kmc.model.systemd.Systemd#gc}, {@code unitFree}</td></tr>
 * <tr><td>{@code manager_dispatch_signal_fd} (SIGCHLD), {@code manager_dispatch_sigchld}</td><td>{@link dev.kmc.model.systemd.Systemd#dispatchSigchld}, {@code managerDispatchSigchld}</td></tr>
 * <tr><td>{@code manager_get_unit_by_pid_cgroup}, {@code manager_get_unit_by_cgroup}</td><td>{@code managerGetUnitByPidCgroup}, {@code managerGetUnitByCgroup}</td></tr>
 * <tr><td>{@code invoke_sigchld_event}, {@code unit_unwatch_pid}, {@code service_sigchld_event}</td><td>{@code invokeSigchldEvent}, {@code unitUnwatchPid}, {@code serviceSigchldEvent}</td></tr>
 * </table>
 *
 * <h2>Source primitive → Java operation</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><td>the task's css_set leaving the populated count ({@code nr_populated_*}, under css_set_lock)</td><td>volatile store of {@code populated = false}</td></tr>
 * <tr><td>{@code kernfs_notify} → fsnotify IN_MODIFY queued on PID 1's inotify fd; {@code read(inotify_fd)}</td><td>{@code AtomicBoolean.set(true)}; {@code getAndSet(false)} (reading consumes the event)</td></tr>
 * <tr><td>{@code exit_notify} under {@code tasklist_lock}: {@code exit_state = EXIT_ZOMBIE}, {@code do_notify_parent(SIGCHLD)}</td><td>volatile store of ZOMBIE, then {@code AtomicBoolean.set(true)} (the zombie is visible to whoever sees the signal)</td></tr>
 * <tr><td>{@code read(signal_fd)} (signalfd)</td><td>{@code AtomicBoolean.getAndSet(false)}</td></tr>
 * <tr><td>sd-event's pending check of a higher-priority source</td><td>{@code AtomicBoolean.get()} of SIGCHLD</td></tr>
 * <tr><td>{@code waitid(P_ALL, WEXITED|WNOHANG|WNOWAIT)}; {@code waitid(P_PID, pid, WEXITED)}</td><td>volatile load of the task state; volatile store of REAPED</td></tr>
 * <tr><td>{@code cg_is_empty_recursive()} / reading {@code cgroup.events}</td><td>volatile load of {@code populated}</td></tr>
 * <tr><td>Hashmap, LIST_PREPEND queues, Unit fields (PID 1 only)</td><td>plain {@code LinkedHashMap}, {@code ArrayDeque}, plain fields: one thread</td></tr>
 * <tr><td>{@code UNIT_VTABLE(u)->sigchld_event(...)} with the slot NULL, or on a freed unit</td><td>not called: a SEGV finding, and the dispatch returns SEGV_NULL_HANDLER / SEGV_FREED_UNIT</td></tr>
 * </table>
 *
 * <h2>Where the port departs from the source, and why</h2>
 * <ul>
 * <li>Threads: one "kernel" thread (the exiting task's CPU) and one "pid1" thread (PID 1's
 *     single-threaded event loop). The pid1 thread's operations are the dispatches sd-event would
 *     make; each checks the SIGCHLD source's pending flag for the priority rule.</li>
 * <li>Two units and one process: system.slice and foo.service with main pid 100. No -.slice,
 *     no control pid, no watch_pids2, no PID file, no jobs, no restart logic.</li>
 * <li>{@code service_notify_cgroup_empty_event} is reduced to "an active service goes dead"
 *     (service_enter_dead with the unit's main pid unwatched and the cgroup pruned): the path of
 *     #6608, where the handler concludes the service's processes are gone.</li>
 * <li>sd-event priorities: SIGCHLD NORMAL-7; v234's cgroup inotify source NORMAL-5; PR #6928's
 *     cgroup_empty defer source NORMAL-5 (as the current source has it; the inotify callback there
 *     only queues, whatever its own priority). Other sources are not modelled.</li>
 * <li>Memory is garbage-collected: a freed unit is flagged, not reused. A call through NULL or
 *     on a freed unit is recorded as a finding instead of crashing the JVM; the model keeps going.</li>
 * <li>Unknowns, said plainly: kernel-spec C3 did not confirm which versions lack the NULL check;
 *     the port takes PR #6928 as adding it (the brief's statement). The coredump's u2 came from
 *     watch_pids1 (a dangling entry); this port's unit_free() unwatches and releases everything, so
 *     a freed unit is never reachable here and SEGV_FREED_UNIT is guarded but unreached: the
 *     crash the port reaches is the cgroup lookup walking up to system.slice (NULL handler).</li>
 * <li>The loops the source leaves unbounded ({@code for (;;)} around waitid, the gc queue, the
 *     cgroup path walk) stop at {@code LOOP_BOUND}; the waitid loop records a finding there (the
 *     other two cannot reach it with two units).</li>
 * </ul>
 */
package dev.kmc.model.systemd;
