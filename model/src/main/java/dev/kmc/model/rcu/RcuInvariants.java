package dev.kmc.model.rcu;

import static dev.kmc.model.rcu.RcuSegCbList.RCU_CBLIST_NSEGS;
import static dev.kmc.model.rcu.RcuSegCbList.RCU_NEXT_TAIL;
import static dev.kmc.model.rcu.RcuSegCbList.SEGMENT_NAMES;

import dev.kmc.model.mem.Word;
import dev.kmc.model.rcu.RcuSegCbList.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants of kernel-spec B.7, checked between operations (no rcu_do_batch in flight).
 * Each check returns the first violation in words, or null. They read cells without scheduling.
 */
public final class RcuInvariants {
    private RcuInvariants() { }

    /** B.7 items 2-5 (counts, shape, disjointness, func): the first that does not hold, or null. */
    public static String firstViolation(Rcu rcu) {
        int cpus = rcu.cpus();
        List<Walk> walks = new ArrayList<>();
        for (int cpu = 0; cpu < cpus; cpu++) {
            walks.add(rcu.cblist(cpu).walk());
        }
        for (int cpu = 0; cpu < cpus; cpu++) {                  // 2. counts
            RcuSegCbList l = rcu.cblist(cpu);
            Walk w = walks.get(cpu);
            if (l.len() < 0) {
                return "counts: cpu" + cpu + " len " + l.len() + " < 0";
            }
            if (l.len() != w.nodes().size()) {
                return "counts: cpu" + cpu + " len " + l.len() + " != " + w.nodes().size() + " reachable: " + w;
            }
            long sum = 0;
            for (int seg = 0; seg < RCU_CBLIST_NSEGS; seg++) {
                sum += l.seglen(seg);
            }
            if (sum != l.len()) {
                return "counts: cpu" + cpu + " sum of seglen " + sum + " != len " + l.len();
            }
        }
        for (int cpu = 0; cpu < cpus; cpu++) {                  // 3. shape
            String v = shapeViolation(cpu, rcu.cblist(cpu), walks.get(cpu));
            if (v != null) {
                return v;
            }
        }
        for (RcuHead h : rcu.heads()) {                         // 4. disjointness
            List<String> from = new ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) {
                if (walks.get(cpu).nodes().contains(h)) {
                    from.add("cpu" + cpu);
                }
            }
            if (from.size() > 1) {
                return "disjointness: " + h.name() + " is reachable from " + joinAnd(from);
            }
        }
        for (int cpu = 0; cpu < cpus; cpu++) {                  // 5. func
            for (RcuHead h : walks.get(cpu).nodes()) {
                if (h.peekFunc() == null) {
                    return "func: " + h.name() + " is queued on cpu" + cpu + " with func NULL";
                }
            }
        }
        List<RcuFinding> nulls = rcu.findings(RcuFinding.Kind.NULL_CALLBACK);
        if (!nulls.isEmpty()) {
            RcuFinding f = nulls.get(0);
            return "func: cpu" + f.cpu() + " invoked " + f.head() + " through NULL, not the func given to call_rcu";
        }
        return null;
    }

    private static String shapeViolation(int cpu, RcuSegCbList l, Walk w) {
        String who = "cpu" + cpu;
        if (w.cycleAt() != null) {
            return "shape: " + who + "'s list is cyclic: " + w;
        }
        Word next = l.tail(RCU_NEXT_TAIL);
        if (next.peek() != 0) {
            return "shape: " + who + " *tails[NEXT] (" + l.tailName(RCU_NEXT_TAIL) + ") is " + l.memoryName(next.peek()) + ", not NULL";
        }
        Word last = w.lastCell(l.headCell());
        if (next != last) {
            return "shape: " + who + " tails[NEXT] is " + l.tailName(RCU_NEXT_TAIL) + ", not the last reachable cell &"
                    + (last == l.headCell() ? "head" : last.name());
        }
        List<Word> cells = new ArrayList<>();
        cells.add(l.headCell());
        for (RcuHead h : w.nodes()) {
            cells.add(h.nextCell());
        }
        int prev = 0;
        for (int seg = 0; seg < RCU_CBLIST_NSEGS; seg++) {
            int pos = indexOfIdentity(cells, l.tail(seg));
            if (pos < 0) {
                return "shape: " + who + " tails[" + SEGMENT_NAMES[seg] + "] (" + l.tailName(seg) + ") is not a cell of its list";
            }
            if (pos < prev) {
                return "shape: " + who + " tails are not in list order: tails[" + SEGMENT_NAMES[seg] + "] (" + l.tailName(seg)
                        + ") comes before tails[" + SEGMENT_NAMES[seg - 1] + "] (" + l.tailName(seg - 1) + ")";
            }
            prev = pos;
        }
        return null;
    }

    /**
     * B.7 item 1 on the record so far: no head invoked more often than call_rcu() accepted it, none
     * before its grace period ended, and none still owed an invocation yet reachable from no list.
     */
    public static String exactlyOnceViolation(Rcu rcu) {
        for (RcuHead h : rcu.heads()) {
            if (rcu.invocations(h.id()) > rcu.accepted(h.id())) {
                return "exactly once: " + h.name() + " invoked " + rcu.invocations(h.id()) + "x, call_rcu accepted it "
                        + rcu.accepted(h.id()) + "x";
            }
        }
        List<RcuFinding> early = rcu.findings(RcuFinding.Kind.EARLY_INVOCATION);
        if (!early.isEmpty()) {
            RcuFinding e = early.get(0);
            return "exactly once: " + e.head() + " invoked on cpu" + e.cpu() + " before its grace period ended";
        }
        List<RcuHead> reachable = new ArrayList<>();
        for (int cpu = 0; cpu < rcu.cpus(); cpu++) {
            reachable.addAll(rcu.cblist(cpu).walk().nodes());
        }
        for (RcuHead h : rcu.heads()) {
            if (rcu.accepted(h.id()) > rcu.invocations(h.id()) && !reachable.contains(h)) {
                return "exactly once: " + h.name() + " accepted " + rcu.accepted(h.id()) + "x, invoked " + rcu.invocations(h.id())
                        + "x, and reachable from no CPU's list (lost)";
            }
        }
        return null;
    }

    private static int indexOfIdentity(List<Word> cells, Word c) {
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** "cpu0 and cpu1", "cpu0, cpu1 and cpu2". */
    static String joinAnd(List<String> items) {
        int n = items.size();
        return n == 1 ? items.get(0) : String.join(", ", items.subList(0, n - 1)) + " and " + items.get(n - 1);
    }
}
