package dev.kmc.model.systemd;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * PID 1 (systemd v229 on Linux 4.5, cgroup2) at the logout of a session whose last process, an
 * orphan re-parented to PID 1, exits: the cgroup-empty path ({@code src/core/cgroup.c},
 * {@code src/core/scope.c}), the SIGCHLD path ({@code src/core/manager.c}), the crash handler
 * ({@code src/core/main.c}), and the kernel's side of {@code do_exit()} that feeds the first two
 * (package-info: versions, tables).
 *
 * <h2>Implementation notes</h2>
 * Units: {@code user.slice} (cgroup {@value #USER_SLICE}), {@code user-1000.slice}
 * ({@value #USER_N_SLICE}), both slices with a NULL {@code sigchld_event}, and
 * {@code session-2.scope} ({@value #SCOPE_CGROUP}), ABANDONED: at logout logind abandoned it while
 * the session leader (pid {@value #LEADER}) was still unwaited, so the leader stayed in
 * {@code u->pids} and {@code watch_pids1}; the leader has since been reaped by its own parent
 * (sddm). The orphan (pid {@value #ORPHAN}) keeps the cgroup populated; on the unified hierarchy
 * nobody watches it ({@code unit_watch_all_pids()} is a no-op there).
 * <p>
 * Threads: the <b>kernel</b> thread runs {@link #orphanExit()} (the orphan's CPU); the <b>pid1</b>
 * thread runs {@link #dispatchCgroupInotify()}, {@link #runQueues()} and {@link #dispatchSigchld()},
 * the pieces of PID 1's single-threaded {@code manager_loop()}; a client may run
 * {@link #systemctlStop(String)}.
 * <p>
 * Ownership. Kernel side (the orphan's exit state, the scope cgroup's "populated", the two queued
 * events): the kernel thread writes them; PID 1 reads them through system calls ({@code read()} of
 * {@code cgroup.events}, {@code waitid()}), consumes the events ({@code read()} of the inotify fd
 * and of the signalfd: {@code xchg}) and reaps (ZOMBIE&nbsp;→&nbsp;REAPED). Everything else is PID 1's
 * and {@code cpuPrivate()}: the bug is an <b>ordering</b> bug between two event sources.
 * <p>
 * Protocol. {@code do_exit()} runs {@code cgroup_exit()} (populated 0, an inotify IN_MODIFY on
 * {@code cgroup.events}) before {@code exit_notify()} (zombie, SIGCHLD to PID 1). The zombie's
 * {@code /proc/<pid>/cgroup} still names the scope's cgroup. If PID 1 handles the inotify in that
 * window, the scope goes dead, prunes (rmdir succeeds: not populated) and releases its cgroup; the
 * later SIGCHLD finds no unit for the zombie's path, {@code manager_get_unit_by_cgroup()} strips the
 * leaf and finds {@code user-1000.slice}, and v229's {@code invoke_sigchld_event()} calls its NULL
 * {@code sigchld_event}: SEGV, and {@link #crash} freezes PID 1 for good.
 * <p>
 * Invariants (SystemdInvariants): no freed unit is reachable from a lookup table; no handler is
 * called through NULL (PID 1 keeps running); at quiescence the outcome does not depend on the order
 * of the two events: pid {@value #ORPHAN} reaped, the scope dead and freed, PID 1 running.
 * Non-invariants: the order itself, and whether SIGCHLD reached the scope or was dropped at the
 * slice (fixed: dropped when cgroup empty came first).
 */
public final class Systemd {
    /** The orphaned session process, re-parented to PID 1: the scope cgroup's last process. */
    public static final int ORPHAN = 4242;
    /** The session leader: exited earlier and reaped by its own parent; still in the scope's {@code u->pids}. */
    public static final int LEADER = 4200;
    static final long[] PIDS = {LEADER, ORPHAN};
    public static final String USER_SLICE = "/user.slice";
    public static final String USER_N_SLICE = "/user.slice/user-1000.slice";
    public static final String SCOPE_CGROUP = "/user.slice/user-1000.slice/session-2.scope";
    /** Bound of the loops the source leaves unbounded ({@code for (;;)} around waitid and in the cgroup walk). */
    static final int LOOP_BOUND = 8;

    // task->exit_state of the orphan, and of the leader
    static final long TASK_RUNNING = 0, EXIT_ZOMBIE = 1, REAPED = 2;
    private static final String[] TASK_STATES = {"RUNNING", "ZOMBIE", "REAPED"};
    // PID 1
    static final long PID1_RUNNING = 0, PID1_FROZEN = 1;
    // crash(): the forked child's core dump
    static final long CORE_NONE = 0, CORE_DUMP_FAILED = 1;

    private final SystemdVariant variant;
    private final Memory mem;

    // ---- kernel side: written by the orphan's CPU, read (and consumed) by PID 1 -------------------------
    /** The orphan's exit state: RUNNING, EXIT_ZOMBIE (exit_notify), REAPED (PID 1's waitid). */
    private final Word orphanExitState;
    /** The leader's exit state: REAPED by sddm before this model starts (pid_is_unwaited() is false). */
    private final Word leaderExitState;
    /** "populated" in session-2.scope/cgroup.events (and recursively in the two slices': the orphan is their only process). */
    private final Word scopePopulated;
    /** An IN_MODIFY for the scope's cgroup.events watch is queued on m->cgroup_inotify_fd. */
    private final Word inotifyQueued;
    /** SIGCHLD is queued on m->signal_fd. */
    private final Word sigchldQueued;

    // ---- PID 1 side --------------------------------------------------------------------------------------
    /** m->units: [0] user.slice, [1] user-1000.slice, [2] session-2.scope. */
    private final Unit[] units;
    /** m->cgroup_unit: cgroup path → unit. */
    private final UnitTable<String> cgroupUnit;
    /** m->cgroup_inotify_wd_unit: watch descriptor → unit. */
    private final UnitTable<Long> cgroupInotifyWdUnit;
    /** m->watch_pids1 (watch_pids2 is not modelled: no pid is watched twice here). */
    private final UnitTable<Long> watchPids1;
    /** PID 1 running its event loop, or frozen in crash() → freeze(). */
    private final Word pid1State;
    /**
     * The unit whose NULL sigchld_event PID 1 called: its index + 1, 0 for none. (Outputs name units by
     * index, not by a Ptr: Memory.addrOf() looks objects up by identity hash, which Lincheck's model
     * checker substitutes during an analysed run, so a Ptr.store() of a unit fails there.)
     */
    private final Word segvUnit;
    /** crash(): what became of the core dump of the forked child. */
    private final Word coreDump;
    /** crash(): SIGCHLD set to SIG_IGN with SA_NOCLDWAIT (1) or still handled through the signalfd (0). */
    private final Word sigchldIgnored;
    /** PID 1's file descriptors (sockets, bus, signalfd, inotify fd) are open (1) or closed by freeze() (0). */
    private final Word fdsOpen;
    /** The last SIGCHLD dispatch (a Sigchld ordinal) and the unit it reached (outputs, never read by the port). */
    private final Word lastSigchld;
    private final Word lastSigchldUnit;

    public Systemd(SystemdVariant variant) {
        this(variant, new Memory());
    }

    /** On {@code mem} (direct, or with a scheduler installed): every shared object is allocated here. */
    public Systemd(SystemdVariant variant, Memory mem) {
        this.variant = variant;
        this.mem = mem;
        this.orphanExitState = mem.word("task[" + ORPHAN + "]->exit_state", TASK_RUNNING);
        this.leaderExitState = mem.word("task[" + LEADER + "]->exit_state", REAPED);
        this.scopePopulated = mem.word("session-2.scope/cgroup.events populated", 1);
        this.inotifyQueued = mem.word("cgroup_inotify_fd: IN_MODIFY queued", 0);
        this.sigchldQueued = mem.word("signal_fd: SIGCHLD queued", 0);
        this.units = new Unit[] {
            new Unit(mem, 0, "user.slice", UnitType.SLICE, USER_SLICE, 1, Unit.SLICE_ACTIVE),
            new Unit(mem, 1, "user-1000.slice", UnitType.SLICE, USER_N_SLICE, 2, Unit.SLICE_ACTIVE),
            new Unit(mem, 2, "session-2.scope", UnitType.SCOPE, SCOPE_CGROUP, 3, Unit.SCOPE_ABANDONED, LEADER)};
        this.cgroupUnit = new UnitTable<>(mem, "cgroup_unit", List.of(USER_SLICE, USER_N_SLICE, SCOPE_CGROUP));
        this.cgroupInotifyWdUnit = new UnitTable<>(mem, "cgroup_inotify_wd_unit", List.of(1L, 2L, 3L));
        this.watchPids1 = new UnitTable<>(mem, "watch_pids1", List.of((long) LEADER, (long) ORPHAN));
        this.pid1State = mem.word("PID 1 state", PID1_RUNNING).cpuPrivate();
        this.segvUnit = mem.word("crash(): SEGV in sigchld_event of (unit index + 1)", 0).cpuPrivate();
        this.coreDump = mem.word("crash(): core dump", CORE_NONE).cpuPrivate();
        this.sigchldIgnored = mem.word("crash(): SIGCHLD SIG_IGN|SA_NOCLDWAIT", 0).cpuPrivate();
        this.fdsOpen = mem.word("PID 1 fds open", 1);
        this.lastSigchld = mem.word("last SIGCHLD dispatch", Sigchld.NO_CHILD.ordinal()).cpuPrivate();
        this.lastSigchldUnit = mem.word("last SIGCHLD dispatch reached (unit index + 1)", 0).cpuPrivate();
        for (Unit u : units) {
            cgroupUnit.poke(u.path, u);                      // unit_realize_cgroup() → unit_set_cgroup_path()
            cgroupInotifyWdUnit.poke(u.wd, u);               // unit_watch_cgroup()
        }
        watchPids1.poke((long) LEADER, units[2]);            // StartTransientUnit PIDs= → unit_watch_pid(leader)
    }

    public SystemdVariant variant() { return variant; }

    /** The memory every cell of this port lives in. */
    public Memory memory() { return mem; }

    // =============================================================================================
    // The kernel thread
    // =============================================================================================

    /** do_exit() of the orphan: {@link #cgroupExit()}, then {@link #exitNotify()}. A second call does nothing. */
    public void orphanExit() {
        cgroupExit();
        exitNotify();
    }

    /**
     * do_exit()'s first half: cgroup_exit(). The scope's cgroup runs empty and cgroup.events is
     * modified while the task is not a zombie yet. Tests call the halves separately to put PID 1's
     * steps in the window between them.
     */
    public void cgroupExit() {
        if (orphanExitState.load() != TASK_RUNNING || scopePopulated.load() == 0) {
            return;
        }
        // cgroup_exit() -> css_set_move_task(tsk, cset, NULL, false): nr_populated drops to 0 (css_set_lock);
        // the task keeps tsk->cgroups, so /proc/4242/cgroup still names the scope's cgroup
        scopePopulated.writeOnce(0);
        // cgroup_file_notify(&cgrp->events_file) -> kernfs_notify(): IN_MODIFY queued on PID 1's inotify fd
        inotifyQueued.writeOnce(1);
    }

    /** do_exit()'s second half: exit_notify(). The orphan becomes a zombie and SIGCHLD is queued for PID 1, its parent. */
    public void exitNotify() {
        if (orphanExitState.load() != TASK_RUNNING) {
            return;
        }
        // exit_notify(), under tasklist_lock: exit_state = EXIT_ZOMBIE, do_notify_parent(SIGCHLD).
        // NOTE: the zombie is published before the signal: tasklist_lock makes the two one step for a
        // waitid() caller; this order keeps that (a PID 1 that sees SIGCHLD finds the zombie).
        orphanExitState.writeOnce(EXIT_ZOMBIE);
        sigchldQueued.writeOnce(1);                          // SIGCHLD queued on the signalfd
    }

    // =============================================================================================
    // The pid1 thread: the pieces of manager_loop()
    // =============================================================================================

    /**
     * The cgroup-inotify source, if sd_event_run() would dispatch it now. sd-event runs the pending
     * source of highest priority: the signal source is SD_EVENT_PRIORITY_NORMAL-5 (manager.c v229
     * l.490), cgroup-inotify SD_EVENT_PRIORITY_IDLE-5 (cgroup.c l.1315), so a queued SIGCHLD goes
     * first. The check can come before the kernel queues SIGCHLD: that window is the incident.
     */
    public void dispatchCgroupInotify() {
        if (pid1State.load() == PID1_FROZEN) {
            return;                                          // pause() in freeze(): no event loop
        }
        if (sigchldQueued.readOnce() != 0) {                 // sd-event: the signal source outranks this one
            return;
        }
        if (inotifyQueued.xchg(0) == 0) {                    // read(inotify_fd): consumes the event
            return;
        }
        onCgroupInotifyEvent(units[2].wd);                   // the event is for the scope's cgroup.events
    }

    /**
     * The queues manager_loop() (manager.c v229 l.2028-2041) runs before each sd_event_run():
     * {@code manager_dispatch_gc_queue()} and {@code manager_dispatch_cleanup_queue()} (unit_free), and
     * the run queue's jobs (an sd-event source at SD_EVENT_PRIORITY_IDLE, l.632, folded in here).
     */
    public void runQueues() {
        if (pid1State.load() == PID1_FROZEN) {
            return;
        }
        for (Unit u : units) {                               // manager_dispatch_gc_queue() + cleanup queue
            if (u.inGcQueue.load() == 0) {
                continue;
            }
            u.inGcQueue.store(0);
            if (!unitCheckGc(u)) {
                unitFree(u);
            }
        }
        for (Unit u : units) {                               // manager_dispatch_run_queue(): job_run_and_invalidate()
            if (u.freed.load() == 0 && u.job.load() == Unit.JOB_STOP) {
                unitStop(u);
            }
        }
    }

    /**
     * The signal source: {@code manager_dispatch_signal_fd()} reads SIGCHLD (manager.c v229 l.1712-1935)
     * and calls {@code manager_dispatch_sigchld()}. {@link #lastSigchld()} says what happened in words.
     */
    public Sigchld dispatchSigchld() {
        if (pid1State.load() == PID1_FROZEN) {
            return said(Sigchld.FROZEN, null);
        }
        if (sigchldQueued.xchg(0) == 0) {                    // read(signal_fd): nothing queued
            return said(Sigchld.NO_CHILD, null);
        }
        return managerDispatchSigchld();
    }

    /**
     * {@code systemctl stop ID}: the client connects to /run/systemd/private and asks PID 1 for a
     * JOB_STOP; PID 1 runs it from its run queue ({@link #runQueues()}). Only the slices can be
     * stopped in this model. Returns what systemctl would say.
     */
    public String systemctlStop(String id) {
        Unit u = unit(id);
        if (u.type != UnitType.SLICE) {
            throw new IllegalArgumentException("only the slices can be stopped in this model, not " + id);
        }
        if (fdsOpen.readOnce() == 0) {
            // freeze() -> close_all_fds(): nobody listens on /run/systemd/private, and the bus connection is gone
            return "Failed to connect to bus: Connection refused";
        }
        if (pid1State.load() == PID1_FROZEN) {
            return "no reply: PID 1 is in crash()";
        }
        u.job.store(Unit.JOB_STOP);                          // manager_add_job(JOB_STOP): into the run queue
        return "stop job for " + id + " queued";
    }

    // ---- cgroup.c ------------------------------------------------------------------------------------

    /** on_cgroup_inotify_event() (cgroup.c v229 l.1203-1244) for one event. */
    private void onCgroupInotifyEvent(long wd) {
        // u = hashmap_get(m->cgroup_inotify_wd_unit, INT_TO_PTR(e->wd)); a removed watch is skipped
        Unit u = cgroupInotifyWdUnit.get(wd);
        if (u == null) {
            return;
        }
        unitNotifyCgroupEmpty(u);
    }

    /** unit_notify_cgroup_empty() (cgroup.c v229 l.1183-1201). */
    private void unitNotifyCgroupEmpty(Unit u) {
        String path = u.cgroupPath.load();
        if (path == null) {
            return;
        }
        if (!cgIsEmptyRecursive(path)) {
            return;
        }
        unitAddToGcQueue(u);
        if (u.type.hasNotifyCgroupEmpty()) {                 // if (UNIT_VTABLE(u)->notify_cgroup_empty)
            scopeNotifyCgroupEmptyEvent(u);
        }
    }

    /**
     * cg_is_empty_recursive() on the unified hierarchy (cgroup-util.c ab2c3861dc): the "populated"
     * field of cgroup.events. Every modelled cgroup's only process below it is the orphan.
     */
    private boolean cgIsEmptyRecursive(String path) {
        return scopePopulated.readOnce() == 0;               // read(cgroup.events)
    }

    /** unit_prune_cgroup() (cgroup.c v229 l.1046-1068). */
    private void unitPruneCgroup(Unit u) {
        String path = u.cgroupPath.load();
        if (path == null) {
            return;
        }
        // cg_trim_everywhere() -> cg_trim(): rmdir() fails with EBUSY while populated ("Failed to destroy cgroup")
        if (!cgIsEmptyRecursive(path)) {
            return;
        }
        unitReleaseCgroup(u);
    }

    /** unit_release_cgroup() (cgroup.c v229 l.1027-1044). */
    private void unitReleaseCgroup(Unit u) {
        String path = u.cgroupPath.load();
        if (path != null) {
            cgroupUnit.remove(path);                         // hashmap_remove(m->cgroup_unit, u->cgroup_path)
            u.cgroupPath.store(null);
        }
        long wd = u.cgroupInotifyWd.load();
        if (wd >= 0) {
            // inotify_rm_watch(); a queued event for this wd is then skipped by on_cgroup_inotify_event()
            cgroupInotifyWdUnit.remove(wd);
            u.cgroupInotifyWd.store(-1);
        }
    }

    /**
     * manager_get_unit_by_pid_cgroup() (cgroup.c v229 l.1417-1431): cg_pid_get_path() of the zombie.
     * On unified it still reads the cgroup the task died in (e57051f5's commit message).
     */
    private Unit managerGetUnitByPidCgroup(long pid) {
        return managerGetUnitByCgroup(SCOPE_CGROUP);         // /proc/4242/cgroup: "0::" + SCOPE_CGROUP
    }

    /** manager_get_unit_by_cgroup() (cgroup.c v229 l.1390-1415): the path, else each parent in turn. */
    Unit managerGetUnitByCgroup(String cgroup) {
        Unit u = cgroupUnit.get(cgroup);
        if (u != null) {
            return u;
        }
        String p = cgroup;
        for (int i = 0; i < LOOP_BOUND; i++) {
            int e = p.lastIndexOf('/');                      // e = strrchr(p, '/')
            if (e <= 0) {
                // hashmap_get(m->cgroup_unit, SPECIAL_ROOT_SLICE): a unit name looked up among paths; no entry here
                return cgroupUnit.get("-.slice");
            }
            p = p.substring(0, e);                           // *e = 0
            u = cgroupUnit.get(p);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    // ---- scope.c / slice.c -----------------------------------------------------------------------------

    /** scope_notify_cgroup_empty_event() (scope.c v229 l.410-418). */
    private void scopeNotifyCgroupEmptyEvent(Unit u) {
        long s = u.state.load();
        if (s == Unit.SCOPE_RUNNING || s == Unit.SCOPE_ABANDONED || s == Unit.SCOPE_STOP_SIGTERM
                || s == Unit.SCOPE_STOP_SIGKILL) {
            scopeEnterDead(u);
        }
    }

    /** scope_enter_dead(s, SCOPE_SUCCESS) (scope.c v229 l.221-228). */
    private void scopeEnterDead(Unit u) {
        scopeSetState(u, Unit.SCOPE_DEAD);
    }

    /** scope_set_state() (scope.c v229 l.97-114): DEAD unwatches every pid, then unit_notify(). */
    private void scopeSetState(Unit u, long state) {
        long old = u.state.load();
        u.state.store(state);
        if (state == Unit.SCOPE_DEAD || state == Unit.SCOPE_FAILED) {
            unitUnwatchAllPids(u);
        }
        unitNotify(u, old, state);
    }

    /**
     * scope_sigchld_event() (scope.c v229 l.420-434): tidy dead pids, watch all pids (a no-op on
     * unified, cgroup.c l.1177-1178), and if none is left, treat it as cgroup empty.
     */
    private void scopeSigchldEvent(Unit u, long pid) {
        u.sigchldEvents.store(u.sigchldEvents.load() + 1);
        unitTidyWatchPids(u);
        // unit_watch_all_pids(u): if (cg_unified() > 0) return 0;
        if (u.pids.isEmpty()) {
            scopeNotifyCgroupEmptyEvent(u);
        }
    }

    /** slice_stop() (slice.c v229): slice_set_state(t, SLICE_DEAD), i.e. unit_notify(). */
    private void sliceStop(Unit u) {
        long old = u.state.load();
        u.state.store(Unit.SLICE_DEAD);
        unitNotify(u, old, Unit.SLICE_DEAD);
    }

    // ---- unit.c ----------------------------------------------------------------------------------------

    /**
     * unit_notify() (unit.c v229 l.1820-2034), the lines this incident goes through: inactive →
     * unit_prune_cgroup() (l.1854-1856); a JOB_STOP finishes when the unit is inactive; and
     * unit_add_to_gc_queue() at the end (l.2033).
     */
    private void unitNotify(Unit u, long os, long ns) {
        if (u.inactiveOrFailed(ns)) {
            unitPruneCgroup(u);
        }
        if (u.job.load() == Unit.JOB_STOP && u.inactiveOrFailed(ns)) {
            u.job.store(Unit.NO_JOB);                        // job_finish_and_invalidate(u->job, JOB_DONE, true)
        }
        unitAddToGcQueue(u);
    }

    /** job_run_and_invalidate() of a JOB_STOP: unit_stop() → UNIT_VTABLE(u)->stop. */
    private void unitStop(Unit u) {
        if (u.type == UnitType.SLICE) {
            sliceStop(u);
        }
    }

    /** unit_add_to_gc_queue() (unit.c v229 l.355-368): only if unit_check_gc() says it may go. */
    private void unitAddToGcQueue(Unit u) {
        if (u.inGcQueue.load() != 0 || u.freed.load() != 0) {
            return;
        }
        if (unitCheckGc(u)) {
            return;
        }
        u.inGcQueue.store(1);
    }

    /**
     * unit_check_gc() (unit.c v229 l.298-335) with scope_check_gc() (scope.c l.398-408): true keeps
     * the unit. A slice is referenced by the units inside it (u->refs), so it is kept.
     */
    private boolean unitCheckGc(Unit u) {
        if (u.job.load() != Unit.NO_JOB) {
            return true;
        }
        if (!u.inactiveOrFailed(u.state.load())) {
            return true;
        }
        if (u.type == UnitType.SLICE) {
            return true;                                     // u->refs
        }
        String path = u.cgroupPath.load();                   // scope_check_gc(): keep while processes are around
        return path != null && !cgIsEmptyRecursive(path);
    }

    /** unit_free() (unit.c v229 l.479-): off the gc queue, unit_release_cgroup(), unit_unwatch_all_pids(), free(). */
    private void unitFree(Unit u) {
        u.inGcQueue.store(0);
        unitReleaseCgroup(u);
        unitUnwatchAllPids(u);
        u.freed.store(1);
    }

    /** unit_unwatch_pid() (unit.c v229 l.2069-2076). */
    private void unitUnwatchPid(Unit u, long pid) {
        watchPids1.removeValue(pid, u);                      // hashmap_remove_value(m->watch_pids1, pid, u)
        u.pids.remove(pid);                                  // set_remove(u->pids, pid)
    }

    /** unit_unwatch_all_pids() (unit.c v229 l.2078-2085). */
    private void unitUnwatchAllPids(Unit u) {
        for (long pid : PIDS) {
            if (u.pids.contains(pid)) {
                unitUnwatchPid(u, pid);
            }
        }
    }

    /** unit_tidy_watch_pids(u, 0, 0) (unit.c v229 l.2087-2104): drop the pids that no longer exist. */
    private void unitTidyWatchPids(Unit u) {
        for (long pid : PIDS) {
            if (u.pids.contains(pid) && !pidIsUnwaited(pid)) {
                unitUnwatchPid(u, pid);
            }
        }
    }

    /** pid_is_unwaited(): kill(pid, 0) succeeds for a live task or a zombie, fails once it is reaped. */
    private boolean pidIsUnwaited(long pid) {
        Word exitState = pid == ORPHAN ? orphanExitState : leaderExitState;
        return exitState.readOnce() != REAPED;
    }

    // ---- manager.c -------------------------------------------------------------------------------------

    /** manager_dispatch_sigchld() (manager.c v229 l.1637-1700): {@code for (;;)} over waitid(), bounded. */
    private Sigchld managerDispatchSigchld() {
        Sigchld result = Sigchld.NO_CHILD;
        Unit reached = null;
        for (int round = 0; round < LOOP_BOUND; round++) {
            // waitid(P_ALL, 0, &si, WEXITED|WNOHANG|WNOWAIT): the orphan is PID 1's only child that can be a
            // zombie here; WNOWAIT leaves it unreaped so /proc/<pid>/cgroup can still be read
            if (orphanExitState.readOnce() != EXIT_ZOMBIE) {
                break;
            }
            long pid = ORPHAN;
            Sigchld r = Sigchld.DROPPED;
            // u1 = manager_get_unit_by_pid_cgroup(m, si.si_pid); if (u1) invoke_sigchld_event(m, u1, &si);
            Unit u1 = managerGetUnitByPidCgroup(pid);
            if (u1 != null) {
                reached = u1;
                r = invokeSigchldEvent(u1, pid);
                if (r == Sigchld.SEGV_NULL_HANDLER) {
                    return said(r, u1);                      // crash() never returns
                }
            }
            // u2 = hashmap_get(m->watch_pids1, si.si_pid); if (u2 && u2 != u1) invoke_sigchld_event(m, u2, &si);
            Unit u2 = watchPids1.get(pid);
            if (u2 != null && u2 != u1) {
                reached = u2;
                Sigchld r2 = invokeSigchldEvent(u2, pid);
                if (r2 == Sigchld.SEGV_NULL_HANDLER) {
                    return said(r2, u2);
                }
                r = r == Sigchld.DELIVERED ? r : r2;
            }
            // waitid(P_PID, si.si_pid, &si, WEXITED): reap the zombie
            orphanExitState.writeOnce(REAPED);
            result = r;
        }
        return said(result, reached);
    }

    /**
     * invoke_sigchld_event() (manager.c v229 l.1626-1635; e57051f5 adds the check):
     * {@code unit_unwatch_pid(u, pid); UNIT_VTABLE(u)->sigchld_event(u, pid, ...)}.
     */
    private Sigchld invokeSigchldEvent(Unit u, long pid) {
        unitUnwatchPid(u, pid);
        if (u.type.hasSigchldEvent()) {
            scopeSigchldEvent(u, pid);                       // the only type here with a handler
            return Sigchld.DELIVERED;
        }
        if (variant.sigchldEventChecked()) {                 // e57051f5: if (UNIT_VTABLE(u)->sigchld_event)
            return Sigchld.DROPPED;
        }
        // v229: call through the NULL slot: jump to address 0, "segfault at 0 ip (null)"
        crash(u);
        return Sigchld.SEGV_NULL_HANDLER;
    }

    // ---- main.c: the crash handler ---------------------------------------------------------------------

    /**
     * crash(SIGSEGV) (main.c v229 l.153-247), installed for SIGSEGV with SA_NODEFER (l.249-261), as the
     * states it leaves: getpid() == 1 and arg_dump_core (default true): raw_clone() a child that re-raises
     * SIGSEGV with SIG_DFL; its core goes to kernel.core_pattern, "|/bin/false" as PID 1 wrote it at boot
     * (l.1465-1474) or systemd-coredump, which needs PID 1 to start systemd-coredump@.service: no core is
     * saved ("core dump failed"). Then SIGCHLD → SIG_IGN|SA_NOCLDWAIT (l.218-224); no crash shell, no
     * crash reboot (defaults); freeze() (process-util.c l.661-670): close_all_fds(), sync(), pause()
     * forever. PID 1 never exits: no "Attempted to kill init!".
     */
    private void crash(Unit u) {
        segvUnit.store(u.index + 1);
        coreDump.store(CORE_DUMP_FAILED);                    // wait_for_terminate(): si_code != CLD_DUMPED
        sigchldIgnored.store(1);
        fdsOpen.writeOnce(0);                                // freeze() -> close_all_fds(NULL, 0)
        pid1State.store(PID1_FROZEN);                        // for (;;) pause();
    }

    private Sigchld said(Sigchld r, Unit u) {
        lastSigchld.store(r.ordinal());
        lastSigchldUnit.store(u == null ? 0 : u.index + 1);
        return r;
    }

    // =============================================================================================
    // Reading the state (no scheduling: peek only)
    // =============================================================================================

    /** The last {@link #dispatchSigchld()} in words. */
    public String lastSigchld() {
        Sigchld r = Sigchld.values()[(int) lastSigchld.peek()];
        Unit u = unitAt(lastSigchldUnit.peek());
        return switch (r) {
            case NO_CHILD -> "no child";
            case DELIVERED -> "pid " + ORPHAN + ": -> " + u.id + ".sigchld_event(); reaped";
            case DROPPED -> "pid " + ORPHAN + ": -> " + u.id + " (" + u.type.typeName() + ": sigchld_event NULL, skipped); reaped";
            case SEGV_NULL_HANDLER -> "pid " + ORPHAN + ": " + segvText();
            case FROZEN -> "PID 1 frozen: nothing dispatched";
        };
    }

    private String segvText() {
        Unit u = unitAt(segvUnit.peek());
        return u == null ? null : "SEGV: " + u.id + "->sigchld_event is NULL (pid " + ORPHAN + ")";
    }

    private Unit unitAt(long indexPlusOne) {
        return indexPlusOne == 0 ? null : units[(int) indexPlusOne - 1];
    }

    /** The call through NULL, e.g. "SEGV: user-1000.slice->sigchld_event is NULL (pid 4242)", or null. */
    public String lastFinding() { return segvText(); }

    /** True once PID 1 is frozen in crash() → freeze(). */
    public boolean pid1Frozen() { return pid1State.peek() == PID1_FROZEN; }

    /** PID 1's state in words: running, or frozen with everything crash() and freeze() did. */
    public String pid1Report() {
        if (!pid1Frozen()) {
            return "PID 1 running its event loop";
        }
        return "PID 1 frozen: caught SIGSEGV (" + segvText() + ") in crash(); core dump failed (the forked child's core"
                + " went to core_pattern \"|/bin/false\" or to systemd-coredump, which needs PID 1 to start"
                + " systemd-coredump@.service); SIGCHLD set to SIG_IGN|SA_NOCLDWAIT; no crash shell, no reboot;"
                + " freeze(): every fd closed (/run/systemd/private, the bus, the notify socket, the signalfd, the"
                + " cgroup inotify fd, the socket units' listeners), sync(), pause() forever. PID 1 never exits, so"
                + " the kernel never says \"Attempted to kill init!\"; no event is dispatched, systemctl cannot"
                + " connect, stop jobs never run; pid " + ORPHAN + " stays " + taskState() + ".";
    }

    /** Every unit, user.slice first. */
    public List<Unit> units() { return List.of(units); }

    public Unit unit(String id) {
        for (Unit u : units) {
            if (u.id.equals(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("no unit " + id + "; units: user.slice, user-1000.slice, session-2.scope");
    }

    /** m->cgroup_unit's entries: path → unit. */
    public List<Object[]> cgroupUnits() { return cgroupUnit.peekEntries(); }

    /** The unit m->cgroup_unit maps {@code path} to (no walk), or null. */
    public Unit cgroupUnit(String path) { return cgroupUnit.peek(path); }

    /** The unit m->watch_pids1 maps {@code pid} to, or null. */
    public Unit watchedBy(long pid) { return watchPids1.peek(pid); }

    /** The unit m->cgroup_inotify_wd_unit maps the scope's watch descriptor to, or null. */
    public Unit scopeWatch() { return cgroupInotifyWdUnit.peek(units[2].wd); }

    /** Every table entry, for the invariants: {table name, key, unit}. */
    List<Object[]> tableEntries() {
        List<Object[]> out = new ArrayList<>();
        for (Object[] e : cgroupUnit.peekEntries()) {
            out.add(new Object[] {"cgroup_unit", e[0], e[1]});
        }
        for (Object[] e : cgroupInotifyWdUnit.peekEntries()) {
            out.add(new Object[] {"cgroup_inotify_wd_unit", e[0], e[1]});
        }
        for (Object[] e : watchPids1.peekEntries()) {
            out.add(new Object[] {"watch_pids1", e[0], e[1]});
        }
        return out;
    }

    /** The orphan: "RUNNING", "ZOMBIE" or "REAPED". */
    public String taskState() { return TASK_STATES[(int) orphanExitState.peek()]; }

    public boolean populated() { return scopePopulated.peek() != 0; }

    public boolean inotifyPending() { return inotifyQueued.peek() != 0; }

    public boolean sigchldPending() { return sigchldQueued.peek() != 0; }

    public boolean coreDumpFailed() { return coreDump.peek() == CORE_DUMP_FAILED; }

    public boolean fdsClosed() { return fdsOpen.peek() == 0; }

    public boolean sigchldIgnored() { return sigchldIgnored.peek() != 0; }

    /**
     * The outcome once nothing is pending, independent of how it was reached: e.g. "pid 4242 REAPED;
     * session-2.scope dead, freed; user-1000.slice active; PID 1 running". Compare it across orders.
     */
    public String outcome() {
        Unit s = units[2];
        return "pid " + ORPHAN + " " + taskState() + "; session-2.scope " + s.stateName() + (s.freed() ? ", freed" : "")
                + "; user-1000.slice " + units[1].stateName() + "; PID 1 " + (pid1Frozen() ? "frozen (SEGV)" : "running");
    }

    /** The state as one vector (every cell of the port, in creation order): equal vectors behave the same. */
    public long[] stateKey() { return mem.snapshot(); }

    /**
     * The state as data (maps, lists, strings, numbers, booleans), peeks only: exactly what {@link
     * #toString()} prints, which is formatted from this same tree; the HTML report draws from it.
     * Keys: {@code kind} ("systemd"), {@code variant}, {@code version}, {@code orphan} (pid), {@code
     * taskState}, {@code cgroup} (the scope's), {@code populated}, the two event queues {@code
     * inotifyQueued} (cgroup.events of the emptied cgroup) and {@code sigchldQueued}; {@code units}
     * (each {@code id type state cgroup realized pids} (a scope's watched pids, null for a slice)
     * {@code handlerNull} (the type's sigchld_event slot is NULL) {@code inGcQueue stopJobQueued
     * freed segv} (this unit's NULL handler was called)); {@code tables} (watch_pids1, cgroup_unit,
     * cgroup_inotify_wd_unit: {@code name}, {@code entries} of {@code key unit freed}); {@code
     * lastSigchld} (in words), {@code lastSigchldKind} (the {@link Sigchld} name), {@code segv} (the
     * call through NULL in words, "" if none), {@code pid1Frozen}, {@code pid1Report}.
     */
    public java.util.Map<String, Object> snapshotData() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("kind", "systemd");
        d.put("variant", variant.label());
        d.put("version", String.valueOf(variant.version()));
        d.put("orphan", ORPHAN);
        d.put("taskState", taskState());
        d.put("cgroup", SCOPE_CGROUP);
        d.put("populated", populated());
        d.put("inotifyQueued", inotifyPending());
        d.put("sigchldQueued", sigchldPending());
        Unit segv = unitAt(segvUnit.peek());
        List<Object> us = new ArrayList<>();
        for (Unit u : units) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("id", u.id);
            m.put("type", u.type.typeName());
            m.put("state", u.stateName());
            m.put("cgroup", u.path);
            m.put("realized", u.cgroupRealized());
            m.put("pids", u.type == UnitType.SCOPE ? u.pids.members() : null);
            m.put("handlerNull", !u.type.hasSigchldEvent());
            m.put("inGcQueue", u.inGcQueue.peek() != 0);
            m.put("stopJobQueued", u.stopJobQueued());
            m.put("freed", u.freed());
            m.put("segv", u == segv);
            us.add(m);
        }
        d.put("units", us);
        d.put("tables", List.of(watchPids1.data(), cgroupUnit.data(), cgroupInotifyWdUnit.data()));
        d.put("lastSigchld", lastSigchld());
        d.put("lastSigchldKind", Sigchld.values()[(int) lastSigchld.peek()].name());
        String st = segvText();
        d.put("segv", st == null ? "" : st);
        d.put("pid1Frozen", pid1Frozen());
        d.put("pid1Report", pid1Report());
        return d;
    }

    /** PID 1's view as its engineer reads it; replayed after every step in failure traces. Formatted from {@link #snapshotData()} only. */
    @Override
    public String toString() {
        return print(snapshotData());
    }

    @SuppressWarnings("unchecked")
    static String print(java.util.Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        sb.append("PID 1 [").append(d.get("variant")).append(' ').append(d.get("version")).append("]\n");
        boolean ino = (Boolean) d.get("inotifyQueued"), chld = (Boolean) d.get("sigchldQueued");
        sb.append("  kernel: pid ").append(d.get("orphan")).append(' ').append(d.get("taskState")).append(" in ").append(d.get("cgroup"))
                .append("; cgroup.events populated ").append((Boolean) d.get("populated") ? 1 : 0)
                .append("; queued:").append(ino ? " inotify(cgroup.events)" : "")
                .append(chld ? " SIGCHLD" : "")
                .append(!ino && !chld ? " -" : "").append('\n');
        for (Object o : (List<Object>) d.get("units")) {
            java.util.Map<String, Object> u = (java.util.Map<String, Object>) o;
            sb.append(String.format("  %-16s %-5s %-9s cgroup %s%s", u.get("id"), u.get("type"), u.get("state"), u.get("cgroup"),
                    (Boolean) u.get("realized") ? "" : " (released)"));
            List<Object> pids = (List<Object>) u.get("pids");
            if (pids != null) {
                StringBuilder ps = new StringBuilder("{");
                for (Object p : pids) ps.append(ps.length() > 1 ? ", " : "").append(p);
                sb.append("  pids ").append(ps).append('}');
            }
            if ((Boolean) u.get("handlerNull")) {
                sb.append("  sigchld_event NULL");
            }
            if ((Boolean) u.get("inGcQueue")) {
                sb.append("  in gc queue");
            }
            if ((Boolean) u.get("stopJobQueued")) {
                sb.append("  stop job queued");
            }
            if ((Boolean) u.get("freed")) {
                sb.append("  FREED");
            }
            sb.append('\n');
        }
        for (Object t : (List<Object>) d.get("tables")) {
            sb.append("  ").append(UnitTable.show((java.util.Map<String, Object>) t)).append('\n');
        }
        sb.append("  last SIGCHLD dispatch: ").append(d.get("lastSigchld")).append('\n');
        sb.append("  ").append(d.get("pid1Report"));
        return sb.toString();
    }
}
