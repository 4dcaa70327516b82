package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.CkFinding.DoubleFree;
import dev.kmc.model.consolekit.CkFinding.OutOfBounds;
import dev.kmc.model.consolekit.CkFinding.ProbesForever;
import dev.kmc.model.consolekit.CkFinding.UnrefNull;
import dev.kmc.model.consolekit.CkFinding.UseAfterFree;
import dev.kmc.model.consolekit.CkFinding.VersionChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The invariants of kernel-spec C1, checked between top-level dispatches (no handler on the
 * main loop's stack). A client is "gone" once its NameOwnerChanged has been dispatched. Each
 * check returns its violations in words; {@link #firstViolation} the first of all, in the
 * order below.
 * <ol>
 * <li>exactly once: every leader of a gone client is out of the leaders table, its cookie freed
 *     once and its leader unreffed once (finalized); no double free, use after free or
 *     g_object_unref(NULL);</li>
 * <li>the set of leaders removed from the table equals the set the predicate selects (those of
 *     gone clients);</li>
 * <li>the table's counters match its slots (nnodes = REAL slots, noccupied = nnodes + tombstones)
 *     and nothing was written past its arrays;</li>
 * <li>no foreach saw the table change under it (the GLib-CRITICAL);</li>
 * <li>no leader of a connected client was destroyed.</li>
 * </ol>
 */
public final class ConsoleKitInvariants {
    private ConsoleKitInvariants() { }

    /** The first violated invariant in words, or null if all hold. */
    public static String firstViolation(CkManager m) {
        List<String> v = violations(m);
        return v.isEmpty() ? null : v.get(0);
    }

    /** Every violation, in the order of the class comment. */
    public static List<String> violations(CkManager m) {
        List<String> out = new ArrayList<>();
        Set<String> gone = new TreeSet<>(m.ownersChanged());
        List<CkSessionLeader> live = m.leaders().liveValues();
        Heap heap = m.heap();
        for (CkSessionLeader l : m.created()) {                  // 1. exactly once
            if (!gone.contains(l.serviceName())) {
                continue;
            }
            if (live.contains(l)) {
                out.add("exactly once: " + l.name() + " of gone " + l.serviceName() + " is still in the leaders table");
            } else if (!l.finalized() || !l.tableKey().freed()) {
                out.add("exactly once: " + l.name() + " of gone " + l.serviceName() + " was removed but "
                        + (l.finalized() ? "its cookie never freed" : "never finalized"));
            } else if (l.unrefs() != 1) {
                out.add("exactly once: " + l.name() + " was unreffed " + l.unrefs() + "x");
            }
        }
        for (CkFinding f : heap.findings()) {
            if (f instanceof DoubleFree || f instanceof UseAfterFree || f instanceof UnrefNull) {
                out.add("exactly once: " + f);
            }
        }
        Set<String> removed = new TreeSet<>();                   // 2. removed set == predicate set
        Set<String> selected = new TreeSet<>();
        for (CkSessionLeader l : m.created()) {
            if (!live.contains(l)) removed.add(l.cookie());
            if (gone.contains(l.serviceName())) selected.add(l.cookie());
        }
        if (!removed.equals(selected)) {
            out.add("removed set " + removed + " != predicate set " + selected + " (the leaders of " + gone + ")");
        }
        GHashTable<CkSessionLeader> t = m.leaders();             // 3. counters and bounds
        if (t.nnodes() != t.realSlots()) {
            out.add("nnodes " + t.nnodes() + " != " + t.realSlots() + " REAL slots");
        }
        if (t.noccupied() != t.realSlots() + t.tombstones()) {
            out.add("noccupied " + t.noccupied() + " != " + t.realSlots() + " REAL + " + t.tombstones() + " TOMBSTONE slots");
        }
        for (CkFinding f : heap.findings()) {
            if (f instanceof OutOfBounds) {
                out.add("bounds: " + f);
            }
            if (f instanceof ProbesForever) {
                out.add("dead loop: " + f);
            }
        }
        for (VersionChanged f : heap.findings(VersionChanged.class)) {   // 4. no change during iteration
            out.add("changed during iteration: " + f);
        }
        for (CkSessionLeader l : connectedLeadersDestroyed(m)) {   // 5. no live leader destroyed
            out.add("live leader destroyed: " + l.name() + " of connected " + l.serviceName()
                    + (l.finalized() ? " was finalized" : " was removed from the table"));
        }
        return out;
    }

    /** Leaders of clients still connected that were finalized or removed from the table. */
    public static List<CkSessionLeader> connectedLeadersDestroyed(CkManager m) {
        List<CkSessionLeader> live = m.leaders().liveValues();
        List<String> gone = m.ownersChanged();
        return m.created().stream().filter(l -> !gone.contains(l.serviceName()) && (l.finalized() || !live.contains(l))).toList();
    }

    /** Leaders of gone clients still in the table. */
    public static List<CkSessionLeader> goneLeadersLeft(CkManager m) {
        List<CkSessionLeader> live = m.leaders().liveValues();
        List<String> gone = m.ownersChanged();
        return m.created().stream().filter(l -> gone.contains(l.serviceName()) && live.contains(l)).toList();
    }
}
