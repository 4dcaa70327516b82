package dev.kmc.checks.tasklist;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.model.tasklist.WalkStart;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The Lincheck checks of the task-list suite (kernel-spec C2), each with its budgets and its
 * expected verdict per variant. JUnit (TaskListLincheckTest) and the kmc runner both run
 * {@link #ALL}.
 *
 * <p>At QUICK the twelve runs (six checks, two variants) take about 30 s in one JVM on a quiet
 * 2-core machine (90 s under load before MemoryLayerGuarantees and the smaller QUICK samples); a
 * pre-fix check finds the loop in under 1 s, a fixed one pays its whole budget.
 *
 * <p>The pinned scenarios are model checked with minimization off: Lincheck would otherwise drop
 * the target's fork and exit and keep a walk for a pid that never existed, the same loop without
 * the race. The random search keeps it on and reports that shortest form.
 */
public final class TaskListChecks {
    private TaskListChecks() { }

    /**
     * Invocations per pinned scenario at QUICK: a pre-fix check finds the loop in its first few dozen; a fixed
     * one pays all 500 (about 3 s each on a quiet 2-core machine, 11 s at 2,000).
     * kmc's explorer proves the fixed variant on the same scenario (every interleaving), so at QUICK Lincheck's
     * share is a sampled cross-check that keeps {@code kmc run --budget quick} within its time target; THOROUGH
     * keeps the large budget.
     */
    static final int QUICK_PINNED_INVOCATIONS = 500;

    /** Invocations per random scenario at QUICK (100 scenarios): the pre-fix loop is found in the first few scenarios. */
    static final int QUICK_RANDOM_INVOCATIONS = 30;

    /**
     * fork() = 1; newThread(1) = 2, whose tasks is a copy of 1's (next = &amp;init_task.tasks, 1 being
     * last then) and not on the ring; fork() = 3, the target.
     */
    public static final String[] THREAD_AND_TARGET = {"fork()", "newThread(1)", "fork()"};

    public static Class<? extends TaskListLincheck> testClass(WalkStart start) {
        return start == WalkStart.START_TASKS ? TaskListLincheck.PreFix.class : TaskListLincheck.Fixed.class;
    }

    public static Class<? extends TaskListLincheck> kernelLoopClass(WalkStart start) {
        return start == WalkStart.START_TASKS ? TaskListLincheck.PreFixKernelLoop.class : TaskListLincheck.FixedKernelLoop.class;
    }

    private static String name(String check, WalkStart variant) {
        return "tasklist/" + check + " [" + variant.label() + "]";
    }

    private static ModelCheckingOptions pinnedOptions(ExecutionScenario scenario, Budget budget) {
        return Scenarios.pinned(new ModelCheckingOptions(), budget == Budget.QUICK ? QUICK_PINNED_INVOCATIONS : 50_000, scenario)
                .minimizeFailedScenario(false)
                .sequentialSpecification(TaskListSpec.class);
    }

    private static Expectation preFixOnly(WalkStart start, Expectation onPreFix) {
        return start == WalkStart.START_TASKS ? onPreFix : Expectation.clean();
    }

    // ---- 1. pinned scenarios ----------------------------------------------------------------

    /** The incident: the target exits while the module walks from non-leader thread 2. */
    public static ExecutionScenario threadScenario(Class<?> testClass) {
        return Scenarios.of(testClass).init(THREAD_AND_TARGET).thread("exitTask(3)").thread("walkFrom(2, 3)").build();
    }

    public static LincheckVerdict pinned(WalkStart start, Budget budget) {
        return LincheckRunner.run(name("pinned-mc", start), pinnedOptions(threadScenario(testClass(start)), budget),
                testClass(start));
    }

    /** The same race walked from leader 1, which stays on the ring: both variants terminate. */
    public static LincheckVerdict pinnedLeader(WalkStart start, Budget budget) {
        ExecutionScenario s = Scenarios.of(testClass(start)).init(THREAD_AND_TARGET)
                .thread("exitTask(3)").thread("walkFrom(1, 3)").build();
        return LincheckRunner.run(name("pinned-leader-mc", start), pinnedOptions(s, budget), testClass(start));
    }

    /**
     * The start is a leader: the target 2 exits, then the start 1, around the module's walk from 1
     * (its reference keeps 1's task_struct, not 1's place on the ring). Whether the walk examined 1
     * before 1 was reaped or not, it goes on along 1->next = &amp;init_task.tasks, whose next is
     * itself: checking the start with pid_alive and thread_group_leader first would not help.
     */
    public static ExecutionScenario startExitsScenario(Class<?> testClass) {
        return Scenarios.of(testClass).init("fork()", "fork()")
                .thread("exitTask(2)", "exitTask(1)").thread("walkFrom(1, 2)").build();
    }

    public static LincheckVerdict pinnedStartExits(WalkStart start, Budget budget) {
        return LincheckRunner.run(name("pinned-start-exits-mc", start),
                pinnedOptions(startExitsScenario(testClass(start)), budget), testClass(start));
    }

    /**
     * The incident's scenario on the kernel's unbounded loop: the model checker must call the
     * pre-fix walk hung. Its loopBound (12) is above any terminating walk here, which examines at
     * most 4 tasks, and far below the backstop.
     *
     * <p>Lincheck 3.7's loop detector (BoundedLoopDetector) counts back-edges of every loop in
     * every instrumented method, not only the port's: it switches threads every
     * {@code loopIterationsBeforeThreadSwitch} iterations and calls a loop stuck at
     * {@code loopBound}. Through the memory layer a store of a pointer to a non-cell object
     * (a list_head, a task_struct) runs {@code Memory.addrOf}, a scan of the registered objects of
     * up to 2 * pid + 3 iterations (9 for pid 3, the highest here). With the threshold at 3, as it
     * was before the port moved onto the layer, those scans in exitTask count as active locks,
     * Lincheck preempts inside them, and the run ends after one interleaving (the walk first,
     * FOUND) and passes: the exit-first order that hangs is never tried. So the threshold stays at
     * Lincheck's default, 10, above every scan of this scenario; the walk still hits loopBound and
     * is reported hung, and the fixed variant's walks end well before it.
     */
    public static LincheckVerdict livelock(WalkStart start, Budget budget) {
        ModelCheckingOptions o = pinnedOptions(threadScenario(kernelLoopClass(start)), budget)
                .loopBound(12)
                .loopIterationsBeforeThreadSwitch(10);
        return LincheckRunner.run(name("livelock-mc", start), o, kernelLoopClass(start));
    }

    // ---- 2. random scenarios ----------------------------------------------------------------

    /**
     * Random scenarios, model checked: the "kernel" thread and a walker, one operation each. One
     * operation per thread because fork is not atomic to readers: copy_process links a new leader
     * into the process list before attach_pid makes it findable by pid (and so before the module
     * can hold it), so two walks in a row on one thread can find the new process and then fail to
     * start from it, which no order of whole operations explains. That is real, benign kernel
     * behaviour, not this incident.
     */
    public static LincheckVerdict random(WalkStart start, Budget budget) {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .threads(2)
                .iterations(budget == Budget.QUICK ? 100 : 3000)
                .invocationsPerIteration(budget == Budget.QUICK ? QUICK_RANDOM_INVOCATIONS : 1000)
                .actorsBefore(4)
                .actorsPerThread(1)
                .actorsAfter(1)
                .sequentialSpecification(TaskListSpec.class);
        return LincheckRunner.run(name("random-mc", start), o, testClass(start));
    }

    // ---- 3. stress mode ---------------------------------------------------------------------

    /** Real threads on the two racing pinned scenarios (stress mode reports results only, no trace). */
    public static LincheckVerdict stress(WalkStart start, Budget budget) {
        StressOptions o = Scenarios.pinned(new StressOptions(), budget == Budget.QUICK ? 3000 : 100_000,
                        threadScenario(testClass(start)), startExitsScenario(testClass(start)))
                .minimizeFailedScenario(false)
                .sequentialSpecification(TaskListSpec.class);
        return LincheckRunner.run(name("stress", start), o, testClass(start));
    }

    /** Every Lincheck check of the suite with its expected verdict per variant. */
    public static final List<ModelCheck<WalkStart>> ALL = List.of(
            new ModelCheck<>("pinned-mc", "target exits while the module walks from a non-leader thread; model checking",
                    TaskListChecks::pinned,
                    s -> preFixOnly(s, Expectation.bug("IncorrectResultsFailure",
                            "= Invalid execution results =", "exitTask(3): true", "walkFrom(2, 3): LOOPED"))),
            new ModelCheck<>("pinned-leader-mc", "the same race walked from a leader; model checking",
                    TaskListChecks::pinnedLeader,
                    s -> Expectation.clean()),
            new ModelCheck<>("pinned-start-exits-mc", "target, then the leader walked from, exit during the walk; model checking",
                    TaskListChecks::pinnedStartExits,
                    s -> preFixOnly(s, Expectation.bug("IncorrectResultsFailure",
                            "= Invalid execution results =", "exitTask(1): true", "walkFrom(1, 2): LOOPED"))),
            new ModelCheck<>("livelock-mc", "the pinned race on the kernel's unbounded loop; model checking",
                    TaskListChecks::livelock,
                    s -> preFixOnly(s, Expectation.bug("ManagedLivelockFailure",
                            "= The execution has hung =", "walkFrom(2, 3): <hung>"))),
            new ModelCheck<>("random-mc", "random scenarios, kernel thread vs walker; model checking",
                    TaskListChecks::random,
                    s -> preFixOnly(s, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =", ": LOOPED"))),
            new ModelCheck<>("stress", "pinned races on real threads; Lincheck stress mode",
                    TaskListChecks::stress,
                    s -> preFixOnly(s, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =", ": LOOPED")))
    );

    public static ModelCheck<WalkStart> byId(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no task-list check '" + id + "'"));
    }
}
