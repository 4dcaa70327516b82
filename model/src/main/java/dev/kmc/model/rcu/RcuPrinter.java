package dev.kmc.model.rcu;

import static dev.kmc.model.rcu.RcuSegCbList.RCU_CBLIST_NSEGS;
import static dev.kmc.model.rcu.RcuSegCbList.SEGMENT_NAMES;

import dev.kmc.model.rcu.RcuSegCbList.Walk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the callback lists the way a kernel hacker draws them: per CPU, what is reachable from
 * head, where each tail points ("(orphan)" if not reachable from head), len and seglen; nodes
 * reachable from more than one CPU carry a '*'; the heads owed an invocation but reachable from
 * nowhere; every head's fields and container; the slab freelists; the findings.
 */
final class RcuPrinter {
    private RcuPrinter() { }

    static String print(Rcu rcu) {
        StringBuilder sb = new StringBuilder();
        long g = rcu.gpSeq();
        sb.append("rcu [").append(rcu.guard().label()).append("] gp_seq ").append(g)
                .append((g & 1) == 0 ? " (no grace period in progress)" : " (grace period in progress)").append('\n');
        List<Walk> walks = new ArrayList<>();
        Map<RcuHead, List<String>> owners = new LinkedHashMap<>();
        for (int cpu = 0; cpu < rcu.cpus(); cpu++) {
            Walk w = rcu.cblist(cpu).walk();
            walks.add(w);
            for (RcuHead h : w.nodes()) {
                owners.computeIfAbsent(h, k -> new ArrayList<>()).add("cpu" + cpu);
            }
        }
        for (int cpu = 0; cpu < rcu.cpus(); cpu++) {
            RcuSegCbList l = rcu.cblist(cpu);
            Walk w = walks.get(cpu);
            sb.append("  cpu").append(cpu).append(": head -> ");
            for (RcuHead h : w.nodes()) {
                sb.append(h.name()).append(owners.get(h).size() > 1 ? "*" : "").append(" -> ");
            }
            sb.append(w.cycleAt() == null ? "NULL" : w.cycleAt().name() + " (cycle)");
            sb.append("   len ").append(l.len()).append("  seglen");
            for (int seg = 0; seg < RCU_CBLIST_NSEGS; seg++) {
                sb.append(seg == 0 ? " " : "/").append(l.seglen(seg));
            }
            if (rcu.gpSeq(cpu) != g) {
                sb.append("  noted gp_seq ").append(rcu.gpSeq(cpu));
            }
            sb.append("\n        ");
            for (int seg = 0; seg < RCU_CBLIST_NSEGS; seg++) {
                final int sg = seg;
                boolean orphan = !l.tailIsHead(seg) && w.nodes().stream().noneMatch(h -> h.nextCell() == l.tail(sg));
                sb.append(seg == 0 ? "" : " ").append("tails[").append(SEGMENT_NAMES[seg]).append("]=").append(l.tailName(seg))
                        .append(orphan ? " (orphan)" : "");
            }
            sb.append('\n');
        }
        Map<String, List<String>> shared = new LinkedHashMap<>();
        owners.forEach((h, cpus) -> {
            if (cpus.size() > 1) {
                shared.computeIfAbsent(RcuInvariants.joinAnd(cpus), k -> new ArrayList<>()).add(h.name());
            }
        });
        shared.forEach((cpus, names) -> sb.append("  * reachable from ").append(cpus).append(": ").append(String.join(", ", names)).append('\n'));
        List<String> lost = new ArrayList<>();
        for (RcuHead h : rcu.heads()) {
            if (rcu.accepted(h.id()) > rcu.invocations(h.id()) && !owners.containsKey(h)) {
                lost.add(h.name());
            }
        }
        if (!lost.isEmpty()) {
            sb.append("  lost (owed an invocation, reachable from no CPU): ").append(String.join(", ", lost)).append('\n');
        }
        sb.append("  heads:\n");
        boolean debug = rcu.guard() == EnqueueGuard.DEBUG_OBJECTS;
        for (RcuHead h : rcu.heads()) {
            RcuHead next = h.peekNext();
            sb.append(String.format("    %-4s next %-5s func %-18s invoked %d, accepted %d%s%s%n", h.name(),
                    next == null ? "NULL" : next.name(), RcuCallback.nameOf(h.peekFunc()), rcu.invocations(h.id()), rcu.accepted(h.id()),
                    debug ? "  debugobjects " + rcu.debugObjects().describe(h) : "",
                    h.container() == null ? "" : "  " + h.container().describe()));
        }
        for (int cpu = 0; cpu < rcu.cpus(); cpu++) {
            String fl = rcu.freelist(cpu);
            if (!fl.equals("NULL")) {
                sb.append("  cpu").append(cpu).append(" ip_dst_cache freelist: ").append(fl).append('\n');
            }
        }
        List<RcuFinding> findings = rcu.findings();
        sb.append(findings.isEmpty() ? "  findings: none\n" : "  findings:\n");
        for (RcuFinding f : findings) {
            sb.append("    ").append(f).append('\n');
        }
        if (rcu.findingsDropped()) {
            sb.append("    ... (more findings than the log holds)\n");
        }
        return sb.toString();
    }
}
