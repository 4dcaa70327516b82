package dev.kmc.stress.suites;

import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.checks.tasklist.TaskListChecks;
import dev.kmc.model.tasklist.WalkStart;
import dev.kmc.stress.runner.Suite;
import java.util.List;

/** A module walking the Linux process list from a task that is not on it (kernel-spec C2), and the for_each_process fix. */
public final class TaskListSuite implements Suite {

    private static final Variant PRE = new Variant("pre-fix", "dirpro walks from &start->tasks");
    private static final Variant FIXED = new Variant("fixed", "dirpro walks with for_each_process");

    @Override
    public String name() { return "tasklist"; }

    @Override
    public String incident() {
        return "The dirpro module searched the Linux process list (init_task.tasks) from &start->tasks; from a non-leader"
                + " thread, or a reaped task, that list_head is not on the ring, so once the target had exited the loop never"
                + " ended: soft lockup and RCU stall (fix: for_each_process, from &init_task.tasks).";
    }

    @Override
    public String property() {
        return "The module's search always returns: FOUND iff the target is a live process, else NOT_FOUND"
                + " (a traversal terminates iff its start node is on the ring).";
    }

    @Override
    public List<Variant> variants() { return List.of(PRE, FIXED); }

    private static WalkStart start(Variant v) {
        return v == PRE ? WalkStart.START_TASKS : WalkStart.FOR_EACH_PROCESS;
    }

    @Override
    public List<ModelCheckRun> modelChecks(Variant v) {
        WalkStart s = start(v);
        return TaskListChecks.ALL.stream().map((ModelCheck<WalkStart> m) -> new ModelCheckRun(
                m.id(), m.description(), b -> m.run().apply(s, b), m.expectation().apply(s),
                m.id().equals("livelock-mc") ? TaskListChecks.kernelLoopClass(s) : TaskListChecks.testClass(s))).toList();
    }

    /** The module's search never came back (result field 1). */
    private static final String LOOPED = "LOOPED";

    @Override
    public List<StressHarness> stressHarnesses(Variant v) {
        return List.of(new StressHarness("dev.kmc.stress.tasklist.WalkFromThreadVsExit." + (v == PRE ? "PreFix" : "Fixed"),
                LOOPED, "the module's walk from thread 2 never comes back after process 4 was unlinked", v == PRE));
    }
}
