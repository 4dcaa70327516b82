package dev.kmc.model.systemd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PID 1's handling of a unit's last process exiting on the unified (v2) cgroup hierarchy: the
 * cgroup-empty path ({@code src/core/cgroup.c}) and the SIGCHLD path ({@code src/core/manager.c}),
 * with the kernel's side of {@code do_exit()} that feeds both (package-info: versions, tables).
 *
 * <h2>Implementation notes</h2>
 * Two units: {@code system.slice} (a slice: its vtable has no {@code sigchld_event}) with cgroup
 * {@code /system.slice}, and {@code foo.service} (a service) with cgroup
 * {@code /system.slice/foo.service} and main pid {@value #PID}, watched in {@code watch_pids}.
 * Threads: the <b>kernel</b> thread runs {@link #processExit()} (the exiting task's CPU); the
 * <b>pid1</b> thread runs {@link #dispatchCgroupEmpty()}, {@link #gc()} and
 * {@link #dispatchSigchld()}, the three pieces of PID 1's single-threaded event loop, in the
 * order the event loop would dispatch them.
 * <p>
 * Ownership. Kernel side ({@code populated}, {@code taskState}, the two pending events): the
 * kernel thread writes {@code populated} and RUNNING&nbsp;→&nbsp;ZOMBIE and posts the events; PID 1
 * consumes the events ({@code read()} of the inotify fd and of the signalfd, atomic) and writes
 * ZOMBIE&nbsp;→&nbsp;REAPED. Everything else (units, {@code watch_pids}, {@code cgroup_unit}, the queues,
 * the findings) is PID 1's and touched only by the pid1 thread: there is no data race on it,
 * the bug is an <b>ordering</b> bug between two event sources.
 * <p>
 * Protocol. {@code do_exit()} runs {@code cgroup_exit()} (the cgroup's "populated" drops to 0 and
 * {@code cgroup.events} is modified: an inotify event) <i>before</i> {@code exit_notify()} (the task
 * becomes a zombie and SIGCHLD is queued). The zombie's {@code /proc/<pid>/cgroup} still names
 * its cgroup. If PID 1 handles "cgroup empty" in that window, {@code foo.service} goes dead,
 * unwatches its main pid and releases its cgroup; the later SIGCHLD then finds no unit by
 * {@code watch_pids}, and {@code manager_get_unit_by_cgroup()} walks the zombie's cgroup path up to
 * {@code /system.slice}, whose unit has no {@code sigchld_event}. v234 calls it anyway: SEGV.
 * <p>
 * Invariants (SystemdInvariants): every unit reachable from {@code watch_pids} or
 * {@code cgroup_unit} is not freed; no handler is called through NULL or on a freed unit; SIGCHLD
 * reaches only the unit that owned the pid, or is dropped; and (at quiescence) the outcome does
 * not depend on the order of the two events: pid {@value #PID} reaped, foo.service dead.
 * Non-invariants: the order itself (either event may be dispatched first, on both variants), and
 * whether SIGCHLD is delivered or dropped (fixed: dropped when cgroup-empty came first).
 */
public final class Systemd {
    /** foo.service's main pid. */
    public static final int PID = 100;
    public static final String SLICE_CGROUP = "/system.slice";
    public static final String SERVICE_CGROUP = "/system.slice/foo.service";
    /** Bound of the loops the source leaves unbounded ({@code for (;;)} around waitid, the gc queue). */
    static final int LOOP_BOUND = 16;

    static final int RUNNING = 0;
    static final int ZOMBIE = 1;
    static final int REAPED = 2;
    private static final String[] TASK_STATES = {"RUNNING", "ZOMBIE", "REAPED"};

    private final SystemdVariant variant;

    // ---- kernel side: written by the exiting task's CPU, read (and consumed) by PID 1 ----------
    /** pid 100's state: RUNNING, then EXIT_ZOMBIE (exit_notify), then reaped by PID 1's waitid(). */
    private volatile int taskState;
    /** "populated" in /system.slice/foo.service/cgroup.events (and, recursively, /system.slice's). */
    private volatile boolean populated;
    /** An inotify IN_MODIFY on cgroup.events is queued on PID 1's inotify fd. */
    private final AtomicBoolean cgroupEventsModified;
    /** SIGCHLD is queued on PID 1's signalfd. */
    private final AtomicBoolean sigchldPending;

    // ---- PID 1 side: only the pid1 thread ---------------------------------------------------------
    /** m->units: [0] system.slice, [1] foo.service. Freed units stay here, flagged, to detect use after free. */
    private final Unit[] units;
    /** m->watch_pids1: pid → Unit (watch_pids2 is not modelled: no pid is watched twice here). */
    private final Map<Integer, Unit> watchPids;
    /** m->cgroup_unit: cgroup path → Unit; also stands for cgroup_inotify_wd_unit (a realized cgroup is watched). */
    private final Map<String, Unit> cgroupUnits;
    /** m->cgroup_empty_queue (PR #6928 only). */
    private final ArrayDeque<Unit> cgroupEmptyQueue;
    /** m->gc_unit_queue. */
    private final ArrayDeque<Unit> gcQueue;
    /** What PID 1 would have crashed on or got wrong, in words. Outputs only: never read back by the port. */
    private final List<String> findings;
    /** The last dispatchSigchld(), in words (outputs only). */
    private String lastSigchld = "-";

    public Systemd(SystemdVariant variant) {
        this.variant = variant;
        this.taskState = RUNNING;
        this.populated = true;
        this.cgroupEventsModified = new AtomicBoolean();
        this.sigchldPending = new AtomicBoolean();
        this.units = new Unit[] {
            new Unit(0, "system.slice", UnitType.SLICE, SLICE_CGROUP, 0),
            new Unit(1, "foo.service", UnitType.SERVICE, SERVICE_CGROUP, PID)};
        this.watchPids = new LinkedHashMap<>();
        this.cgroupUnits = new LinkedHashMap<>();
        this.cgroupEmptyQueue = new ArrayDeque<>();
        this.gcQueue = new ArrayDeque<>();
        this.findings = new ArrayList<>();
        cgroupUnits.put(SLICE_CGROUP, units[0]);
        cgroupUnits.put(SERVICE_CGROUP, units[1]);
        watchPids.put(PID, units[1]);                       // service_set_main_pid() + unit_watch_pid()
    }

    private Systemd(Systemd o) {
        this.variant = o.variant;
        this.taskState = o.taskState;
        this.populated = o.populated;
        this.cgroupEventsModified = new AtomicBoolean(o.cgroupEventsModified.get());
        this.sigchldPending = new AtomicBoolean(o.sigchldPending.get());
        this.units = new Unit[o.units.length];
        for (int i = 0; i < units.length; i++) {
            units[i] = o.units[i].copy();
        }
        this.watchPids = new LinkedHashMap<>();
        o.watchPids.forEach((pid, u) -> watchPids.put(pid, units[u.index]));
        this.cgroupUnits = new LinkedHashMap<>();
        o.cgroupUnits.forEach((path, u) -> cgroupUnits.put(path, units[u.index]));
        this.cgroupEmptyQueue = new ArrayDeque<>();
        o.cgroupEmptyQueue.forEach(u -> cgroupEmptyQueue.add(units[u.index]));
        this.gcQueue = new ArrayDeque<>();
        o.gcQueue.forEach(u -> gcQueue.add(units[u.index]));
        this.findings = new ArrayList<>(o.findings);
        this.lastSigchld = o.lastSigchld;
    }

    public SystemdVariant variant() { return variant; }

    // =============================================================================================
    // The kernel thread
    // =============================================================================================

    /**
     * do_exit() of pid {@value #PID}, the last process of foo.service's cgroup:
     * {@link #cgroupExit()}, then {@link #exitNotify()}. A second call does nothing.
     */
    public void processExit() {
        if (taskState != RUNNING) {
            return;
        }
        cgroupExit();
        exitNotify();
    }

    /**
     * do_exit()'s first half: cgroup_exit(). The cgroup runs empty and cgroup.events is modified,
     * while the task is not a zombie yet. Deterministic tests call the halves separately to put PID 1's
     * steps in the window between them; {@link #processExit()} is both.
     */
    public void cgroupExit() {
        if (!populated) {
            return;
        }
        // cgroup_exit() -> css_set_move_task() -> cgroup_update_populated(): nr_populated drops to 0
        populated = false;                                   // volatile store
        // cgroup_file_notify(&cgrp->events_file) -> kernfs_notify(): IN_MODIFY on cgroup.events
        cgroupEventsModified.set(true);                      // the inotify event is queued
    }

    /** do_exit()'s second half: exit_notify(). The task becomes a zombie and SIGCHLD is queued for PID 1. */
    public void exitNotify() {
        if (taskState != RUNNING) {
            return;
        }
        // exit_notify(), under tasklist_lock: exit_state = EXIT_ZOMBIE and do_notify_parent(SIGCHLD).
        // NOTE: the zombie is published before the signal, so a PID 1 that sees SIGCHLD finds the zombie
        // with waitid(): tasklist_lock makes the two one step for waitid; this order keeps that.
        taskState = ZOMBIE;                                  // volatile store
        sigchldPending.set(true);                            // SIGCHLD queued on the signalfd
    }

    // =============================================================================================
    // The pid1 thread: the three pieces of the event loop
    // =============================================================================================

    /**
     * The cgroup-empty machinery of one sd_event_run(). sd-event dispatches the highest-priority
     * pending source; SIGCHLD's is SD_EVENT_PRIORITY_NORMAL-7.
     * <ul>
     * <li>v234: the cgroup inotify source (NORMAL-5) runs only when no SIGCHLD is pending, and
     *     {@code on_cgroup_inotify_event()} handles the empty cgroup right there.</li>
     * <li>PR #6928: the inotify callback only queues the unit; the queue's defer source,
     *     {@code on_cgroup_empty_event()} (NORMAL-5), runs only when no SIGCHLD is pending.</li>
     * </ul>
     * Either way the check "SIGCHLD pending?" can come before the kernel posts it: that window is
     * the incident.
     */
    public void dispatchCgroupEmpty() {
        if (variant.cgroupEmptyQueue()) {
            if (cgroupEventsModified.getAndSet(false)) {       // read(inotify_fd): consumes the event
                onCgroupInotifyEvent();
            }
            if (!cgroupEmptyQueue.isEmpty() && !sigchldPending.get()) {   // sd-event: SIGCHLD outranks the defer source
                onCgroupEmptyEvent();
            }
        } else {
            if (sigchldPending.get()) {                        // sd-event: SIGCHLD outranks the inotify source
                return;
            }
            if (cgroupEventsModified.getAndSet(false)) {       // read(inotify_fd): consumes the event
                onCgroupInotifyEvent();
            }
        }
    }

    /** manager_dispatch_gc_queue(): frees every queued unit that is inactive (unit_may_gc()). */
    public void gc() {
        for (int i = 0; i < LOOP_BOUND && !gcQueue.isEmpty(); i++) {
            Unit u = gcQueue.poll();
            u.inGcQueue = false;
            if (!u.active) {                                   // unit_may_gc(): dead, nothing references it
                unitFree(u);
            }
        }
    }

    /**
     * The signal source: {@code manager_dispatch_signal_fd()} reads SIGCHLD, then
     * {@code manager_dispatch_sigchld()} finds each zombie's unit(s), invokes their handler and reaps.
     * {@link #lastSigchld()} says what happened in words.
     */
    public Sigchld dispatchSigchld() {
        if (!sigchldPending.getAndSet(false)) {                // read(signal_fd): nothing queued
            lastSigchld = "no SIGCHLD pending";
            return Sigchld.NO_CHILD;
        }
        return managerDispatchSigchld();
    }

    // ---- cgroup.c --------------------------------------------------------------------------------

    /** on_cgroup_inotify_event(): the watched cgroup.events changed; re-read "populated". */
    private void onCgroupInotifyEvent() {
        // u = hashmap_get(m->cgroup_inotify_wd_unit, wd): a released cgroup is no longer watched.
        // (/system.slice's cgroup.events changes too; a slice has no notify_cgroup_empty, so it is skipped here.)
        Unit u = cgroupUnits.get(SERVICE_CGROUP);
        if (u == null) {
            return;
        }
        if (populated) {                                      // cg_is_empty_recursive() == 0
            return;
        }
        if (variant.cgroupEmptyQueue()) {
            unitAddToCgroupEmptyQueue(u);                     // PR #6928
        } else {
            unitNotifyCgroupEmpty(u);                         // v234: right now
        }
    }

    /** unit_add_to_cgroup_empty_queue() (PR #6928). */
    private void unitAddToCgroupEmptyQueue(Unit u) {
        if (u.inCgroupEmptyQueue || !u.cgroupRealized) {
            return;
        }
        u.inCgroupEmptyQueue = true;
        cgroupEmptyQueue.add(u);                              // LIST_PREPEND + sd_event_source_set_enabled(ONESHOT)
    }

    /** on_cgroup_empty_event() (PR #6928): one unit from the queue. */
    private void onCgroupEmptyEvent() {
        Unit u = cgroupEmptyQueue.poll();
        u.inCgroupEmptyQueue = false;
        unitAddToGcQueue(u);
        unitNotifyCgroupEmpty(u);
    }

    /** unit_notify_cgroup_empty(): {@code if (UNIT_VTABLE(u)->notify_cgroup_empty) ...(u)}. */
    private void unitNotifyCgroupEmpty(Unit u) {
        if (u.type.hasNotifyCgroupEmpty()) {
            serviceNotifyCgroupEmptyEvent(u);
        }
    }

    /** unit_release_cgroup(): drop the path from m->cgroup_unit and its inotify watch. */
    private void unitReleaseCgroup(Unit u) {
        if (!u.cgroupRealized) {
            return;
        }
        cgroupUnits.remove(u.cgroupPath, u);
        u.cgroupRealized = false;
    }

    /** unit_prune_cgroup(): rmdir succeeds once the cgroup is not populated, then unit_release_cgroup(). */
    private void unitPruneCgroup(Unit u) {
        if (populated) {                                      // cg_trim() fails with EBUSY
            return;
        }
        unitReleaseCgroup(u);
    }

    // ---- service.c --------------------------------------------------------------------------------

    /**
     * service_notify_cgroup_empty_event(), reduced to the incident's path: an active service whose
     * cgroup ran empty concludes that its processes are gone and goes dead.
     */
    private void serviceNotifyCgroupEmptyEvent(Unit u) {
        if (u.active) {
            serviceEnterDead(u);
        }
    }

    /**
     * service_sigchld_event(): the main process exited, so the service goes dead. Another pid is
     * only logged ("Child ... belongs to ...").
     */
    private void serviceSigchldEvent(Unit u, int pid) {
        u.sigchldEvents++;
        if (pid == u.mainPid) {
            u.mainPid = 0;                                    // main_pid = 0; main_exec_status_exit()
            serviceEnterDead(u);
        }
    }

    /**
     * service_enter_dead() → service_set_state(SERVICE_DEAD): service_unwatch_main_pid(), then
     * unit_notify() sees the unit go inactive: unit_prune_cgroup() and unit_add_to_gc_queue().
     */
    private void serviceEnterDead(Unit u) {
        u.active = false;
        if (u.mainPid != 0) {
            unitUnwatchPid(u, u.mainPid);                     // service_unwatch_main_pid()
            u.mainPid = 0;
        }
        unitPruneCgroup(u);
        unitAddToGcQueue(u);
    }

    // ---- unit.c ------------------------------------------------------------------------------------

    /** unit_unwatch_pid(): hashmap_remove_value(m->watch_pids1, pid, u). */
    private void unitUnwatchPid(Unit u, int pid) {
        watchPids.remove(pid, u);
    }

    /** unit_add_to_gc_queue(). */
    private void unitAddToGcQueue(Unit u) {
        if (u.inGcQueue || u.freed) {
            return;
        }
        u.inGcQueue = true;
        gcQueue.add(u);
    }

    /** unit_free(): unit_unwatch_all_pids(), unit_release_cgroup(), off every queue, then free(). */
    private void unitFree(Unit u) {
        watchPids.values().removeIf(w -> w == u);
        unitReleaseCgroup(u);
        if (u.inCgroupEmptyQueue) {
            cgroupEmptyQueue.remove(u);
            u.inCgroupEmptyQueue = false;
        }
        u.freed = true;
    }

    // ---- manager.c --------------------------------------------------------------------------------

    /** manager_dispatch_sigchld(): {@code for (;;)} over waitid(WNOHANG|WNOWAIT), bounded. */
    private Sigchld managerDispatchSigchld() {
        Sigchld result = Sigchld.NO_CHILD;
        String said = "SIGCHLD, but waitid() found no zombie";
        for (int round = 0; round < LOOP_BOUND; round++) {
            // waitid(P_ALL, 0, &si, WEXITED|WNOHANG|WNOWAIT): the zombie is not reaped yet, so
            // /proc/<pid>/cgroup can still be read
            if (taskState != ZOMBIE) {
                lastSigchld = said;
                return result;
            }
            int pid = PID;
            StringBuilder how = new StringBuilder("pid " + pid + ":");
            Sigchld r = Sigchld.DROPPED;
            // u1 = manager_get_unit_by_pid_cgroup(m, si.si_pid)
            Unit u1 = managerGetUnitByPidCgroup(pid);
            if (u1 != null) {
                r = worse(r, invokeSigchldEvent(u1, pid, how));
            }
            // u2 = hashmap_get(m->watch_pids1, si.si_pid)
            Unit u2 = watchPids.get(pid);
            if (u2 != null && u2 != u1) {
                r = worse(r, invokeSigchldEvent(u2, pid, how));
            }
            if (u1 == null && u2 == null) {
                how.append(" no unit");
            }
            // waitid(P_PID, si.si_pid, &si, WEXITED): now reap the zombie
            taskState = REAPED;
            result = r;
            said = how.append(r == Sigchld.DROPPED ? "; reaped, dropped" : r.bug() ? "" : "; reaped").toString();
        }
        findings.add("manager_dispatch_sigchld(): still finding zombies after " + LOOP_BOUND + " rounds");
        lastSigchld = said;
        return result;
    }

    /** manager_get_unit_by_pid_cgroup(): cg_pid_get_path() of the zombie, then manager_get_unit_by_cgroup(). */
    private Unit managerGetUnitByPidCgroup(int pid) {
        // /proc/<pid>/cgroup of the zombie still names the cgroup it exited in
        return managerGetUnitByCgroup(SERVICE_CGROUP);
    }

    /** manager_get_unit_by_cgroup(): the path, else each parent path in turn, up to the root. */
    private Unit managerGetUnitByCgroup(String cgroup) {
        String p = cgroup;
        for (int i = 0; i < LOOP_BOUND && !p.isEmpty(); i++) {
            Unit u = cgroupUnits.get(p);
            if (u != null) {
                return u;
            }
            p = p.substring(0, p.lastIndexOf('/'));           // strrchr(p, '/') = 0
        }
        return null;
    }

    /**
     * invoke_sigchld_event(): {@code unit_unwatch_pid(u, pid); UNIT_VTABLE(u)->sigchld_event(u, pid, ...)}.
     * The calls that would crash PID 1 are recorded as findings and not made.
     */
    private Sigchld invokeSigchldEvent(Unit u, int pid, StringBuilder how) {
        if (u.freed) {
            // u and UNIT_VTABLE(u) point into freed memory
            String f = "SEGV: sigchld_event of freed " + u.id + " (pid " + pid + ")";
            findings.add("invoke_sigchld_event(): " + f);
            how.append(' ').append(f);
            return Sigchld.SEGV_FREED_UNIT;
        }
        unitUnwatchPid(u, pid);
        if (!u.type.hasSigchldEvent()) {
            if (variant.sigchldEventChecked()) {              // PR #6928: if (UNIT_VTABLE(u)->sigchld_event)
                how.append(" -> ").append(u.id).append(" (").append(u.type.typeName()).append(": no sigchld_event, skipped)");
                return Sigchld.DROPPED;
            }
            String f = "SEGV: " + u.id + "->sigchld_event is NULL (pid " + pid + ")";
            findings.add("invoke_sigchld_event(): " + f);
            how.append(' ').append(f);
            return Sigchld.SEGV_NULL_HANDLER;
        }
        boolean owner = u == units[1];                        // foo.service spawned pid 100
        serviceSigchldEvent(u, pid);
        how.append(" -> ").append(u.id).append(".sigchld_event()");
        if (!owner) {
            findings.add("invoke_sigchld_event(): pid " + pid + " delivered to " + u.id + ", which did not own it");
            return Sigchld.MISDELIVERED;
        }
        return Sigchld.DELIVERED;
    }

    private static Sigchld worse(Sigchld a, Sigchld b) {
        if (a.bug() != b.bug()) {
            return a.bug() ? a : b;
        }
        if (a.bug()) {
            return a;                                         // the first crash wins
        }
        return a == Sigchld.DELIVERED || b == Sigchld.DELIVERED ? Sigchld.DELIVERED : Sigchld.DROPPED;
    }

    // =============================================================================================
    // Reading the state
    // =============================================================================================

    /** The last {@link #dispatchSigchld()} in words, e.g. "pid 100: SEGV: system.slice->sigchld_event is NULL (pid 100)". */
    public String lastSigchld() { return lastSigchld; }

    /** What PID 1 would have crashed on or got wrong, in order. */
    public List<String> findings() { return List.copyOf(findings); }

    /** The last finding without its function prefix, e.g. "SEGV: system.slice->sigchld_event is NULL (pid 100)", or null. */
    public String lastFinding() {
        if (findings.isEmpty()) {
            return null;
        }
        String f = findings.get(findings.size() - 1);
        int c = f.indexOf("(): ");
        return c < 0 ? f : f.substring(c + 4);
    }

    /** The units, system.slice first. */
    public List<Unit> units() { return List.of(units); }

    public Unit unit(String id) {
        for (Unit u : units) {
            if (u.id.equals(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("no unit " + id + "; units: system.slice, foo.service");
    }

    /** A snapshot of watch_pids: pid → unit. */
    public Map<Integer, Unit> watchPids() { return Map.copyOf(watchPids); }

    /** A snapshot of cgroup_unit: cgroup path → unit. */
    public Map<String, Unit> cgroupUnits() { return Map.copyOf(cgroupUnits); }

    /** "RUNNING", "ZOMBIE" or "REAPED". */
    public String taskState() { return TASK_STATES[taskState]; }

    public boolean populated() { return populated; }

    public boolean inotifyPending() { return cgroupEventsModified.get(); }

    public boolean sigchldPending() { return sigchldPending.get(); }

    /** The cgroup-empty queue's unit ids (fixed variant; always empty on the pre-fix one). */
    public List<String> cgroupEmptyQueue() { return cgroupEmptyQueue.stream().map(u -> u.id).toList(); }

    public List<String> gcQueue() { return gcQueue.stream().map(u -> u.id).toList(); }

    /**
     * The outcome once both events are dispatched and the gc queue is empty, independent of how
     * it was reached (which handler ran is left out): e.g. "pid 100 REAPED; foo.service dead, freed;
     * PID 1 alive". Compare it across event orders.
     */
    public String outcome() {
        Unit s = units[1];
        return "pid " + PID + " " + taskState() + "; foo.service " + (s.active ? "active" : "dead")
                + (s.freed ? ", freed" : "") + "; system.slice " + (units[0].freed ? "freed" : "alive")
                + "; PID 1 " + (findings.stream().anyMatch(f -> f.contains("SEGV")) ? "crashed (SEGV)" : "alive");
    }

    /** A deep copy at quiescence (no operation running), for exhaustive exploration. */
    public Systemd copy() {
        return new Systemd(this);
    }

    /**
     * A canonical key: equal keys behave the same under every later operation and check. It
     * encodes the kernel side (task state, populated, both pending events), each unit's fields that
     * later steps read (active, realized cgroup, main pid, queue flags, freed), both lookup tables
     * by unit index, both queues in order, and whether a finding was recorded (the invariants read
     * that). Left out: the findings' text, lastSigchld and sigchldEvents (outputs, never read back).
     */
    public int[] stateKey() {
        int[] k = new int[6 + units.length * 6 + 4 + cgroupEmptyQueue.size() + gcQueue.size() + 2];
        int i = 0;
        k[i++] = variant.ordinal();
        k[i++] = taskState;
        k[i++] = populated ? 1 : 0;
        k[i++] = cgroupEventsModified.get() ? 1 : 0;
        k[i++] = sigchldPending.get() ? 1 : 0;
        k[i++] = findings.isEmpty() ? 0 : 1;
        for (Unit u : units) {
            k[i++] = u.active ? 1 : 0;
            k[i++] = u.cgroupRealized ? 1 : 0;
            k[i++] = u.mainPid;
            k[i++] = u.inGcQueue ? 1 : 0;
            k[i++] = u.inCgroupEmptyQueue ? 1 : 0;
            k[i++] = u.freed ? 1 : 0;
        }
        Unit w = watchPids.get(PID);
        k[i++] = w == null ? -1 : w.index;
        Unit c0 = cgroupUnits.get(SLICE_CGROUP);
        Unit c1 = cgroupUnits.get(SERVICE_CGROUP);
        k[i++] = c0 == null ? -1 : c0.index;
        k[i++] = c1 == null ? -1 : c1.index;
        k[i++] = cgroupEmptyQueue.size();
        for (Unit u : cgroupEmptyQueue) {
            k[i++] = u.index;
        }
        k[i++] = gcQueue.size();
        for (Unit u : gcQueue) {
            k[i++] = u.index;
        }
        k[i++] = Integer.MIN_VALUE;
        return java.util.Arrays.copyOf(k, i);
    }

    /** PID 1's view as its engineer reads it; replayed after every step in failure traces. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("PID 1 [").append(variant.label()).append(' ').append(variant.version()).append("]\n");
        sb.append("  kernel: pid ").append(PID).append(' ').append(taskState()).append(" in ").append(SERVICE_CGROUP)
                .append("; cgroup.events populated ").append(populated ? 1 : 0)
                .append("; pending:").append(cgroupEventsModified.get() ? " inotify(cgroup.events)" : "")
                .append(sigchldPending.get() ? " SIGCHLD" : "")
                .append(!cgroupEventsModified.get() && !sigchldPending.get() ? " -" : "").append('\n');
        for (Unit u : units) {
            sb.append(String.format("  %-13s %-7s %-6s cgroup %s%s", u.id, u.type.typeName(),
                    u.active ? "active" : "dead", u.cgroupPath, u.cgroupRealized ? "" : " (released)"));
            if (u.type == UnitType.SERVICE) {
                sb.append("  main pid ").append(u.mainPid == 0 ? "-" : String.valueOf(u.mainPid));
            }
            if (!u.type.hasSigchldEvent()) {
                sb.append("  sigchld_event NULL");
            }
            if (u.freed) {
                sb.append("  FREED");
            }
            sb.append('\n');
        }
        sb.append("  watch_pids: ").append(names(watchPids)).append('\n');
        sb.append("  cgroup_unit: ").append(names(cgroupUnits)).append('\n');
        if (variant.cgroupEmptyQueue()) {
            sb.append("  cgroup_empty_queue: ").append(cgroupEmptyQueue()).append("  ");
        } else {
            sb.append("  ");
        }
        sb.append("gc_queue: ").append(gcQueue()).append('\n');
        sb.append("  last SIGCHLD dispatch: ").append(lastSigchld);
        for (String f : findings) {
            sb.append("\n  FINDING ").append(f);
        }
        return sb.toString();
    }

    private static <K> String names(Map<K, Unit> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Iterator<Map.Entry<K, Unit>> it = m.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, Unit> e = it.next();
            sb.append(e.getKey()).append(" -> ").append(e.getValue().id).append(e.getValue().freed ? " (FREED)" : "");
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append('}').toString();
    }
}
