package dev.kmc.model.systemd;

/** What one SIGCHLD dispatch of PID 1 came to for the orphan. */
public enum Sigchld {
    /** No SIGCHLD queued (sd-event would not dispatch the signal source), or waitid() found no zombie. */
    NO_CHILD("no child", false),
    /** Reaped; {@code scope_sigchld_event} ran on session-2.scope, whose cgroup the orphan died in. */
    DELIVERED("reaped, delivered to the scope", false),
    /** Reaped; the lookup reached user-1000.slice, whose NULL {@code sigchld_event} e57051f5 skips. */
    DROPPED("reaped, dropped at the slice (NULL sigchld_event skipped)", false),
    /** {@code UNIT_VTABLE(u)->sigchld_event(...)} with the slot NULL: SEGV in PID 1, which enters crash() and freezes. */
    SEGV_NULL_HANDLER("SEGV: called sigchld_event through NULL", true),
    /** PID 1 is frozen in crash() → freeze(): the event loop no longer runs, nothing is dispatched. */
    FROZEN("PID 1 frozen: nothing dispatched", true);

    private final String text;
    private final boolean bug;

    Sigchld(String text, boolean bug) {
        this.text = text;
        this.bug = bug;
    }

    /** The outcome in words. */
    public String text() { return text; }

    /** True for the outcomes of a crashed PID 1. */
    public boolean bug() { return bug; }
}
