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
 * nowhere; every head's fields and container; the slab freelists; the findings. The values are read
 * once into a tree ({@link #data}, the structured snapshot the HTML report draws from) and the text is
 * formatted from that tree only, so text and picture cannot disagree.
 */
final class RcuPrinter {
    private RcuPrinter() { }

    static String print(Rcu rcu) {
        return print(data(rcu));
    }

    /**
     * The state as data, read once; {@link #print(Map)} formats only this tree, and the HTML report
     * draws from it. Keys: {@code kind} ("rcu"), {@code guard}, {@code gpSeq}, {@code cpus} (per CPU:
     * {@code cpu}, {@code nodes} reachable from head, each {@code name} and {@code shared}; {@code
     * cycleAt}; {@code len}; {@code seglen}; {@code notedGpSeq}; {@code tails}, each {@code seg},
     * {@code text} ("&head", "&D1.next"), {@code after} (the node whose next it points at, or
     * "head") and {@code orphan}), {@code shared} ({@code cpus}, {@code names}), {@code lost},
     * {@code heads} ({@code name next func invoked accepted debugobjects container}), {@code
     * freelists} ({@code cpu}, {@code list}), {@code findings}, {@code findingsDropped}.
     */
    static Map<String, Object> data(Rcu rcu) {
        Map<String, Object> d = new LinkedHashMap<>();
        long g = rcu.gpSeq();
        d.put("kind", "rcu");
        d.put("guard", rcu.guard().label());
        d.put("gpSeq", g);
        List<Walk> walks = new ArrayList<>();
        Map<RcuHead, List<String>> owners = new LinkedHashMap<>();
        for (int cpu = 0; cpu < rcu.cpus(); cpu++) {
            Walk w = rcu.cblist(cpu).walk();
            walks.add(w);
            for (RcuHead h : w.nodes()) {
                owners.computeIfAbsent(h, k -> new ArrayList<>()).add("cpu" + cpu);
            }
        }
        List<Object> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < rcu.cpus(); cpu++) {
            RcuSegCbList l = rcu.cblist(cpu);
            Walk w = walks.get(cpu);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cpu", "cpu" + cpu);
            List<Object> nodes = new ArrayList<>();
            for (RcuHead h : w.nodes()) {
                nodes.add(Map.of("name", h.name(), "shared", owners.get(h).size() > 1));
            }
            c.put("nodes", nodes);
            c.put("cycleAt", w.cycleAt() == null ? "" : w.cycleAt().name());
            c.put("len", l.len());
            List<Object> seglen = new ArrayList<>();
            for (int seg = 0; seg < RCU_CBLIST_NSEGS; seg++) seglen.add(l.seglen(seg));
            c.put("seglen", seglen);
            c.put("notedGpSeq", rcu.gpSeq(cpu));
            List<Object> tails = new ArrayList<>();
            for (int seg = 0; seg < RCU_CBLIST_NSEGS; seg++) {
                final int sg = seg;
                RcuHead after = null;
                for (RcuHead h : rcu.heads()) if (h.nextCell() == l.tail(sg)) after = h;
                boolean orphan = !l.tailIsHead(seg) && w.nodes().stream().noneMatch(h -> h.nextCell() == l.tail(sg));
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("seg", SEGMENT_NAMES[seg]);
                t.put("text", l.tailName(seg));
                t.put("after", l.tailIsHead(seg) ? "head" : after == null ? "" : after.name());
                t.put("orphan", orphan);
                tails.add(t);
            }
            c.put("tails", tails);
            cpus.add(c);
        }
        d.put("cpus", cpus);
        Map<String, List<String>> shared = new LinkedHashMap<>();
        owners.forEach((h, cs) -> {
            if (cs.size() > 1) {
                shared.computeIfAbsent(RcuInvariants.joinAnd(cs), k -> new ArrayList<>()).add(h.name());
            }
        });
        List<Object> sharedList = new ArrayList<>();
        shared.forEach((cs, names) -> sharedList.add(Map.of("cpus", cs, "names", names)));
        d.put("shared", sharedList);
        List<String> lost = new ArrayList<>();
        for (RcuHead h : rcu.heads()) {
            if (rcu.accepted(h.id()) > rcu.invocations(h.id()) && !owners.containsKey(h)) {
                lost.add(h.name());
            }
        }
        d.put("lost", lost);
        boolean debug = rcu.guard() == EnqueueGuard.DEBUG_OBJECTS;
        List<Object> heads = new ArrayList<>();
        for (RcuHead h : rcu.heads()) {
            RcuHead next = h.peekNext();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", h.name());
            m.put("next", next == null ? "NULL" : next.name());
            m.put("func", RcuCallback.nameOf(h.peekFunc()));
            m.put("invoked", rcu.invocations(h.id()));
            m.put("accepted", rcu.accepted(h.id()));
            m.put("debugobjects", debug ? rcu.debugObjects().describe(h) : "");
            m.put("container", h.container() == null ? "" : h.container().describe());
            heads.add(m);
        }
        d.put("heads", heads);
        List<Object> freelists = new ArrayList<>();
        for (int cpu = 0; cpu < rcu.cpus(); cpu++) {
            String fl = rcu.freelist(cpu);
            if (!fl.equals("NULL")) freelists.add(Map.of("cpu", "cpu" + cpu, "list", fl));
        }
        d.put("freelists", freelists);
        List<String> findings = new ArrayList<>();
        for (RcuFinding f : rcu.findings()) findings.add(f.toString());
        d.put("findings", findings);
        d.put("findingsDropped", rcu.findingsDropped());
        return d;
    }

    /** Formats a tree made by {@link #data}: nothing else is read. */
    @SuppressWarnings("unchecked")
    static String print(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        long g = (Long) d.get("gpSeq");
        sb.append("rcu [").append(d.get("guard")).append("] gp_seq ").append(g)
                .append((g & 1) == 0 ? " (no grace period in progress)" : " (grace period in progress)").append('\n');
        for (Object o : (List<Object>) d.get("cpus")) {
            Map<String, Object> c = (Map<String, Object>) o;
            sb.append("  ").append(c.get("cpu")).append(": head -> ");
            for (Object n : (List<Object>) c.get("nodes")) {
                Map<String, Object> node = (Map<String, Object>) n;
                sb.append(node.get("name")).append((Boolean) node.get("shared") ? "*" : "").append(" -> ");
            }
            String cycleAt = (String) c.get("cycleAt");
            sb.append(cycleAt.isEmpty() ? "NULL" : cycleAt + " (cycle)");
            sb.append("   len ").append(c.get("len")).append("  seglen");
            List<Object> seglen = (List<Object>) c.get("seglen");
            for (int seg = 0; seg < seglen.size(); seg++) {
                sb.append(seg == 0 ? " " : "/").append(seglen.get(seg));
            }
            if ((Long) c.get("notedGpSeq") != g) {
                sb.append("  noted gp_seq ").append(c.get("notedGpSeq"));
            }
            sb.append("\n        ");
            boolean first = true;
            for (Object t : (List<Object>) c.get("tails")) {
                Map<String, Object> tail = (Map<String, Object>) t;
                sb.append(first ? "" : " ").append("tails[").append(tail.get("seg")).append("]=").append(tail.get("text"))
                        .append((Boolean) tail.get("orphan") ? " (orphan)" : "");
                first = false;
            }
            sb.append('\n');
        }
        for (Object o : (List<Object>) d.get("shared")) {
            Map<String, Object> s = (Map<String, Object>) o;
            sb.append("  * reachable from ").append(s.get("cpus")).append(": ").append(String.join(", ", (List<String>) s.get("names")))
                    .append('\n');
        }
        List<String> lost = (List<String>) d.get("lost");
        if (!lost.isEmpty()) {
            sb.append("  lost (owed an invocation, reachable from no CPU): ").append(String.join(", ", lost)).append('\n');
        }
        sb.append("  heads:\n");
        for (Object o : (List<Object>) d.get("heads")) {
            Map<String, Object> h = (Map<String, Object>) o;
            String debug = (String) h.get("debugobjects");
            String container = (String) h.get("container");
            sb.append(String.format("    %-4s next %-5s func %-18s invoked %d, accepted %d%s%s%n", h.get("name"), h.get("next"),
                    h.get("func"), h.get("invoked"), h.get("accepted"), debug.isEmpty() ? "" : "  debugobjects " + debug,
                    container.isEmpty() ? "" : "  " + container));
        }
        for (Object o : (List<Object>) d.get("freelists")) {
            Map<String, Object> f = (Map<String, Object>) o;
            sb.append("  ").append(f.get("cpu")).append(" ip_dst_cache freelist: ").append(f.get("list")).append('\n');
        }
        List<String> findings = (List<String>) d.get("findings");
        sb.append(findings.isEmpty() ? "  findings: none\n" : "  findings:\n");
        for (String f : findings) {
            sb.append("    ").append(f).append('\n');
        }
        if ((Boolean) d.get("findingsDropped")) {
            sb.append("    ... (more findings than the log holds)\n");
        }
        return sb.toString();
    }
}
