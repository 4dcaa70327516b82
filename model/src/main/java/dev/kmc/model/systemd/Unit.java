package dev.kmc.model.systemd;

/**
 * {@code struct Unit} (plus the {@code Service} fields that matter): owned by PID 1's thread;
 * only {@link Systemd}'s pid1 operations read or write it.
 */
public final class Unit {
    /** Index in {@link Systemd}'s unit table: names a unit by position in state keys. */
    final int index;
    /** {@code u->id}, e.g. "foo.service". */
    final String id;
    final UnitType type;
    /** {@code u->cgroup_path}, e.g. "/system.slice/foo.service". */
    final String cgroupPath;

    /** {@code unit_active_state(u)}: true while active, false once it went inactive (dead). */
    boolean active = true;
    /** {@code u->cgroup_realized}: the path is in {@code m->cgroup_unit} and its cgroup.events is watched. */
    boolean cgroupRealized = true;
    /** {@code SERVICE(u)->main_pid}, 0 when unset (services only). */
    int mainPid;
    /** {@code u->in_gc_queue}. */
    boolean inGcQueue;
    /** {@code u->in_cgroup_empty_queue} (fixed variant only). */
    boolean inCgroupEmptyQueue;
    /** {@code unit_free(u)} ran: the memory is gone. Kept in the model only to detect use after free. */
    boolean freed;
    /** How often {@code sigchld_event} ran on this unit (statistics: never read by the port). */
    int sigchldEvents;

    Unit(int index, String id, UnitType type, String cgroupPath, int mainPid) {
        this.index = index;
        this.id = id;
        this.type = type;
        this.cgroupPath = cgroupPath;
        this.mainPid = mainPid;
    }

    Unit copy() {
        Unit u = new Unit(index, id, type, cgroupPath, mainPid);
        u.active = active;
        u.cgroupRealized = cgroupRealized;
        u.inGcQueue = inGcQueue;
        u.inCgroupEmptyQueue = inCgroupEmptyQueue;
        u.freed = freed;
        u.sigchldEvents = sigchldEvents;
        return u;
    }

    public String id() { return id; }

    public UnitType type() { return type; }

    public boolean active() { return active; }

    public boolean freed() { return freed; }

    public int mainPid() { return mainPid; }

    public int sigchldEvents() { return sigchldEvents; }

    @Override
    public String toString() { return id; }
}
