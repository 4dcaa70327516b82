package dev.kmc.model.consolekit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prints the manager the way a GLib/ConsoleKit hacker reads a core dump: the leaders table's
 * header fields and every non-UNUSED slot (index, hash, key, value), each leader marked by the
 * state of its client; which leaders left the table and which were unreffed; the sessions;
 * the ready sources; the findings and the first violated invariant.
 */
final class ConsoleKitPrinter {
    private ConsoleKitPrinter() { }

    static String print(CkManager m) {
        return print(data(m));
    }

    /**
     * The state as data, read once; {@link #print(Map)} formats only this tree, and the HTML report
     * draws from it. Keys: {@code kind} ("consolekit"), {@code strategy}, {@code size mod nnodes
     * noccupied version real tombstones}, {@code slots} (every slot below size: {@code index},
     * {@code state} "UNUSED", "TOMBSTONE" or "live", {@code hash} (8 hex digits), {@code key},
     * {@code value} (the leader's name), {@code service}, {@code gone}, {@code finalized},
     * {@code cancelled}, {@code text} (the leader as printed)), {@code staleSlot} (the index the
     * outer g_hash_table_foreach_remove holds across its callback: -1, the port keeps it in a
     * local, not a cell), {@code removed}, {@code unreffed}, {@code sessions}, {@code seatSessions},
     * {@code gone}, {@code ready}, {@code findings}, {@code invariant} ("" if they hold).
     */
    static Map<String, Object> data(CkManager m) {
        Map<String, Object> d = new LinkedHashMap<>();
        Set<String> gone = new TreeSet<>(m.ownersChanged());
        GHashTable<CkSessionLeader> t = m.leaders();
        d.put("kind", "consolekit");
        d.put("strategy", m.strategy().label());
        d.put("size", t.size());
        d.put("mod", t.mod());
        d.put("nnodes", t.nnodes());
        d.put("noccupied", t.noccupied());
        d.put("version", t.version());
        d.put("real", t.realSlots());
        d.put("tombstones", t.tombstones());
        List<Object> slots = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            int h = t.hashAt(i);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("index", i);
            boolean real = GHashTable.isReal(h);
            s.put("state", GHashTable.isTombstone(h) ? "TOMBSTONE" : real ? "live" : "UNUSED");
            s.put("hash", String.format("%08x", h));
            CkSessionLeader l = real ? t.valueAt(i) : null;
            s.put("key", real ? String.valueOf(t.keyAt(i)) : "");
            s.put("value", l == null ? "" : l.name());
            s.put("service", l == null ? "" : l.serviceName());
            s.put("gone", l != null && gone.contains(l.serviceName()));
            s.put("finalized", l != null && l.finalized());
            s.put("cancelled", l != null && l.cancelled());
            s.put("text", l == null ? "" : describe(l, gone));
            slots.add(s);
        }
        d.put("slots", slots);
        d.put("staleSlot", -1);
        List<String> removed = new ArrayList<>();
        List<String> destroyed = new ArrayList<>();
        for (CkSessionLeader l : m.created()) {
            if (!t.liveValues().contains(l)) removed.add(l.cookie());
            if (l.unrefs() > 0) destroyed.add(l.cookie() + (l.unrefs() > 1 ? " x" + l.unrefs() : ""));
        }
        d.put("removed", removed);
        d.put("unreffed", destroyed);
        d.put("sessions", ids(m.sessions()));
        d.put("seatSessions", ids(m.seatSessions()));
        d.put("gone", new ArrayList<>(gone));
        d.put("ready", String.valueOf(m.context().pending()));
        List<String> findings = new ArrayList<>();
        for (CkFinding f : m.heap().findings()) findings.add(String.valueOf(f));
        d.put("findings", findings);
        String v = ConsoleKitInvariants.firstViolation(m);
        d.put("invariant", v == null ? "" : v);
        return d;
    }

    @SuppressWarnings("unchecked")
    static String print(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        sb.append("ConsoleKit manager [").append(d.get("strategy")).append("]\n");
        sb.append(String.format("  leaders: size %d mod %d nnodes %d noccupied %d version %d   (slots: %d REAL, %d TOMBSTONE)%n",
                d.get("size"), d.get("mod"), d.get("nnodes"), d.get("noccupied"), d.get("version"), d.get("real"), d.get("tombstones")));
        for (Object o : (List<Object>) d.get("slots")) {
            Map<String, Object> s = (Map<String, Object>) o;
            if (s.get("state").equals("TOMBSTONE")) {
                sb.append(String.format("    [%2d] TOMBSTONE%n", s.get("index")));
            } else if (s.get("state").equals("live")) {
                sb.append(String.format("    [%2d] hash %s  \"%s\" -> %s%n", s.get("index"), s.get("hash"), s.get("key"), s.get("text")));
            }
        }
        List<String> removed = (List<String>) d.get("removed");
        List<String> destroyed = (List<String>) d.get("unreffed");
        List<String> gone = (List<String>) d.get("gone");
        sb.append("  removed from leaders: ").append(removed.isEmpty() ? "none" : String.join(" ", removed))
                .append("   leaders unreffed: ").append(destroyed.isEmpty() ? "none" : String.join(" ", destroyed)).append('\n');
        sb.append("  sessions: ").append(d.get("sessions")).append("   seat ").append(CkManager.SEAT_ID).append(": ")
                .append(d.get("seatSessions")).append('\n');
        sb.append("  clients gone: ").append(gone.isEmpty() ? "none" : String.join(", ", gone))
                .append("   ready: ").append(d.get("ready")).append('\n');
        List<String> findings = (List<String>) d.get("findings");
        sb.append(findings.isEmpty() ? "  findings: none\n" : "  findings:\n");
        for (String f : findings) {
            sb.append("    ").append(f).append('\n');
        }
        String v = (String) d.get("invariant");
        sb.append("  invariants: ").append(v.isEmpty() ? "hold" : "VIOLATED: " + v).append('\n');
        return sb.toString();
    }

    /** "leader 1a of :1.1 (gone)", "leader 3b of :1.3 (connected) FINALIZED". */
    private static String describe(CkSessionLeader l, Set<String> gone) {
        return l.name() + " of " + l.serviceName() + (gone.contains(l.serviceName()) ? " (gone)" : " (connected)")
                + (l.finalized() ? " FINALIZED" : "") + (l.cancelled() ? " cancelled" : "");
    }

    private static String ids(GHashTable<CkSession> t) {
        List<String> out = new ArrayList<>();
        for (CkSession s : t.liveValues()) out.add(s.id());
        out.sort(null);
        return out.isEmpty() ? "none" : String.join(" ", out);
    }
}
