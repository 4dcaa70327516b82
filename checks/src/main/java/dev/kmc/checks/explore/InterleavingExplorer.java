package dev.kmc.checks.explore;

import dev.kmc.model.mem.Cell;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Prim;
import dev.kmc.model.mem.Scheduler;
import dev.kmc.model.mem.SpinLock;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * kmc's explorer: a stateful, breadth-first model checker over the atomic steps of a port, that
 * visits every interleaving of the CPUs' shared accesses (and of interrupts on one CPU) within a
 * stated {@link Universe}, and says so with counts, or says which bound stopped it.
 *
 * <h2>How a CPU is resumed mid-operation</h2>
 * No threads, no bytecode instrumentation, no continuations: the port runs on a {@link Memory}
 * whose {@link Scheduler} is this explorer. A CPU's progress inside an operation is the list of
 * values its accesses have returned so far (its <em>log</em>). To take the CPU's next step the
 * explorer restores the shared memory, re-runs the operation from its start serving the logged
 * values (without touching memory), performs the next access for real, and stops the run (by
 * throwing) at the access after it. Operations are deterministic functions of what their accesses
 * return, so the replayed run rebuilds exactly the local state the CPU had. Chosen because it
 * needs nothing from the JVM, keeps a state a few hundred bytes, and costs a re-run of at most
 * one operation per step (measured in {@code kmc bench}).
 *
 * <h2>Steps and the reduction</h2>
 * A step of a CPU performs exactly one <em>visible</em> access (of a cell other CPUs can touch)
 * and then every <em>invisible</em> access up to its next visible one: accesses of cells marked
 * {@code cpuPrivate} or {@code guardedBy} a lock the CPU holds. Sound because an invisible access
 * commutes with every step of every other CPU (no other CPU can touch that cell at that time: a
 * private cell is never touched by another CPU, a guarded one only under the lock this CPU holds,
 * which the explorer checks on every access and reports as a port defect otherwise), so moving it
 * next to the preceding visible access of its own CPU changes no reachable state at a scheduling
 * point and no result (Lipton's reduction for right/left movers). Barriers are not scheduling
 * points: under the sequentially consistent semantics the explorer implements they order nothing
 * further. The second reduction is state caching: a state is the memory plus, per CPU, its
 * position, its frames (operation and log) and, in pinned scenarios, its results; a state seen
 * before is not expanded again, which is sound because everything that determines the future is
 * in it. In open universes a state with every CPU idle may be keyed by the port's canonical key
 * ({@link Machine#quiescentKey()}), whose soundness the port argues.
 *
 * <h2>Storage</h2>
 * Visited states are kept as 64-bit fingerprints only (hash compaction, as in SPIN): two
 * different states with the same fingerprint would make the explorer skip one; the probability
 * that this happened anywhere in a run of n states is about n²/2^65, reported with the run. Per
 * state the explorer also keeps its parent's index and the step that led to it (8 bytes), from
 * which a counterexample is rebuilt by replaying the steps. Breadth-first, so the first state of
 * each violation kind is reached by a shortest interleaving.
 *
 * <h2>Dead loops</h2>
 * A retry loop that carries nothing from one round to the next calls {@link Memory#again}; the
 * explorer then restarts the operation. If no other CPU can still make progress (each is idle and
 * has nothing left to run: its program is done, or the open universe's budget is spent) and one
 * more round from the current memory comes back to {@code again} without changing any cell, the
 * loop can never end: a dead loop, reported with its interleaving, and the operation completes
 * with result {@code DEADLOOP}. A CPU that spins while another is parked mid-operation, or has an
 * operation still to run, is not in a dead loop: the explorer lets the other run.
 */
public final class InterleavingExplorer {

    /** Bounds of one run. */
    public record Limits(long maxStates, long maxMillis, int maxAccessesPerOp) {
        public static Limits of(long maxStates, long maxMillis) {
            return new Limits(maxStates, maxMillis, 5_000);
        }
    }

    /** One kind of violation: how many states show it and its shortest interleaving. */
    public record Finding(String kind, long states, int shortest, String message, Counterexample counterexample) {
        public String trace() { return counterexample.text(); }
    }

    /** What one run found. */
    public record Result(String name, String universe, long states, long transitions, int maxDepth, boolean complete,
                         String stoppedBy, Map<String, Finding> findings, Set<String> outcomes, long millis,
                         long peakHeapBytes, double bytesPerState, double omissionProbability, int cells) {

        public long violations() {
            return findings.values().stream().mapToLong(Finding::states).sum();
        }

        /** "proven: ..." / "bug found: ..." / "bounded: ...", the same words on the console and in summaries. */
        public String verdict() {
            String size = String.format("%,d states, %,d transitions", states, transitions);
            if (!findings.isEmpty()) {
                List<String> kinds = new ArrayList<>();
                for (Finding f : findings.values()) {
                    kinds.add(f.kind() + " (" + String.format("%,d", f.states()) + " states, shortest " + f.shortest() + " steps)");
                }
                return "violations: " + String.join(", ", kinds) + "; " + size + (complete ? ", complete" : ", stopped by " + stoppedBy);
            }
            return complete
                    ? "proven: every interleaving of the universe, " + size + ", complete"
                    : "clean within bounds: " + size + " explored, stopped by " + stoppedBy + " (not exhaustive)";
        }

        public String report() {
            StringBuilder sb = new StringBuilder();
            sb.append("exploration: ").append(name).append('\n');
            sb.append("universe:    ").append(universe).append('\n');
            sb.append("verdict:     ").append(verdict()).append('\n');
            sb.append(String.format("states %,d  transitions %,d  max depth %d  complete %s%s  time %d ms%n", states, transitions,
                    maxDepth, complete ? "yes" : "no", complete ? "" : " (" + stoppedBy + ")", millis));
            sb.append(String.format("storage: %.1f bytes per stored state (64-bit fingerprints + parent links), %d cells per state,"
                    + " peak heap %d MiB, omission probability <= %.1e%n", bytesPerState, cells, peakHeapBytes >> 20, omissionProbability));
            if (!outcomes.isEmpty()) {
                sb.append("outcomes (").append(outcomes.size()).append("):\n");
                for (String o : outcomes) sb.append("  ").append(o).append('\n');
            }
            for (Finding f : findings.values()) {
                sb.append('\n').append("== ").append(f.kind()).append(": ").append(String.format("%,d", f.states()))
                        .append(" states; shortest interleaving ").append(f.shortest()).append(" steps ==\n");
                sb.append(f.message()).append('\n').append(f.trace());
            }
            return sb.toString();
        }
    }

    // =============================================================================================
    // States
    // =============================================================================================

    private static final long[] NO_LOG = new long[0];
    private static final int[] NO_RESULTS = new int[0];

    /** One operation in progress on a CPU: which, whether an interrupt runs it, and its log. */
    private static final class Frame {
        final int op;
        final boolean irq;
        final long[] log;
        /** The visible access the frame is paused at (cell index, primitive ordinal), or -1. */
        final int pendingCell;
        final int pendingPrim;

        Frame(int op, boolean irq, long[] log, int pendingCell, int pendingPrim) {
            this.op = op;
            this.irq = irq;
            this.log = log;
            this.pendingCell = pendingCell;
            this.pendingPrim = pendingPrim;
        }
    }

    private static final Frame[] IDLE = new Frame[0];

    private static final class CpuState {
        final int pc;             // operations completed (pinned: index of the next one)
        final Frame[] frames;     // innermost last; empty when idle
        final int[] results;      // interned results, pinned scenarios only

        CpuState(int pc, Frame[] frames, int[] results) {
            this.pc = pc;
            this.frames = frames;
            this.results = results;
        }

        int irqDepth() {
            int d = 0;
            for (Frame f : frames) if (f.irq) d++;
            return d;
        }
    }

    private static final class Node {
        final long[] mem;
        final CpuState[] cpus;
        final int opsStarted;
        final int irqs;
        final int id;
        final int depth;

        Node(long[] mem, CpuState[] cpus, int opsStarted, int irqs, int id, int depth) {
            this.mem = mem;
            this.cpus = cpus;
            this.opsStarted = opsStarted;
            this.irqs = irqs;
            this.id = id;
            this.depth = depth;
        }

        boolean allIdle() {
            for (CpuState c : cpus) if (c.frames.length > 0) return false;
            return true;
        }
    }

    // Step labels: kind (2 bits) | cpu (6 bits) | operation.
    private static final int STEP = 0;
    private static final int START = 1;
    private static final int IRQ = 2;

    private static int label(int kind, int cpu, int op) { return kind | cpu << 2 | op << 8; }

    private static int kindOf(int label) { return label & 3; }

    private static int cpuOf(int label) { return (label >>> 2) & 63; }

    private static int opOf(int label) { return label >>> 8; }

    // =============================================================================================
    // The scheduler the port's memory calls
    // =============================================================================================

    /** Thrown through the port to end a step; no stack trace (it is control flow). */
    private static final class Stop extends RuntimeException {
        final int why;

        Stop(int why) {
            super(null, null, false, false);
            this.why = why;
        }
    }

    private static final int PREEMPT = 1;
    private static final int RESTART = 2;
    private static final int BOUND = 3;
    private static final int PROBE_AGAIN = 4;
    private static final Stop STOP_PREEMPT = new Stop(PREEMPT);
    private static final Stop STOP_RESTART = new Stop(RESTART);
    private static final Stop STOP_BOUND = new Stop(BOUND);
    private static final Stop STOP_PROBE_AGAIN = new Stop(PROBE_AGAIN);

    /** A guarded cell touched without its lock: the port is wrong, not the kernel. */
    static final class PortDefect extends RuntimeException {
        PortDefect(String m) { super(m); }
    }

    private static final int PASS = 0;    // sequential, nothing recorded: init operations, invariants, printing
    private static final int RUN = 1;     // a step
    private static final int PROBE = 2;   // one round of a loop, to judge a dead loop

    private final class Sched implements Scheduler {
        int mode = PASS;
        int cpu;
        long[] log = new long[256];
        int len;
        int replay;
        boolean performedVisible;
        int pendingCell;
        int pendingPrim;
        String againWhere;
        List<Counterexample.Access> trace;

        void begin(int cpu, long[] frameLog) {
            this.mode = RUN;
            this.cpu = cpu;
            if (log.length < frameLog.length + 1) log = Arrays.copyOf(log, Math.max(log.length * 2, frameLog.length + 16));
            System.arraycopy(frameLog, 0, log, 0, frameLog.length);
            this.len = frameLog.length;
            this.replay = 0;
            this.performedVisible = false;
            this.pendingCell = -1;
            this.pendingPrim = -1;
        }

        @Override
        public long access(Cell cell, Prim prim, long a, long b) {
            if (mode != RUN) {
                if (prim == Prim.SPIN_LOCK && cell.peek() != 0) {
                    throw new PortDefect("a sequential run of the port found " + cell.name() + " held");
                }
                return prim.applySequentially(cell, prim == Prim.SPIN_LOCK ? lockTag(0, b) : a, b);
            }
            if (replay < len) {
                return log[replay++];
            }
            boolean visible = !cell.isCpuPrivate() && cell.guard() == null;
            if (cell.guard() != null && SpinLock.holder(cell.guard().peek()) != cpu) {
                throw new PortDefect(cell.name() + " is guarded by " + cell.guard().name() + ", which cpu" + cpu
                        + " does not hold at this " + prim.kernelName());
            }
            if (visible && !atomicOps) {
                if (performedVisible || (prim == Prim.SPIN_LOCK && cell.peek() != 0)) {
                    pendingCell = cell.index();
                    pendingPrim = prim.ordinal();
                    throw STOP_PREEMPT;
                }
            } else if (prim == Prim.SPIN_LOCK && cell.peek() != 0) {
                throw new PortDefect(cell.name() + " is held while an atomic operation of cpu" + cpu + " takes it");
            }
            if (len >= limits.maxAccessesPerOp()) {
                throw STOP_BOUND;
            }
            long r = prim.applySequentially(cell, prim == Prim.SPIN_LOCK ? lockTag(cpu, b) : a, b);
            if (len == log.length) log = Arrays.copyOf(log, log.length * 2);
            log[len++] = r;
            replay = len;
            if (visible) performedVisible = true;
            if (trace != null) trace.add(describeAccess(cell, prim, a, b, r));
            return r;
        }

        private long lockTag(int c, long irqsave) { return (c + 1) | (irqsave << 8); }

        @Override
        public void fence(Prim prim) {
            if (mode == RUN && trace != null && replay >= len) {
                trace.add(new Counterexample.Access(portFunction(), prim.kernelName() + "()"));
            }
        }

        @Override
        public void again(String where) {
            if (mode == RUN) {
                againWhere = where;
                throw STOP_RESTART;
            }
            if (mode == PROBE) {
                throw STOP_PROBE_AGAIN;
            }
        }
    }

    private static Counterexample.Access describeAccess(Cell cell, Prim prim, long a, long b, long r) {
        String text;
        switch (prim.effect()) {
            case READ:
                text = prim.kernelName() + "(" + cell.name() + ") = " + cell.format(r);
                break;
            case WRITE:
                text = prim.kernelName() + "(" + cell.name() + ", " + cell.format(a) + ")";
                break;
            case ADD_RETURN:
            case FETCH_ADD:
                text = prim.kernelName() + "(" + a + ", " + cell.name() + ") = " + cell.format(r);
                break;
            case CMPXCHG:
                text = prim.kernelName() + "(" + cell.name() + ", " + cell.format(a) + ", " + cell.format(b) + ") = "
                        + cell.format(r) + (r == a ? " (swapped)" : " (failed)");
                break;
            case XCHG:
                text = prim.kernelName() + "(" + cell.name() + ", " + cell.format(a) + ") = " + cell.format(r);
                break;
            default:
                text = prim.kernelName() + "(" + cell.name() + ")";
        }
        return new Counterexample.Access(portFunction(), text);
    }

    /** The port method (and line) an access was made from. */
    private static String portFunction() {
        return StackWalker.getInstance().walk(s -> s
                .filter(f -> f.getClassName().startsWith("dev.kmc.model.") && !f.getClassName().startsWith("dev.kmc.model.mem.")
                        && !f.getClassName().endsWith("ObjPtr"))      // RCU's pointer wrapper: name its caller
                .findFirst()
                .map(f -> f.getMethodName() + ":" + f.getLineNumber())
                .orElse("?"));
    }

    // =============================================================================================
    // The run
    // =============================================================================================

    private final Machine machine;
    private final Memory memory;
    private final Sched sched;
    private final Universe universe;
    private final Limits limits;
    private final boolean atomicOps;
    private final int ncpu;
    private final int[][] programs;         // pinned: operation indices per CPU
    private final int[] irqOps;
    private final List<SpinLock> locks = new ArrayList<>();
    private final Map<String, Integer> interned = new LinkedHashMap<>();
    private final List<String> internedNames = new ArrayList<>();
    private long[] initialMem;
    private String cutBy;
    private String wanted;                    // replay: the violation kind the caller looks for
    private List<List<String>> targetResults; // findResults: the per-CPU results searched for
    private int[] postFrom;                   // findResults: per CPU, where its post operations begin
    private boolean targetFound;

    private InterleavingExplorer(Function<Memory, Machine> factory, Universe universe, Limits limits) {
        this.sched = new Sched();
        this.memory = new Memory(sched);
        this.machine = factory.apply(memory);
        if (machine.memory() != memory) {
            throw new IllegalArgumentException("the machine must be built on the memory it is given");
        }
        this.universe = universe;
        this.limits = limits;
        this.atomicOps = universe.atomicOps();
        this.ncpu = machine.cpus();
        for (Cell c : memory.cells()) if (c instanceof SpinLock) locks.add((SpinLock) c);
        if (universe.pinned()) {
            if (universe.programs().size() != ncpu) {
                throw new IllegalArgumentException("the scenario gives " + universe.programs().size() + " CPU programs; the machine has "
                        + ncpu + " CPUs");
            }
            programs = new int[ncpu][];
            for (int c = 0; c < ncpu; c++) {
                List<String> p = universe.programs().get(c);
                programs[c] = new int[p.size()];
                for (int i = 0; i < p.size(); i++) programs[c][i] = opIndex(c, p.get(i));
            }
        } else {
            programs = null;
        }
        irqOps = new int[universe.irqCpu() >= 0 ? universe.irqOps().size() : 0];
        for (int i = 0; i < irqOps.length; i++) irqOps[i] = opIndex(universe.irqCpu(), universe.irqOps().get(i));
    }

    private int opIndex(int cpu, String name) {
        if (cpu < 0 || cpu >= ncpu) {
            throw new IllegalArgumentException("cpu" + cpu + " does not exist; the machine has " + ncpu + " CPUs");
        }
        int i = machine.operations(cpu).indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown operation '" + name + "' for " + machine.cpuName(cpu) + "; accepted: "
                    + String.join(", ", machine.operations(cpu)));
        }
        return i;
    }

    /** Explores {@code universe} of the machine {@code factory} builds on the explorer's memory. */
    public static Result explore(String name, Function<Memory, Machine> factory, Universe universe, Limits limits) {
        return new InterleavingExplorer(factory, universe, limits).run(name);
    }

    private static final class Found {
        long states;
        int firstId;
        int extraLabel = -1;   // for a violation inside a step that produced no state: that step
        int depth;
        String message;
    }

    private Result run(String name) {
        long t0 = System.nanoTime();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
                heap.add(p);
            }
        }
        runInit();
        CpuState[] cpus0 = new CpuState[ncpu];
        for (int c = 0; c < ncpu; c++) cpus0[c] = new CpuState(0, IDLE, NO_RESULTS);
        Node root = new Node(initialMem, cpus0, 0, 0, 0, 0);

        LongOpenHashSet seen = new LongOpenHashSet(1 << 16);
        IntArrayList parent = new IntArrayList(1 << 16);
        IntArrayList via = new IntArrayList(1 << 16);
        Map<String, Found> found = new LinkedHashMap<>();
        Set<String> outcomes = new TreeSet<>();
        ArrayDeque<Node> frontier = new ArrayDeque<>();

        seen.add(fingerprint(root));
        parent.add(-1);
        via.add(-1);
        check(root, found, outcomes);
        frontier.add(root);
        long transitions = 0;
        int maxDepth = 0;
        String stoppedBy = null;
        int count = 1;
        long expansions = 0;
        try {
            outer:
            while (!frontier.isEmpty()) {
                if ((++expansions & 255) == 0 && (System.nanoTime() - t0) / 1_000_000 > limits.maxMillis()) {
                    stoppedBy = "time limit " + limits.maxMillis() / 1000 + " s";
                    break;
                }
                if ((expansions & 1023) == 0 && heapNearlyFull()) {
                    stoppedBy = String.format("heap bound: the breadth-first frontier filled %d of %d MiB",
                            usedHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
                    break;
                }
                Node n = frontier.poll();
                List<Integer> labels = enabled(n);
                if (labels.isEmpty() && !finished(n)) {
                    record(found, "deadlock", n.id, n.depth, "deadlock: no CPU can take a step and not every CPU has finished; "
                            + blockedCpus(n));
                }
                for (int label : labels) {
                    Node next = apply(n, label, count, found);
                    transitions++;
                    if (next == null) continue;
                    if (!seen.add(fingerprint(next))) continue;
                    if (count >= limits.maxStates()) {
                        stoppedBy = "state limit " + String.format("%,d", limits.maxStates());
                        break outer;
                    }
                    parent.add(n.id);
                    via.add(label);
                    count++;
                    maxDepth = Math.max(maxDepth, next.depth);
                    check(next, found, outcomes);
                    frontier.add(next);
                    if (targetFound) {
                        stoppedBy = "found the searched results (the search stops at the first)";
                        break outer;
                    }
                }
            }
        } catch (OutOfMemoryError e) {
            // the visited set's or the frontier's next allocation did not fit: a bound like the others
            frontier.clear();
            stoppedBy = String.format("heap bound: out of memory at %,d states (max heap %d MiB)", count,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        if (stoppedBy == null && cutBy != null) stoppedBy = cutBy;
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean p : heap) peak += p.getPeakUsage().getUsed();

        Map<String, Finding> findings = new LinkedHashMap<>();
        for (Map.Entry<String, Found> e : found.entrySet()) {
            Found f = e.getValue();
            List<Integer> path = new ArrayList<>();
            for (int i = f.firstId; i > 0; i = parent.getInt(i)) path.add(via.getInt(i));
            Collections.reverse(path);
            if (f.extraLabel >= 0) path.add(f.extraLabel);
            findings.put(e.getKey(), new Finding(e.getKey(), f.states, path.size(), f.message,
                    replay(path, e.getKey(), f.message)));
        }
        double bytes = (seen.size() == 0) ? 0 : (8.0 * keyCapacity(seen) + 4.0 * (parent.elements().length + via.elements().length)) / count;
        double omission = Math.min(1.0, (double) count * count / Math.pow(2, 65));
        return new Result(name, universe.describe(), count, transitions, maxDepth, stoppedBy == null, stoppedBy, findings,
                outcomes, millis, peak, bytes, omission, memory.cellCount());
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** True if the live heap (after a collection) is above 70% of the maximum: stop before an OutOfMemoryError. */
    private static boolean heapNearlyFull() {
        long max = Runtime.getRuntime().maxMemory();
        if (usedHeap() < max * 0.7) return false;
        System.gc();
        return usedHeap() > max * 0.7;      // the visited set's next rehash needs room for a table twice as large
    }

    private static long keyCapacity(LongOpenHashSet set) {
        // fastutil keeps a power-of-two table at load factor 0.75
        long n = 1;
        while (n * 3 / 4 < set.size()) n <<= 1;
        return n;
    }

    private boolean finished(Node n) {
        for (int c = 0; c < ncpu; c++) {
            CpuState s = n.cpus[c];
            if (s.frames.length > 0) return false;
            if (programs != null && s.pc < programs[c].length) return false;
        }
        return true;
    }

    private String blockedCpus(Node n) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < ncpu; c++) {
            CpuState s = n.cpus[c];
            if (s.frames.length == 0) continue;
            Frame f = s.frames[s.frames.length - 1];
            parts.add(machine.cpuName(c) + " in " + machine.operations(c).get(f.op) + " waits at "
                    + (f.pendingCell < 0 ? "?" : Prim.values()[f.pendingPrim].kernelName() + "(" + memory.cell(f.pendingCell).name() + ")"));
        }
        return String.join("; ", parts);
    }

    private boolean blocked(Frame f, long[] mem) {
        return f.pendingPrim == Prim.SPIN_LOCK.ordinal() && mem[f.pendingCell] != 0;
    }

    private boolean irqsOff(int cpu, long[] mem) {
        for (SpinLock l : locks) {
            long v = mem[l.index()];
            if (SpinLock.holder(v) == cpu && SpinLock.irqsOff(v)) return true;
        }
        return false;
    }

    private List<Integer> enabled(Node n) {
        List<Integer> out = new ArrayList<>();
        boolean budget = programs != null || universe.maxOps() == 0 || n.opsStarted < universe.maxOps();
        for (int c = 0; c < ncpu; c++) {
            CpuState s = n.cpus[c];
            if (s.frames.length > 0) {
                if (!blocked(s.frames[s.frames.length - 1], n.mem)) out.add(label(STEP, c, 0));
                if (c == universe.irqCpu() && !atomicOps && budget && n.irqs < universe.maxInterrupts()
                        && s.irqDepth() < universe.irqDepth() && !irqsOff(c, n.mem)) {
                    for (int op : irqOps) out.add(label(IRQ, c, op));
                }
            } else if (programs != null) {
                if (s.pc < programs[c].length && (postFrom == null || s.pc < postFrom[c] || othersFinished(n, c))) {
                    out.add(label(START, c, programs[c][s.pc]));
                }
            } else if (budget) {
                for (int op = 0; op < machine.operations(c).size(); op++) out.add(label(START, c, op));
            }
        }
        return out;
    }

    /** Takes one step; null if the step ended the path (a crash, a port defect, a bound). */
    private Node apply(Node n, int label, int newId, Map<String, Found> found) {
        int c = cpuOf(label);
        CpuState st = n.cpus[c];
        Frame f;
        Frame[] below;
        int opsStarted = n.opsStarted;
        int irqs = n.irqs;
        switch (kindOf(label)) {
            case STEP:
                f = st.frames[st.frames.length - 1];
                below = Arrays.copyOf(st.frames, st.frames.length - 1);
                break;
            case START:
                f = new Frame(opOf(label), false, NO_LOG, -1, -1);
                below = st.frames;
                opsStarted++;
                break;
            default:
                f = new Frame(opOf(label), true, NO_LOG, -1, -1);
                below = st.frames;
                opsStarted++;
                irqs++;
                break;
        }
        memory.restore(n.mem);
        sched.begin(c, f.log);
        String result = null;
        int why = 0;
        try {
            result = machine.run(c, f.op);
        } catch (Stop s) {
            why = s.why;
        } catch (PortDefect e) {
            sched.mode = PASS;
            recordStep(found, "port defect", n, label, "port defect: " + e.getMessage());
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            sched.mode = PASS;
            recordStep(found, "crash", n, label, "crash: " + machine.operations(c).get(f.op) + " on " + machine.cpuName(c)
                    + " threw " + e + at(e));
            return null;
        }
        sched.mode = PASS;
        Frame[] frames;
        int pc = st.pc;
        int[] results = st.results;
        switch (why) {
            case 0:
                frames = below;
                if (!f.irq) {
                    pc++;
                    if (programs != null) results = append(results, intern(result));
                }
                break;
            case PREEMPT:
                frames = push(below, new Frame(f.op, f.irq, Arrays.copyOf(sched.log, sched.len), sched.pendingCell, sched.pendingPrim));
                break;
            case RESTART:
                if (below.length == 0 && nothingElseCanRun(n, c, opsStarted) && deadLoop(c, f.op)) {
                    recordStep(found, "dead loop", n, label, "dead loop: " + machine.operations(c).get(f.op) + " on "
                            + machine.cpuName(c) + " goes round '" + sched.againWhere + "' forever: a round changes no cell and"
                            + " every other CPU is quiescent");
                    frames = below;
                    if (!f.irq) {
                        pc++;
                        if (programs != null) results = append(results, intern("DEADLOOP"));
                    }
                } else {
                    frames = push(below, new Frame(f.op, f.irq, NO_LOG, -1, -1));
                }
                break;
            case BOUND:
                cutBy = "operation bound: an operation made more than " + limits.maxAccessesPerOp() + " accesses";
                return null;
            default:
                throw new IllegalStateException("stop " + why);
        }
        CpuState[] cpus = n.cpus.clone();
        cpus[c] = new CpuState(pc, frames, results);
        return new Node(memory.snapshot(), cpus, opsStarted, irqs, newId, n.depth + 1);
    }

    private static String at(Throwable e) {
        for (StackTraceElement el : e.getStackTrace()) {
            if (el.getClassName().startsWith("dev.kmc.model.") && !el.getClassName().startsWith("dev.kmc.model.mem.")) {
                return " at " + el.getMethodName() + ":" + el.getLineNumber();
            }
        }
        return "";
    }

    /**
     * True if no other CPU can take another step: each is idle and has nothing left to run (its
     * program is done; in an open universe, the operation budget is spent or absent CPUs only).
     * Only then is a loop that changes nothing a dead loop: another CPU that could still run might
     * end it.
     */
    private boolean nothingElseCanRun(Node n, int c, int opsStarted) {
        for (int o = 0; o < ncpu; o++) {
            if (o == c) continue;
            CpuState s = n.cpus[o];
            if (s.frames.length > 0) return false;
            if (programs != null && s.pc < programs[o].length) return false;
            if (programs == null && (universe.maxOps() == 0 || opsStarted < universe.maxOps())
                    && !machine.operations(o).isEmpty()) return false;
        }
        return true;
    }

    private boolean othersFinished(Node n, int c) {
        for (int o = 0; o < ncpu; o++) {
            if (o != c && (n.cpus[o].frames.length > 0 || n.cpus[o].pc < programs[o].length)) return false;
        }
        return true;
    }

    /** One more round of the loop from the memory now: true if it comes back to again() having changed no cell. */
    private boolean deadLoop(int cpu, int op) {
        long[] before = memory.snapshot();
        sched.mode = PROBE;
        sched.cpu = cpu;
        boolean loops = false;
        try {
            machine.run(cpu, op);
        } catch (Stop s) {
            loops = s.why == PROBE_AGAIN && Arrays.equals(before, memory.snapshot());
        } catch (RuntimeException e) {
            loops = false;
        } finally {
            sched.mode = PASS;
            memory.restore(before);
        }
        return loops;
    }

    private static Frame[] push(Frame[] below, Frame f) {
        Frame[] out = Arrays.copyOf(below, below.length + 1);
        out[below.length] = f;
        return out;
    }

    private static int[] append(int[] a, int v) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    private int intern(String s) {
        String k = String.valueOf(s);
        Integer i = interned.get(k);
        if (i == null) {
            i = internedNames.size();
            interned.put(k, i);
            internedNames.add(k);
        }
        return i;
    }

    private void check(Node n, Map<String, Found> found, Set<String> outcomes) {
        if (!n.allIdle()) return;
        memory.restore(n.mem);
        sched.mode = PASS;
        String v;
        try {
            v = machine.quiescentViolation();
        } catch (RuntimeException e) {
            v = "crash: the quiescent check threw " + e + at(e);
        }
        if (v != null) record(found, kind(v), n.id, n.depth, v);
        if (programs != null && finished(n)) {
            List<List<String>> results = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            for (int c = 0; c < ncpu; c++) {
                List<String> r = new ArrayList<>();
                for (int x : n.cpus[c].results) r.add(internedNames.get(x));
                results.add(r);
                List<String> shown = new ArrayList<>();
                List<String> prog = universe.programs().get(c);
                for (int i = 0; i < r.size(); i++) shown.add(prog.get(i) + ": " + r.get(i));
                parts.add(String.join(", ", shown));
            }
            outcomes.add(String.join(" | ", parts) + (n.irqs > 0 ? "  [with " + n.irqs + " interrupt(s)]" : ""));
            // an interrupt's operation is not in the programs, so the specification cannot order it: no check then
            String lin = n.irqs > 0 ? null : machine.checkResults(universe.init(), universe.programs(), results);
            if (lin != null) record(found, kind(lin), n.id, n.depth, lin + "  [" + String.join(" | ", parts) + "]");
            if (targetResults != null && results.equals(targetResults)) {
                record(found, RESULTS_FOUND, n.id, n.depth, RESULTS_FOUND + ": " + String.join(" | ", parts));
                targetFound = true;
            }
        }
    }

    private void record(Map<String, Found> found, String kind, int id, int depth, String message) {
        Found f = found.computeIfAbsent(kind, k -> new Found());
        if (f.states++ == 0) {
            f.firstId = id;
            f.depth = depth;
            f.message = message;
        }
    }

    /** A violation found inside a step (a crash, a port defect, a dead loop): its interleaving is the parent's plus that step. */
    private void recordStep(Map<String, Found> found, String kind, Node parentNode, int label, String message) {
        Found f = found.computeIfAbsent(kind, k -> new Found());
        if (f.states++ == 0) {
            f.firstId = parentNode.id;
            f.extraLabel = label;
            f.depth = parentNode.depth + 1;
            f.message = message;
        }
    }

    private static String kind(String violation) {
        int i = violation.indexOf(':');
        return i < 0 ? violation : violation.substring(0, i);
    }

    // =============================================================================================
    // Counterexamples
    // =============================================================================================

    /** The machine's description of the state in memory, or why it could not give one. */
    private String describe() {
        try {
            return machine.describe();
        } catch (RuntimeException e) {
            return "(the machine's describe() threw " + e + ")";
        }
    }

    private Object snapshot() {
        try {
            return machine.snapshot();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The token that names a step label ({@link Counterexample}). */
    private String token(int label, Node n) {
        int c = cpuOf(label);
        switch (kindOf(label)) {
            case START: return "cpu" + c + "+" + machine.operations(c).get(opOf(label));
            case IRQ: return "cpu" + c + "!" + machine.operations(c).get(opOf(label));
            default: return "cpu" + c;
        }
    }

    private int labelOf(Counterexample.Token t) {
        switch (t.kind()) {
            case "start": return label(START, t.cpu(), opIndex(t.cpu(), t.op()));
            case "irq": return label(IRQ, t.cpu(), opIndex(t.cpu(), t.op()));
            default:
                if (t.cpu() < 0 || t.cpu() >= ncpu) {
                    throw new IllegalArgumentException("cpu" + t.cpu() + " does not exist; the machine has " + ncpu + " CPUs");
                }
                return label(STEP, t.cpu(), 0);
        }
    }

    /**
     * Replays an interleaving given as tokens from the universe's initial state, every step with
     * its accesses and the structure after it. Each step must be one the explorer could take there
     * (else IllegalArgumentException naming the step). The first violation met names the result.
     */
    public static Counterexample replay(Function<Memory, Machine> factory, Universe universe, List<String> tokens) {
        return replay(factory, universe, tokens, null);
    }

    /**
     * As {@link #replay(Function, Universe, List)}, but if a violation of kind {@code wanted} is met
     * anywhere on the path (not necessarily first), the result names that one: "does this
     * interleaving still show the recorded violation?" is then {@code wanted.equals(result.kind())}.
     */
    public static Counterexample replay(Function<Memory, Machine> factory, Universe universe, List<String> tokens, String wanted) {
        InterleavingExplorer x = new InterleavingExplorer(factory, universe, Limits.of(1, Long.MAX_VALUE));
        x.runInit();
        List<Integer> labels = new ArrayList<>();
        for (String t : tokens) labels.add(x.labelOf(Counterexample.Token.parse(t)));
        x.wanted = wanted;
        return x.replay(labels, null, null);
    }

    /** The finding kind {@link #findResults} reports a path to the wanted results under. */
    public static final String RESULTS_FOUND = "recorded results";

    /**
     * Searches a pinned universe, breadth-first as {@link #explore}, for a finished state whose
     * per-CPU results are exactly {@code results} (each CPU's, in program order), and stops at the
     * first: its shortest interleaving is then the finding {@link #RESULTS_FOUND} of the result
     * (absent if no interleaving within the limits gives them; the result says whether the search
     * was complete). {@code postFrom[c]}: CPU c starts the operations of its program from this
     * index on only when every other CPU has finished its program, as Lincheck's post part runs
     * after the parallel part (its length for none).
     */
    public static Result findResults(String name, Function<Memory, Machine> factory, Universe universe, List<List<String>> results,
                                     int[] postFrom, Limits limits) {
        if (!universe.pinned()) throw new IllegalArgumentException("results are searched for in a pinned universe only");
        InterleavingExplorer x = new InterleavingExplorer(factory, universe, limits);
        x.targetResults = results;
        x.postFrom = postFrom;
        return x.run(name);
    }

    private void runInit() {
        sched.mode = PASS;
        for (String op : universe.init()) {
            int c = 0;
            while (c < ncpu - 1 && !machine.operations(c).contains(op)) c++;
            machine.run(c, opIndex(c, op));          // init: sequential, on the first CPU that has the operation
        }
        initialMem = memory.snapshot();
    }

    /** Replays a path of step labels from the initial state, recording every step and the structure after it. */
    private Counterexample replay(List<Integer> path, String kind, String message) {
        CpuState[] cpus = new CpuState[ncpu];
        for (int c = 0; c < ncpu; c++) cpus[c] = new CpuState(0, IDLE, NO_RESULTS);
        Node n = new Node(initialMem, cpus, 0, 0, 0, 0);
        memory.restore(initialMem);
        String initial = "initial state" + (universe.init().isEmpty() ? "" : " (after init: " + String.join(" ", universe.init()) + ")")
                + ":\n" + Counterexample.indent(describe());
        Object initialSnapshot = snapshot();
        String shown = describe();
        List<Counterexample.Step> steps = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        Map<String, Found> met = new LinkedHashMap<>();
        int step = 0;
        for (int label : path) {
            step++;
            int c = cpuOf(label);
            CpuState st = n.cpus[c];
            if (!enabled(n).contains(label)) {
                throw new IllegalArgumentException("step " + step + " (" + token(label, n) + ") cannot be taken there: "
                        + (st.frames.length == 0 ? machine.cpuName(c) + " is idle" : blockedCpus(n)));
            }
            String op;
            String how;
            boolean irq;
            switch (kindOf(label)) {
                case START:
                    op = machine.operations(c).get(opOf(label));
                    how = "starts " + op;
                    irq = false;
                    break;
                case IRQ:
                    op = machine.operations(c).get(opOf(label));
                    how = "INTERRUPT on " + machine.cpuName(c) + " runs " + op;
                    irq = true;
                    break;
                default:
                    Frame f = st.frames[st.frames.length - 1];
                    op = machine.operations(c).get(f.op);
                    how = (f.irq ? "(in interrupt) " : "") + op;
                    irq = f.irq;
                    break;
            }
            tokens.add(token(label, n));
            sched.trace = new ArrayList<>();
            Map<String, Found> inStep = new LinkedHashMap<>();
            Node next;
            try {
                next = apply(n, label, 0, inStep);
            } finally {
                sched.mode = PASS;
            }
            List<Counterexample.Access> accesses = sched.trace;
            sched.trace = null;
            List<String> outcome = new ArrayList<>();
            if (next != null) {
                CpuState after = next.cpus[c];
                if (after.frames.length < st.frames.length + (kindOf(label) == STEP ? 0 : 1)) {
                    outcome.add(op + " completes" + (programs != null && after.results.length > st.results.length
                            ? ": " + internedNames.get(after.results[after.results.length - 1]) : ""));
                }
            }
            for (Found f : inStep.values()) outcome.add(f.message);
            if (next != null) {
                Map<String, Found> atState = new LinkedHashMap<>();
                check(next, atState, new TreeSet<>());
                for (Found f : atState.values()) outcome.add(f.message);
                inStep.putAll(atState);
            }
            for (Map.Entry<String, Found> e : inStep.entrySet()) met.putIfAbsent(e.getKey(), e.getValue());
            if (next != null) memory.restore(next.mem);
            String now = describe();
            boolean changed = !now.equals(shown);
            shown = now;
            steps.add(new Counterexample.Step(step, tokens.get(tokens.size() - 1), machine.cpuName(c), irq, how, accesses,
                    String.join("\n", outcome), now, snapshot(), changed));
            if (next == null) break;
            n = next;
        }
        if (kind == null && wanted != null && met.containsKey(wanted)) {
            kind = wanted;
            message = met.get(wanted).message;
        }
        if (kind == null) {
            Map.Entry<String, Found> first = met.isEmpty() ? null : met.entrySet().iterator().next();
            kind = first == null ? "none" : first.getKey();
            message = first == null ? "no violation on this interleaving" : first.getValue().message;
        }
        return new Counterexample(kind, message, tokens, initial, initialSnapshot, steps);
    }

    // =============================================================================================
    // Fingerprints
    // =============================================================================================

    private long fingerprint(Node n) {
        long h = 0x6a09e667f3bcc909L;
        int[] canonical = null;
        if (programs == null && n.allIdle()) {
            memory.restore(n.mem);
            canonical = machine.quiescentKey();
        }
        if (canonical != null) {
            h = mix(h, -1);
            for (int v : canonical) h = mix(h, v);
        } else {
            for (long v : n.mem) h = mix(h, v);
        }
        for (CpuState s : n.cpus) {
            h = mix(h, programs != null ? s.pc : 0);
            h = mix(h, s.frames.length);
            for (Frame f : s.frames) {
                h = mix(h, f.op * 2 + (f.irq ? 1 : 0));
                h = mix(h, f.log.length);
                for (long v : f.log) h = mix(h, v);
            }
            if (programs != null) {
                h = mix(h, s.results.length);
                for (int r : s.results) h = mix(h, r);
            }
        }
        if (programs == null && universe.maxOps() > 0) h = mix(h, n.opsStarted);
        if (universe.maxInterrupts() > 0) h = mix(h, n.irqs);
        return fmix(h);
    }

    private static long mix(long h, long v) {
        return (h ^ fmix(v + 0x9e3779b97f4a7c15L)) * 0xbf58476d1ce4e5b9L + 0x94d049bb133111ebL;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
