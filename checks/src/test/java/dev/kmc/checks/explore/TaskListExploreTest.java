package dev.kmc.checks.explore;

import static dev.kmc.checks.explore.ExploreAssertions.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.tasklist.WalkStart;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kmc's explorer on the process list (kernel-spec C2): the dirpro walk on one CPU racing
 * fork/exit on another, every interleaving of their shared accesses. Each test pins the exact
 * verdict per variant: the violation kinds with the length of the shortest interleaving, or
 * "proven ... complete". A pre-fix exploration that finds nothing fails.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TaskListExploreTest {

    static final InterleavingExplorer.Limits LIMITS = InterleavingExplorer.Limits.of(2_000_000, 50_000);

    static final List<String> KERNEL = List.of("fork()", "newThread(1)", "exitTask(1)", "exitTask(2)", "exitTask(3)");
    static final List<String> WALKER = List.of("walkFrom(1, 3)", "walkFrom(2, 3)");

    static InterleavingExplorer.Result explore(WalkStart v, Universe u) {
        InterleavingExplorer.Result r = InterleavingExplorer.explore("tasklist " + u.name() + " [" + v.label() + "]",
                m -> new TaskListMachine(m, v, KERNEL, WALKER), u, LIMITS);
        System.out.println(r.report().lines().limit(6).reduce("", (a, b) -> a + b + "\n")
                + "findings " + shortest(r));
        return r;
    }




    /** The incident's race: the target 3 exits while the module walks from non-leader thread 2. */
    static final Universe INCIDENT = Universe.pinned("thread-walk-vs-exit",
            List.of("fork()", "newThread(1)", "fork()"), List.of(List.of("exitTask(3)"), List.of("walkFrom(2, 3)")));

    /**
     * Tasks 2 and then 1, the leader walked from, exit around the module's walk from 1 for pid 3, which
     * no task has: once 1 is unlinked before the walk is back, its kept ->next leads around a ring it
     * is no longer on.
     */
    static final Universe START_EXITS = Universe.pinned("start-exits",
            List.of("fork()", "fork()"), List.of(List.of("exitTask(2)", "exitTask(1)"), List.of("walkFrom(1, 3)")));

    /** A walk from leader 1, which stays on the ring, racing the fork and the exit of its target 3. */
    static final Universe LEADER_VS_FORK_EXIT = Universe.pinned("leader-walk-vs-fork-exit",
            List.of("fork()", "newThread(1)"), List.of(List.of("fork()", "exitTask(3)"), List.of("walkFrom(1, 3)")));

    /** Open: from init_task alone, any 5 operations of the two alphabets, interleaved access by access. */
    static final Universe OPEN = Universe.open("open-5", 5);

    @Test
    void preFixIncidentRaceLoops() {
        assertFound(explore(WalkStart.START_TASKS, INCIDENT), Map.of("LOOPED walk", 31));
    }

    @Test
    void fixedIncidentRaceIsProven() {
        assertProven(explore(WalkStart.FOR_EACH_PROCESS, INCIDENT));
    }

    @Test
    void preFixStartExitsLoops() {
        assertFound(explore(WalkStart.START_TASKS, START_EXITS), Map.of("LOOPED walk", 43));
    }

    @Test
    void fixedStartExitsIsProven() {
        assertProven(explore(WalkStart.FOR_EACH_PROCESS, START_EXITS));
    }

    @Test
    void bothVariantsWalkFromALeaderRacingForkAndExitAreProven() {
        assertProven(explore(WalkStart.START_TASKS, LEADER_VS_FORK_EXIT));
        assertProven(explore(WalkStart.FOR_EACH_PROCESS, LEADER_VS_FORK_EXIT));
    }

    @Test
    void preFixOpenUniverseLoops() {
        assertFound(explore(WalkStart.START_TASKS, OPEN), Map.of("LOOPED walk", 49));
    }

    @Test
    void fixedOpenUniverseIsProven() {
        assertProven(explore(WalkStart.FOR_EACH_PROCESS, OPEN));
    }
}
