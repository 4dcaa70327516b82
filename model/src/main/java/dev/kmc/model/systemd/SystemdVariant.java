package dev.kmc.model.systemd;

/**
 * The one place where the pre-fix and the fixed port differ: the single hunk of systemd commit
 * e57051f542080a4ec1d9e4e1c428b39defe9f098 (Tejun Heo, 2016-03-25, "core: update
 * invoke_sigchld_event() to handle NULL ->sigchld_event()", PR #2903, first released in v230).
 * Everything else in {@link Systemd} is shared.
 */
public enum SystemdVariant {
    /**
     * systemd v229 as run on Linux 4.5 with cgroup2: the tree ab2c3861dc (= e57051f5^, v229 plus the
     * cgroup2 commits 099619957a and ab2c3861dc; every function ported here is as in v229).
     * {@code invoke_sigchld_event()} (manager.c v229 l.1626-1635) calls
     * {@code UNIT_VTABLE(u)->sigchld_event} without looking at it.
     */
    PRE_FIX("pre-fix", "systemd v229 (ab2c3861dc = e57051f5^)", false),
    /** With e57051f5: {@code if (UNIT_VTABLE(u)->sigchld_event) UNIT_VTABLE(u)->sigchld_event(...)}. */
    FIXED("fixed", "systemd e57051f5 (v230)", true);

    private final String label;
    private final String version;
    private final boolean sigchldEventChecked;

    SystemdVariant(String label, String version, boolean sigchldEventChecked) {
        this.label = label;
        this.version = version;
        this.sigchldEventChecked = sigchldEventChecked;
    }

    public String label() { return label; }

    /** "systemd v229 (ab2c3861dc = e57051f5^)" or "systemd e57051f5 (v230)". */
    public String version() { return version; }

    /** e57051f5: {@code invoke_sigchld_event()} checks {@code UNIT_VTABLE(u)->sigchld_event} before calling it. */
    boolean sigchldEventChecked() { return sigchldEventChecked; }
}
