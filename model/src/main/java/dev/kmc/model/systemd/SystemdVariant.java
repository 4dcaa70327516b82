package dev.kmc.model.systemd;

/**
 * The one place where the pre-fix and the fixed port differ: the two hunks of systemd PR #6928
 * ("rework cgroup empty notification handling", merged for v235) that matter to issue #6608.
 * Everything else in {@link Systemd} is shared.
 */
public enum SystemdVariant {
    /**
     * systemd v234: {@code on_cgroup_inotify_event()} calls {@code unit_notify_cgroup_empty()}
     * right away, and {@code invoke_sigchld_event()} calls {@code UNIT_VTABLE(u)->sigchld_event}
     * without looking at it.
     */
    PRE_FIX("pre-fix", "systemd v234", false, false),
    /**
     * With PR #6928 (v235): the inotify handler only calls {@code unit_add_to_cgroup_empty_queue()};
     * the queue is dispatched by {@code on_cgroup_empty_event()}, a defer source at
     * SD_EVENT_PRIORITY_NORMAL-5, after SIGCHLD (NORMAL-7); and {@code invoke_sigchld_event()}
     * calls the handler only {@code if (UNIT_VTABLE(u)->sigchld_event)}.
     */
    FIXED("fixed", "with PR #6928 (v235)", true, true);

    private final String label;
    private final String version;
    private final boolean cgroupEmptyQueue;
    private final boolean sigchldEventChecked;

    SystemdVariant(String label, String version, boolean cgroupEmptyQueue, boolean sigchldEventChecked) {
        this.label = label;
        this.version = version;
        this.cgroupEmptyQueue = cgroupEmptyQueue;
        this.sigchldEventChecked = sigchldEventChecked;
    }

    public String label() { return label; }

    /** "systemd v234" or "with PR #6928 (v235)". */
    public String version() { return version; }

    /** PR #6928 hunk 1: cgroup-empty goes through {@code cgroup_empty_queue} (else: handled in the inotify callback). */
    boolean cgroupEmptyQueue() { return cgroupEmptyQueue; }

    /** PR #6928 hunk 2: {@code invoke_sigchld_event()} checks {@code UNIT_VTABLE(u)->sigchld_event} before calling it. */
    boolean sigchldEventChecked() { return sigchldEventChecked; }
}
