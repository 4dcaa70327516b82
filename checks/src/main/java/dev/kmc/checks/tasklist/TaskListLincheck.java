package dev.kmc.checks.tasklist;

import dev.kmc.checks.lincheck.SequentialSpec;
import dev.kmc.model.tasklist.TaskList;
import dev.kmc.model.tasklist.TaskListSubject;
import dev.kmc.model.tasklist.WalkStart;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck operations on one process list, starting empty (init_task only). fork, newThread and
 * exitTask share the non-parallel group "kernel": they serialize on tasklist_lock anyway, and one
 * thread for them keeps pid allocation in a known order. The module's walkFrom runs on any other
 * thread, lockless. The variants are the nested subclasses; the sequential specification is
 * {@link TaskListSpec}, never the port.
 *
 * <p>{@code PreFix} and {@code Fixed} walk with the model's bound ({@link TaskList#WALK_BOUND})
 * and report LOOPED. The {@code KernelLoop} pair has the kernel's loop instead: no bound short of a
 * backstop of {@link #KERNEL_LOOP_BACKSTOP} tasks, far beyond Lincheck's {@code loopBound}, so the
 * model checker sees a loop that does not end and reports the hang; the backstop only keeps plain
 * runs (trace replays) finite.
 */
@Param(name = "pid", gen = IntGen.class, conf = "1:4")
@SequentialSpec(TaskListSpec.class)   // kmc export-test finds the specification here
public abstract class TaskListLincheck {

    /** The kernel-loop classes' bound: 2^16 tasks, a millisecond of plain Java. */
    public static final int KERNEL_LOOP_BACKSTOP = 1 << 16;

    private final TaskListSubject tl;

    protected TaskListLincheck(WalkStart start, int walkBound) {
        tl = new TaskListSubject(new TaskList(start, walkBound));
    }

    @Operation(nonParallelGroup = "kernel")
    public int fork() { return tl.fork(); }

    @Operation(nonParallelGroup = "kernel")
    public int newThread(@Param(name = "pid") int pid) { return tl.newThread(pid); }

    @Operation(nonParallelGroup = "kernel")
    public boolean exitTask(@Param(name = "pid") int pid) { return tl.exitTask(pid); }

    @Operation
    public String walkFrom(@Param(name = "pid") int startPid, @Param(name = "pid") int targetPid) {
        return tl.walkFrom(startPid, targetPid);
    }

    /** The structure, for traces. */
    @Override
    public String toString() { return tl.toString(); }

    /** The module as shipped: walks from &amp;start-&gt;tasks. */
    public static class PreFix extends TaskListLincheck {
        public PreFix() { super(WalkStart.START_TASKS, TaskList.WALK_BOUND); }
    }

    /** for_each_process: walks from &amp;init_task.tasks. */
    public static class Fixed extends TaskListLincheck {
        public Fixed() { super(WalkStart.FOR_EACH_PROCESS, TaskList.WALK_BOUND); }
    }

    /** The module as shipped, with the kernel's unbounded loop. */
    public static class PreFixKernelLoop extends TaskListLincheck {
        public PreFixKernelLoop() { super(WalkStart.START_TASKS, KERNEL_LOOP_BACKSTOP); }
    }

    /** for_each_process, with the kernel's unbounded loop. */
    public static class FixedKernelLoop extends TaskListLincheck {
        public FixedKernelLoop() { super(WalkStart.FOR_EACH_PROCESS, KERNEL_LOOP_BACKSTOP); }
    }
}
