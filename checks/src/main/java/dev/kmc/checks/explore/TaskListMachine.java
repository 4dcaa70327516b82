package dev.kmc.checks.explore;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;
import dev.kmc.model.tasklist.TaskList;
import dev.kmc.model.tasklist.TaskListInvariants;
import dev.kmc.model.tasklist.TaskListSubject;
import dev.kmc.model.tasklist.WalkStart;
import java.util.List;

/**
 * The process list (kernel-spec C2) for kmc's explorer: cpu0 is "the kernel", a CPU running
 * fork/clone/exit ({@code fork()}, {@code newThread(p)}, {@code exitTask(p)}; they serialize on
 * tasklist_lock), cpu1 the dirpro module's lockless walk in {@code kill()}
 * ({@code walkFrom(start, target)}). Every shared access of both is a scheduling point, except
 * those under tasklist_lock/pidmap_lock to lock-guarded cells.
 *
 * <p>Properties at quiescence: the structural invariants of {@link TaskListInvariants} ("structural")
 * and "LOOPED walk": some walk of the path came back LOOPED, i.e. examined
 * {@link TaskList#WALK_BOUND} tasks without meeting its anchor or its target, where the kernel's
 * loop spins for good (soft lockup, RCU-sched stall). The walk's result is remembered in a ghost
 * cell of the machine (an observer variable, no kernel counterpart, private to the walker CPU and
 * so never a scheduling point), because an open universe keeps no results.
 */
public final class TaskListMachine implements Machine {
    private final Memory mem;
    private final TaskListSubject tl;
    /** Ghost: the first LOOPED walk of the path, as start * 16 + target, 0 if none. */
    private final Word loopedWalk;
    private final List<String> kernelOps;
    private final List<String> walkerOps;

    public TaskListMachine(Memory mem, WalkStart start, List<String> kernelOps, List<String> walkerOps) {
        this.mem = mem;
        this.tl = new TaskListSubject(new TaskList(start, TaskList.WALK_BOUND, mem));
        this.loopedWalk = mem.word("ghost.looped_walk", 0).cpuPrivate();
        this.kernelOps = List.copyOf(kernelOps);
        this.walkerOps = List.copyOf(walkerOps);
    }

    public TaskListSubject subject() { return tl; }

    @Override
    public Memory memory() { return mem; }

    @Override
    public int cpus() { return 2; }

    @Override
    public String cpuName(int cpu) { return cpu == 0 ? "cpu0 (fork/exit)" : "cpu1 (dirpro walk)"; }

    @Override
    public List<String> operations(int cpu) { return cpu == 0 ? kernelOps : walkerOps; }

    @Override
    public String run(int cpu, int op) {
        String name = operations(cpu).get(op);
        int open = name.indexOf('(');
        String fn = name.substring(0, open);
        String[] args = name.substring(open + 1, name.length() - 1).split(",\\s*");
        switch (fn) {
            case "fork": return String.valueOf(tl.fork());
            case "newThread": return String.valueOf(tl.newThread(Integer.parseInt(args[0])));
            case "exitTask": return String.valueOf(tl.exitTask(Integer.parseInt(args[0])));
            case "walkFrom": {
                int s = Integer.parseInt(args[0]);
                int t = Integer.parseInt(args[1]);
                String r = tl.walkFrom(s, t);
                if (r.equals("LOOPED") && loopedWalk.load() == 0) {
                    loopedWalk.store(s * 16L + t);              // ghost: observer only
                }
                return r;
            }
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    public String quiescentViolation() {
        String s = TaskListInvariants.firstViolation(tl.taskList());
        if (s != null) {
            return "structural: " + s;
        }
        long w = loopedWalk.peek();
        if (w != 0) {
            return "LOOPED walk: walkFrom(" + (w / 16) + ", " + (w % 16) + ") examined " + TaskList.WALK_BOUND
                    + " tasks without meeting its anchor or its target: the kernel's loop never ends (soft lockup, RCU-sched stall)";
        }
        return null;
    }

    @Override
    public String describe() {
        long w = loopedWalk.peek();
        return tl.toString() + (w == 0 ? "" : "  (a walk came back LOOPED: walkFrom(" + (w / 16) + ", " + (w % 16) + "))\n");
    }

    /**
     * {@code TaskList.snapshotData()}, the tree {@link #describe()} is printed from, plus the ghost's
     * {@code loopedWalk} ("walkFrom(s, t)", "" if no walk came back LOOPED); report.html draws it.
     */
    @Override
    public Object snapshot() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>(tl.taskList().snapshotData());
        long w = loopedWalk.peek();
        d.put("loopedWalk", w == 0 ? "" : "walkFrom(" + (w / 16) + ", " + (w % 16) + ")");
        return d;
    }
}
