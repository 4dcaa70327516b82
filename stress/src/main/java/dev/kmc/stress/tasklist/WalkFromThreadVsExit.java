package dev.kmc.stress.tasklist;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.kmc.model.tasklist.TaskListSubject;
import dev.kmc.model.tasklist.WalkStart;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/**
 * A racy second way into the incident's loop (kernel-spec C2, "JCStress"): process 4 exits while
 * the module searches for it from thread 2. The incident itself needs no race: its target never
 * existed, and the walk from a non-leader thread loops on its own
 * ({@code TaskListSequenceTest.walkFromAThreadForAPidThatNeverExistedLoopsWithNoExitAtAllBeforeTheFix}).
 * This harness shows that a target which did exist when the search began is no protection.
 * <p>
 * State, built for every sample: fork() = 1; newThread(1) = 2, whose tasks is dup_task_struct's
 * copy of 1's (next = &amp;init_task.tasks, 1 being the last process then) and not on the ring;
 * fork() = 3; fork() = 4, the target. The ring: init_task -&gt; 1 -&gt; 3 -&gt; 4 -&gt; init_task.
 * One actor reaps 4 (release_task: list_del_rcu of its tasks); the other runs the module's search
 * for 4 from thread 2. Before the fix it walks from &amp;2-&gt;tasks: 2, init_task, 1, 3, then 4 if
 * the exit has not unlinked it yet; if it has, the walk circles init_task, 1, 3 and never meets
 * its start again. After the fix it walks from &amp;init_task.tasks and always comes back.
 * <p>
 * Result: r1 = the search's result. Both variants list the same outcomes; ESRCH (thread 2 was
 * made, so the module holds it) is unlisted, hence FORBIDDEN on both.
 * <p>
 * Run alone (both variants): {@code java -cp stress/target/kmc.jar org.openjdk.jcstress.Main
 * -t WalkFromThreadVsExit -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50};
 * {@code -t WalkFromThreadVsExit.PreFix} or {@code .Fixed} for one.
 */
public final class WalkFromThreadVsExit {
    private WalkFromThreadVsExit() { }

    static final int THREAD = 2;
    static final int TARGET = 4;

    static final String FOUND = "FOUND";
    static final String FOUND_DESC = "The walk met process 4 before its exit unlinked it (or on its unlinked entry, "
            + "whose next list_del_rcu keeps): found.";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String NOT_FOUND_DESC = "The exit unlinked process 4 before the walk got there; the walk came back to "
            + "&init_task.tasks and reports it gone. (From thread 2's stale list_head the walk never comes back.)";
    static final String LOOPED = "LOOPED";
    static final String LOOPED_DESC = "The exit unlinked process 4 before the walk got there; the walk from thread 2's "
            + "stale list_head circles init_task, 1, 3 and never meets its start again: the module spins (soft lockup, "
            + "RCU stall), here cut at the step bound.";

    /** What each thread does; the variants only bind the walk's start and grade. */
    abstract static class Race {
        final TaskListSubject tl;

        Race(WalkStart start) {
            tl = new TaskListSubject(start);
            if (tl.fork() != 1 || tl.newThread(1) != THREAD || tl.fork() != 3 || tl.fork() != TARGET) {
                throw new IllegalStateException("expected pids 1 (leader), 2 (its thread), 3, 4, got:\n" + tl);
            }
        }

        /** The target's CPU: process 4 exits and is reaped. */
        final void exitTarget() {
            if (!tl.exitTask(TARGET)) {
                throw new IllegalStateException("release_task(4) refused:\n" + tl);
            }
        }

        /** The module's CPU: the search for process 4 from thread 2. */
        final void walkFromThread(L_Result r) {
            r.r1 = tl.walkFrom(THREAD, TARGET);
        }
    }

    /** The module as shipped: the loop that never ends is the bug, expected here. */
    @JCStressTest
    @State
    @Outcome(id = FOUND, expect = ACCEPTABLE, desc = FOUND_DESC)
    @Outcome(id = NOT_FOUND, expect = ACCEPTABLE, desc = NOT_FOUND_DESC)
    @Outcome(id = LOOPED, expect = ACCEPTABLE_INTERESTING, desc = LOOPED_DESC)
    public static class PreFix extends Race {
        public PreFix() {
            super(WalkStart.START_TASKS);
        }

        @Actor
        public void exiter() {
            exitTarget();
        }

        @Actor
        public void module(L_Result r) {
            walkFromThread(r);
        }
    }

    /** for_each_process: &amp;init_task.tasks is never unlinked, so every walk comes back. */
    @JCStressTest
    @State
    @Outcome(id = FOUND, expect = ACCEPTABLE, desc = FOUND_DESC)
    @Outcome(id = NOT_FOUND, expect = ACCEPTABLE, desc = NOT_FOUND_DESC)
    @Outcome(id = LOOPED, expect = FORBIDDEN, desc = LOOPED_DESC)
    public static class Fixed extends Race {
        public Fixed() {
            super(WalkStart.FOR_EACH_PROCESS);
        }

        @Actor
        public void exiter() {
            exitTarget();
        }

        @Actor
        public void module(L_Result r) {
            walkFromThread(r);
        }
    }
}
