package dev.kmc.model.systemd;

/**
 * What one {@code manager_dispatch_sigchld()} came to for the exiting pid: how the zombie was
 * handled and whether PID 1 survived the handler call.
 */
public enum Sigchld {
    /** No SIGCHLD pending (sd-event would not dispatch the signal source) or waitid() found no zombie. */
    NO_CHILD("no child", false),
    /** Reaped; {@code sigchld_event} ran on the unit that owned the pid (foo.service). */
    DELIVERED("reaped, delivered to the owner", false),
    /** Reaped; the lookup found no unit with a handler (fixed: NULL {@code sigchld_event} skipped), nothing called. */
    DROPPED("reaped, dropped (no unit with a handler)", false),
    /** {@code UNIT_VTABLE(u)->sigchld_event(...)} with a NULL slot: SEGV in PID 1. */
    SEGV_NULL_HANDLER("SEGV: called sigchld_event through NULL", true),
    /** {@code invoke_sigchld_event()} on a unit that {@code unit_free()} released: use after free in PID 1. */
    SEGV_FREED_UNIT("SEGV: called sigchld_event of a freed unit", true),
    /** {@code sigchld_event} ran on a live unit that did not own the pid. */
    MISDELIVERED("reaped, delivered to a unit that did not own the pid", true);

    private final String text;
    private final boolean bug;

    Sigchld(String text, boolean bug) {
        this.text = text;
        this.bug = bug;
    }

    /** The outcome in words. */
    public String text() { return text; }

    /** True for the outcomes that break the property (a crash of PID 1 or a misdelivery). */
    public boolean bug() { return bug; }
}
