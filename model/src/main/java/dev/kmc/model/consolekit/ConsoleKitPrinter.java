package dev.kmc.model.consolekit;

import java.util.ArrayList;
import java.util.List;
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
        StringBuilder sb = new StringBuilder();
        Set<String> gone = new TreeSet<>(m.ownersChanged());
        GHashTable<CkSessionLeader> t = m.leaders();
        sb.append("ConsoleKit manager [").append(m.strategy().label()).append("]\n");
        sb.append(String.format("  leaders: size %d mod %d nnodes %d noccupied %d version %d   (slots: %d REAL, %d TOMBSTONE)%n",
                t.size(), t.mod(), t.nnodes(), t.noccupied(), t.version(), t.realSlots(), t.tombstones()));
        for (int i = 0; i < t.size(); i++) {
            int h = t.hashAt(i);
            if (GHashTable.isTombstone(h)) {
                sb.append(String.format("    [%2d] TOMBSTONE%n", i));
            } else if (GHashTable.isReal(h)) {
                CkSessionLeader l = t.valueAt(i);
                sb.append(String.format("    [%2d] hash %08x  \"%s\" -> %s%n", i, h, t.keyAt(i), describe(l, gone)));
            }
        }
        List<String> removed = new ArrayList<>();
        List<String> destroyed = new ArrayList<>();
        for (CkSessionLeader l : m.created()) {
            if (!t.liveValues().contains(l)) removed.add(l.cookie());
            if (l.unrefs() > 0) destroyed.add(l.cookie() + (l.unrefs() > 1 ? " x" + l.unrefs() : ""));
        }
        sb.append("  removed from leaders: ").append(removed.isEmpty() ? "none" : String.join(" ", removed))
                .append("   leaders unreffed: ").append(destroyed.isEmpty() ? "none" : String.join(" ", destroyed)).append('\n');
        sb.append("  sessions: ").append(ids(m.sessions())).append("   seat ").append(CkManager.SEAT_ID).append(": ")
                .append(ids(m.seatSessions())).append('\n');
        sb.append("  clients gone: ").append(gone.isEmpty() ? "none" : String.join(", ", gone))
                .append("   ready: ").append(m.context().pending()).append('\n');
        List<CkFinding> findings = m.heap().findings();
        sb.append(findings.isEmpty() ? "  findings: none\n" : "  findings:\n");
        for (CkFinding f : findings) {
            sb.append("    ").append(f).append('\n');
        }
        String v = ConsoleKitInvariants.firstViolation(m);
        sb.append("  invariants: ").append(v == null ? "hold" : "VIOLATED: " + v).append('\n');
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
