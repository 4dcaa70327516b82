package dev.kmc.model.systemd;

/**
 * A unit type's vtable ({@code const UnitVTable * const unit_vtable[]}), reduced to the slots this
 * incident goes through. A slot that is {@code false} is a NULL function pointer.
 */
public enum UnitType {
    /** {@code scope_vtable} (scope.c v229 l.561-611): {@code .check_gc}, {@code .sigchld_event}, {@code .notify_cgroup_empty} set. */
    SCOPE("scope", true, true),
    /** {@code slice_vtable} (slice.c v229 l.294-339): none of the three is set; {@code sigchld_event} is NULL. */
    SLICE("slice", false, false);

    private final String name;
    private final boolean sigchldEvent;
    private final boolean notifyCgroupEmpty;

    UnitType(String name, boolean sigchldEvent, boolean notifyCgroupEmpty) {
        this.name = name;
        this.sigchldEvent = sigchldEvent;
        this.notifyCgroupEmpty = notifyCgroupEmpty;
    }

    /** "scope", "slice". */
    public String typeName() { return name; }

    /** {@code UNIT_VTABLE(u)->sigchld_event != NULL}. */
    public boolean hasSigchldEvent() { return sigchldEvent; }

    /** {@code UNIT_VTABLE(u)->notify_cgroup_empty != NULL}. */
    public boolean hasNotifyCgroupEmpty() { return notifyCgroupEmpty; }
}
