package dev.kmc.checks.tasklist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.tasklist.ListHead;
import dev.kmc.model.tasklist.TaskList;
import dev.kmc.model.tasklist.TaskListInvariants;
import dev.kmc.model.tasklist.TaskListSubject;
import dev.kmc.model.tasklist.TaskStruct;
import dev.kmc.model.tasklist.WalkStart;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deterministic sequences of kernel-spec C2, with the invariants checked after every step. */
class TaskListSequenceTest {

    /** Runs one step and checks the structural and the termination invariants after it. */
    private static void step(TaskListSubject s, String what, Consumer<TaskListSubject> op) {
        op.accept(s);
        String v = violation(s.taskList());
        if (v != null) {
            throw new AssertionError("after " + what + ": invariant violated: " + v + "\n" + s);
        }
    }

    private static String violation(TaskList tl) {
        String v = TaskListInvariants.firstViolation(tl);
        return v != null ? v : TaskListInvariants.terminationViolation(tl);
    }

    /** fork() = 1, newThread(1) = 2, fork() = 3: the state of the pinned Lincheck scenario. */
    private static TaskListSubject threadAndTarget(WalkStart start) {
        TaskListSubject s = new TaskListSubject(start);
        step(s, "fork", t -> assertEquals(1, t.fork()));
        step(s, "newThread(1)", t -> assertEquals(2, t.newThread(1)));
        step(s, "fork", t -> assertEquals(3, t.fork()));
        return s;
    }

    @Test
    void aNonLeaderThreadsTasksIsAStaleCopyOffTheRing() {
        TaskListSubject s = threadAndTarget(WalkStart.START_TASKS);
        TaskList tl = s.taskList();
        TaskStruct leader = tl.task(1);
        TaskStruct thread = tl.task(2);
        assertFalse(thread.threadGroupLeader());
        assertSame(leader, thread.groupLeader());
        assertEquals(1, thread.tgid());
        // dup_task_struct copied 1's tasks when 1 was the last process: both pointers name the head
        assertSame(tl.initTask().tasks(), thread.tasks().next(), s.toString());
        assertSame(tl.initTask().tasks(), thread.tasks().prev(), s.toString());
        assertFalse(tl.onRing(thread.tasks()), s.toString());
        assertSame(tl.task(3).tasks(), leader.tasks().next(), "the ring moved on: 1 -> 3\n" + s);
    }

    /** The incident, one step at a time: from thread 2 the search ends only at the target; once it has exited, never. */
    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void walkFromAThreadLoopsOnceTheTargetHasExitedBeforeTheFix(WalkStart start) {
        TaskListSubject s = threadAndTarget(start);
        assertEquals("FOUND", s.walkFrom(2, 3), s.toString());
        step(s, "exitTask(3)", t -> assertTrue(t.exitTask(3)));
        assertEquals(start == WalkStart.START_TASKS ? "LOOPED" : "NOT_FOUND", s.walkFrom(2, 3), s.toString());
        assertEquals(start == WalkStart.START_TASKS ? "LOOPED" : "NOT_FOUND", s.walkFrom(2, 7), "a pid that never existed\n" + s);
        assertEquals("FOUND", s.walkFrom(2, 1), "its own process is found on both\n" + s);
    }

    /**
     * The seed's reproducer, exactly: process 1 (a.out) creates thread 2 with pthread_create, and
     * thread 2 calls kill(11111, 0); pid 11111 never existed. Nothing exits and nothing runs
     * alongside: the module's walk from current (thread 2), whose tasks is dup_task_struct's copy
     * and not on the ring, can meet neither its start nor the target. Issue 11: no exit race is
     * needed for the endless loop.
     */
    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void walkFromAThreadForAPidThatNeverExistedLoopsWithNoExitAtAllBeforeTheFix(WalkStart start) {
        TaskListSubject s = threadAndTarget(start);
        assertEquals(3, s.taskList().lastPid(), "no exit, no other activity: only forks and one clone");
        assertEquals(start == WalkStart.START_TASKS ? "LOOPED" : "NOT_FOUND", s.walkFrom(2, 11111), s.toString());
        assertEquals(start == WalkStart.START_TASKS ? "LOOPED" : "NOT_FOUND", s.walkFrom(2, 11111),
                "deterministic: the same walk loops again, nothing changed\n" + s);
        assertEquals("NOT_FOUND", s.walkFrom(1, 11111), "from the leader, which is on the ring, it ends on both\n" + s);
    }

    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void walkFromALeaderTerminatesOnBoth(WalkStart start) {
        TaskListSubject s = threadAndTarget(start);
        assertEquals("FOUND", s.walkFrom(1, 3));
        assertEquals("NOT_FOUND", s.walkFrom(1, 2), "2 is a thread, not a process");
        step(s, "exitTask(3)", t -> assertTrue(t.exitTask(3)));
        assertEquals("NOT_FOUND", s.walkFrom(1, 3), s.toString());
        assertEquals("ESRCH", s.walkFrom(4, 1), "no task 4 was ever made");
    }

    @Test
    void listDelRcuKeepsNextAndPoisonsPrev() {
        TaskListSubject s = threadAndTarget(WalkStart.START_TASKS);
        TaskList tl = s.taskList();
        step(s, "exitTask(3)", t -> assertTrue(t.exitTask(3)));
        ListHead gone = tl.task(3).tasks();
        assertSame(tl.initTask().tasks(), gone.next(), "->next is kept for walkers still on 3\n" + s);
        assertSame(ListHead.LIST_POISON2, gone.prev(), s.toString());
        assertSame(tl.initTask().tasks(), tl.task(1).tasks().next(), "the ring is init_task -> 1 again\n" + s);
        assertNull(tl.findTaskByVpid(3));
        assertFalse(s.exitTask(3), "a reaped task cannot be reaped again");
    }

    @Test
    void aLeaderIsReapedOnlyAfterItsThreads() {
        TaskListSubject s = threadAndTarget(WalkStart.FOR_EACH_PROCESS);
        step(s, "exitTask(1)", t -> assertFalse(t.exitTask(1), "thread 2 is still hashed"));
        step(s, "exitTask(2)", t -> assertTrue(t.exitTask(2)));
        assertTrue(s.taskList().onRing(s.taskList().task(1).tasks()), "a thread's exit leaves the ring alone\n" + s);
        step(s, "exitTask(1)", t -> assertTrue(t.exitTask(1)));
        assertEquals(-1, s.newThread(1), "a reaped task clones nothing");
    }

    /**
     * The start is a reaped leader ("already unhashed"): 2 exits, then 1, and the module still
     * holds 1. Its frozen next is &amp;init_task.tasks, whose next is itself: the walk circles the
     * empty head. The loop examines its start first, so the stale start also "finds" its own
     * reaped process.
     */
    @ParameterizedTest
    @EnumSource(WalkStart.class)
    void walkFromAReapedLeaderLoopsBeforeTheFix(WalkStart start) {
        TaskListSubject s = new TaskListSubject(start);
        step(s, "fork", t -> assertEquals(1, t.fork()));
        step(s, "fork", t -> assertEquals(2, t.fork()));
        step(s, "exitTask(2)", t -> assertTrue(t.exitTask(2)));
        step(s, "exitTask(1)", t -> assertTrue(t.exitTask(1)));
        TaskList tl = s.taskList();
        assertSame(tl.initTask().tasks(), tl.initTask().tasks().next(), "no process is left\n" + s);
        boolean pre = start == WalkStart.START_TASKS;
        assertEquals(pre ? "LOOPED" : "NOT_FOUND", s.walkFrom(1, 2), s.toString());
        assertEquals(pre ? "FOUND" : "NOT_FOUND", s.walkFrom(1, 1), s.toString());
    }

    @Test
    void forkFailsOncePidMaxIsReached() {
        TaskListSubject s = new TaskListSubject(WalkStart.FOR_EACH_PROCESS);
        for (int pid = 1; pid <= TaskList.PID_MAX; pid++) {
            int want = pid;
            step(s, "fork", t -> assertEquals(want, t.fork()));
        }
        assertEquals(-1, s.fork());
        assertEquals(-1, s.newThread(1));
        assertEquals("FOUND", s.walkFrom(1, TaskList.PID_MAX), "a full ring is walked within the bound\n" + s);
    }

    /**
     * Every state reachable with pids 1..4 by fork, newThread and exitTask, both variants side by
     * side: the invariants hold; the fixed search answers as the specification does; the pre-fix
     * search agrees with it from a start on the ring and, from one off the ring, never comes back:
     * FOUND for a live process, LOOPED for a target no task ever had as its tgid.
     */
    @Test
    void everyReachableStateKeepsTheInvariantsAndLoopsExactlyOffTheRing() {
        int maxPid = 4;
        ArrayDeque<TaskListSubject[]> todo = new ArrayDeque<>();
        todo.add(new TaskListSubject[] {new TaskListSubject(WalkStart.START_TASKS), new TaskListSubject(WalkStart.FOR_EACH_PROCESS)});
        Set<List<Integer>> seen = new HashSet<>();
        int loops = 0;
        while (!todo.isEmpty()) {
            TaskListSubject[] pair = todo.poll();
            if (!seen.add(Arrays.stream(pair[0].stateKey()).boxed().toList())) {
                continue;
            }
            TaskList pre = pair[0].taskList();
            TaskList fixed = pair[1].taskList();
            int[] k0 = pair[0].stateKey();
            int[] k1 = pair[1].stateKey();
            assertArrayEquals(Arrays.copyOfRange(k0, 1, k0.length), Arrays.copyOfRange(k1, 1, k1.length), "the variants share every state");
            assertNull(violation(pre), pre.toString());
            assertNull(violation(fixed), fixed.toString());
            for (int startPid = 1; startPid <= maxPid + 1; startPid++) {
                for (int target = 1; target <= maxPid + 1; target++) {
                    TaskStruct start = pre.task(startPid);
                    TaskStruct t = pre.task(target);
                    boolean live = t != null && t.threadGroupLeader() && pre.hashed(t);
                    String want = start == null ? "ESRCH" : live ? "FOUND" : "NOT_FOUND";
                    String where = "walkFrom(" + startPid + ", " + target + ") in\n" + pre;
                    assertEquals(want, pair[1].walkFrom(startPid, target), where);
                    String got = pair[0].walkFrom(startPid, target);
                    if (start == null || pre.onRing(start.tasks())) {
                        assertEquals(want, got, where);
                    } else {
                        assertNotEquals("NOT_FOUND", got, where);
                        if (live) assertEquals("FOUND", got, where);
                        if (t == null || !t.threadGroupLeader()) assertEquals("LOOPED", got, where);
                        loops += got.equals("LOOPED") ? 1 : 0;
                    }
                }
            }
            for (String op : ops(pre.lastPid(), maxPid)) {
                TaskListSubject[] next = {pair[0].copy(), pair[1].copy()};
                assertArrayEquals(pair[0].stateKey(), next[0].stateKey());
                assertEquals(apply(next[0], op), apply(next[1], op), op);
                todo.add(next);
            }
            assertArrayEquals(pair[0].stateKey(), pair[0].copy().stateKey(), "the copies' steps left the original alone");
        }
        assertEquals(532, seen.size(), "distinct states with pids 1..4");
        assertTrue(loops > 0);
    }

    private static List<String> ops(int lastPid, int maxPid) {
        List<String> ops = new ArrayList<>();
        if (lastPid < maxPid) {
            ops.add("fork");
            for (int p = 1; p <= lastPid; p++) ops.add("newThread " + p);
        }
        for (int p = 1; p <= lastPid; p++) ops.add("exitTask " + p);
        return ops;
    }

    private static String apply(TaskListSubject s, String op) {
        String[] w = op.split(" ");
        return switch (w[0]) {
            case "fork" -> String.valueOf(s.fork());
            case "newThread" -> String.valueOf(s.newThread(Integer.parseInt(w[1])));
            default -> String.valueOf(s.exitTask(Integer.parseInt(w[1])));
        };
    }

    @Test
    void toStringSpeaksTheKernelVocabulary() {
        TaskListSubject s = threadAndTarget(WalkStart.START_TASKS);
        s.exitTask(3);
        String text = s.toString();
        assertTrue(text.contains("tasklist [pre-fix: from &start->tasks] walk bound 9"), text);
        assertTrue(text.contains("ring: init_task -> 1 -> init_task"), text);
        assertTrue(text.contains("NOT on the ring (stale copy)"), text);
        assertTrue(text.contains("unlinked (list_del_rcu)"), text);
        assertTrue(text.contains("prev LIST_POISON2"), text);
    }
}
