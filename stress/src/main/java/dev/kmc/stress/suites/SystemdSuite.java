package dev.kmc.stress.suites;

import dev.kmc.checks.systemd.SystemdChecks;
import dev.kmc.model.systemd.SystemdVariant;
import dev.kmc.stress.systemd.SystemdRace;
import dev.kmc.stress.runner.Suite;
import java.util.List;

/** systemd PID 1 on cgroup v2: cgroup empty handled before SIGCHLD, then a sigchld_event called through NULL (#6608, PR #6928). */
public final class SystemdSuite implements Suite {
    private static final Variant PRE = new Variant("pre-fix", "systemd v234");
    private static final Variant FIXED = new Variant("fixed", "with PR #6928 (v235)");

    @Override
    public String name() { return "systemd"; }

    @Override
    public String incident() {
        return "systemd PID 1 on cgroup v2 before v235: the inotify \"cgroup empty\" for a unit's last process can be"
                + " handled before its SIGCHLD, so the unit is dead and its cgroup released when SIGCHLD maps the zombie"
                + " to the parent slice and invoke_sigchld_event() calls the slice's NULL sigchld_event: SEGV in PID 1"
                + " (issue #6608, fix PR #6928).";
    }

    @Override
    public String property() {
        return "Whatever the order of the cgroup-empty and SIGCHLD events, PID 1 never calls a sigchld_event through"
                + " NULL or on a freed unit: the SIGCHLD reaches the unit that owned the pid or is dropped, and the zombie"
                + " is reaped exactly once (kernel-spec C3).";
    }

    @Override
    public List<Variant> variants() { return List.of(PRE, FIXED); }

    private static SystemdVariant variant(Variant v) {
        return v == PRE ? SystemdVariant.PRE_FIX : SystemdVariant.FIXED;
    }

    @Override
    public List<ModelCheckRun> modelChecks(Variant v) {
        SystemdVariant x = variant(v);
        return SystemdChecks.ALL.stream().map(m -> new ModelCheckRun(m.id(), m.description(),
                b -> m.run().apply(x, b), m.expectation().apply(x), SystemdChecks.testClass(x))).toList();
    }

    @Override
    public List<StressHarness> stressHarnesses(Variant v) {
        String cls = SystemdRace.class.getName() + (v == PRE ? ".PreFix" : ".Fixed");
        return List.of(new StressHarness(cls, SystemdRace.BUG, "PID 1 called system.slice's NULL sigchld_event after handling cgroup empty before SIGCHLD (SEGV)", v == PRE));
    }
}
