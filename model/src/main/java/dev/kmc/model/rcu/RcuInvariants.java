package dev.kmc.model.rcu;

import static dev.kmc.model.rcu.RcuSegCbList.RCU_CBLIST_NSEGS;
import static dev.kmc.model.rcu.RcuSegCbList.RCU_NEXT_TAIL;
import static dev.kmc.model.rcu.RcuSegCbList.SEGMENT_NAMES;

import dev.kmc.model.rcu.RcuFinding.EarlyInvocation;
import dev.kmc.model.rcu.RcuFinding.NullCallbackInvocation;
import dev.kmc.model.rcu.RcuSegCbList.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants of kernel-spec B.7, checked between operations (no rcu_do_batch in flight, so
 * no extracted list exists). Each check returns the first violation in words, or null.
 */
public final class RcuInvariants {
    private RcuInvariants() { }

    /**
     * B.7 items 2-5, in that order (counts, shape, disjointness, func), each over the CPUs in
     * order: the first that does not hold, or null if all hold.
     */
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
            if (l.rcuSegcblistNSegmentCbs() != l.len()) {
                return "counts: cpu" + cpu + " sum of seglen " + l.rcuSegcblistNSegmentCbs() + " != len " + l.len();
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
                if (h.func == null) {
                    return "func: " + h.name() + " is queued on cpu" + cpu + " with func NULL";
                }
            }
        }
        List<NullCallbackInvocation> nulls = rcu.findings(NullCallbackInvocation.class);
        if (!nulls.isEmpty()) {
            NullCallbackInvocation f = nulls.get(0);
            return "func: cpu" + f.cpu() + " invoked " + f.head() + " through NULL, not the func given to call_rcu";
        }
        return null;
    }

    private static String shapeViolation(int cpu, RcuSegCbList l, Walk w) {
        String who = "cpu" + cpu;
        if (w.cycleAt() != null) {
            return "shape: " + who + "'s list is cyclic: " + w;
        }
        NextCell next = l.tail(RCU_NEXT_TAIL);
        if (next.get() != null) {
            return "shape: " + who + " *tails[NEXT] (" + next.cellName() + ") is " + next.get().name() + ", not NULL";
        }
        NextCell last = w.lastCell(l.head);
        if (next != last) {
            return "shape: " + who + " tails[NEXT] is " + next.cellName() + ", not the last reachable cell " + last.cellName();
        }
        List<NextCell> cells = new ArrayList<>();
        cells.add(l.head);
        cells.addAll(w.nodes());
        int prev = 0;
        for (int seg = 0; seg < RCU_CBLIST_NSEGS; seg++) {
            NextCell t = l.tail(seg);
            int pos = indexOfIdentity(cells, t);
            if (pos < 0) {
                return "shape: " + who + " tails[" + SEGMENT_NAMES[seg] + "] (" + t.cellName() + ") is not a cell of its list";
            }
            if (pos < prev) {
                return "shape: " + who + " tails are not in list order: tails[" + SEGMENT_NAMES[seg] + "] (" + t.cellName()
                        + ") comes before tails[" + SEGMENT_NAMES[seg - 1] + "] (" + l.tail(seg - 1).cellName() + ")";
            }
            prev = pos;
        }
        return null;
    }

    /**
     * B.7 item 1 on the record so far: no head is invoked more often than call_rcu() accepted it,
     * none before its grace period ended, and none that is still owed an invocation is
     * unreachable from every CPU's list (it would never be invoked). The first violation, or null.
     */
    public static String exactlyOnceViolation(Rcu rcu) {
        for (RcuHead h : rcu.heads()) {
            if (rcu.invocations(h.id()) > rcu.accepted(h.id())) {
                return "exactly once: " + h.name() + " invoked " + rcu.invocations(h.id()) + "x, call_rcu accepted it "
                        + rcu.accepted(h.id()) + "x";
            }
        }
        List<EarlyInvocation> early = rcu.findings(EarlyInvocation.class);
        if (!early.isEmpty()) {
            EarlyInvocation e = early.get(0);
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

    private static int indexOfIdentity(List<NextCell> cells, NextCell c) {
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
