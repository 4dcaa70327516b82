package dev.kmc.model.systemd;

/**
 * A unit type's vtable ({@code const UnitVTable * const unit_vtable[]}), reduced to the two
 * slots this incident goes through. A slot that is {@code false} is a NULL function pointer.
 */
public enum UnitType {
    /** {@code service_vtable}: {@code .sigchld_event = service_sigchld_event}, {@code .notify_cgroup_empty = service_notify_cgroup_empty_event}. */
    SERVICE("service", true, true),
    /** {@code slice_vtable}: neither slot is set, so {@code sigchld_event} is NULL. */
    SLICE("slice", false, false);

    private final String name;
    private final boolean sigchldEvent;
    private final boolean notifyCgroupEmpty;

    UnitType(String name, boolean sigchldEvent, boolean notifyCgroupEmpty) {
        this.name = name;
        this.sigchldEvent = sigchldEvent;
        this.notifyCgroupEmpty = notifyCgroupEmpty;
    }

    /** "service", "slice". */
    public String typeName() { return name; }

    /** {@code UNIT_VTABLE(u)->sigchld_event != NULL}. */
    public boolean hasSigchldEvent() { return sigchldEvent; }

    /** {@code UNIT_VTABLE(u)->notify_cgroup_empty != NULL}. */
    public boolean hasNotifyCgroupEmpty() { return notifyCgroupEmpty; }
}
