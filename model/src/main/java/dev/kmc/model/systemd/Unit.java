package dev.kmc.model.systemd;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.Word;

/**
 * {@code struct Unit} (plus {@code Scope.state} / {@code Slice.state}), reduced to the fields this
 * incident reads and writes. Every mutable field is a cell of the port's {@link Memory}, touched
 * only by PID 1's thread (so each is {@code cpuPrivate()}): the event sources that reach it are
 * PID 1's own dispatches, one at a time.
 */
public final class Unit {
    // ScopeState (scope.h v229): SCOPE_DEAD, SCOPE_RUNNING, SCOPE_ABANDONED, SCOPE_STOP_SIGTERM, SCOPE_STOP_SIGKILL, SCOPE_FAILED
    static final long SCOPE_DEAD = 0, SCOPE_RUNNING = 1, SCOPE_ABANDONED = 2, SCOPE_STOP_SIGTERM = 3,
            SCOPE_STOP_SIGKILL = 4, SCOPE_FAILED = 5;
    private static final String[] SCOPE_STATES = {"dead", "running", "abandoned", "stop-sigterm", "stop-sigkill", "failed"};
    // SliceState (slice.h v229): SLICE_DEAD, SLICE_ACTIVE
    static final long SLICE_DEAD = 0, SLICE_ACTIVE = 1;
    private static final String[] SLICE_STATES = {"dead", "active"};
    // u->job: none, or a JOB_STOP job waiting in the run queue
    static final long NO_JOB = 0, JOB_STOP = 1;

    /** Index in {@link Systemd}'s unit table. */
    final int index;
    /** {@code u->id}, e.g. "session-2.scope". */
    final String id;
    final UnitType type;
    /** The cgroup path this unit realized (the value {@link #cgroupPath} points to while set). */
    final String path;
    /** The inotify watch descriptor its cgroup.events got when realized. */
    final long wd;

    /** {@code SCOPE(u)->state} or {@code SLICE(u)->state}. */
    final Word state;
    /** {@code u->cgroup_path}: NULL once {@code unit_release_cgroup()} ran. */
    final Ptr<String> cgroupPath;
    /** {@code u->cgroup_inotify_wd}, -1 when not watched. */
    final Word cgroupInotifyWd;
    /** {@code u->pids}. */
    final PidSet pids;
    /** {@code u->in_gc_queue}. */
    final Word inGcQueue;
    /** {@code u->job}: NO_JOB or JOB_STOP. */
    final Word job;
    /** {@code unit_free(u)} ran. Kept in the model only to detect a freed unit left in a table. */
    final Word freed;
    /** How often {@code sigchld_event} ran on this unit (statistics, never read by the port). */
    final Word sigchldEvents;

    Unit(Memory mem, int index, String id, UnitType type, String path, long wd, long state, long... pids) {
        this.index = index;
        this.id = id;
        this.type = type;
        this.path = path;
        this.wd = wd;
        mem.register(this);
        mem.register(path);
        this.state = mem.word(id + "->state", state).cpuPrivate();
        this.cgroupPath = mem.ptr(id + "->cgroup_path", path).cpuPrivate();
        this.cgroupInotifyWd = mem.word(id + "->cgroup_inotify_wd", wd).cpuPrivate();
        this.pids = new PidSet(mem, id + "->pids", Systemd.PIDS, pids);
        this.inGcQueue = mem.word(id + "->in_gc_queue", 0).cpuPrivate();
        this.job = mem.word(id + "->job", NO_JOB).cpuPrivate();
        this.freed = mem.word(id + " freed", 0).cpuPrivate();
        this.sigchldEvents = mem.word(id + " sigchld_event calls", 0).cpuPrivate();
    }

    /** {@code UNIT_IS_INACTIVE_OR_FAILED(unit_active_state(u))} for a unit state value of this type. */
    boolean inactiveOrFailed(long s) {
        return type == UnitType.SCOPE ? s == SCOPE_DEAD || s == SCOPE_FAILED : s == SLICE_DEAD;
    }

    public String id() { return id; }

    public UnitType type() { return type; }

    /** The state's name as systemctl shows the sub-state: "abandoned", "dead", "active", ... */
    public String stateName() {
        int s = (int) state.peek();
        return type == UnitType.SCOPE ? SCOPE_STATES[s] : SLICE_STATES[s];
    }

    /** Not inactive or failed. */
    public boolean active() { return !inactiveOrFailed(state.peek()); }

    public boolean freed() { return freed.peek() != 0; }

    /** True while the unit is in the gc queue (manager_loop() has not looked at it yet). */
    public boolean inGcQueue() { return inGcQueue.peek() != 0; }

    /** {@code u->cgroup_path != NULL}. */
    public boolean cgroupRealized() { return cgroupPath.peek() != 0; }

    public int sigchldEvents() { return (int) sigchldEvents.peek(); }

    /** True if a stop job is queued and has not run. */
    public boolean stopJobQueued() { return job.peek() == JOB_STOP; }

    @Override
    public String toString() { return id; }
}
