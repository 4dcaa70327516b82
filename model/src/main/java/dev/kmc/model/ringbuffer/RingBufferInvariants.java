package dev.kmc.model.ringbuffer;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structural invariants of kernel-spec A.9, checked at writer quiescence (no writer inside
 * reserve..commit/discard). Each check returns the first violation in words, or null.
 */
public final class RingBufferInvariants {
    private RingBufferInvariants() { }

    /** The first structural invariant that does not hold, or null if all hold. */
    public static String firstViolation(RingBufferPerCpu cpu) {
        long num = cpu.entries() - (cpu.overrun() + cpu.readCount());
        if (num < 0) {
            return "entries - overrun - read >= 0: got " + cpu.entries() + " - " + cpu.overrun() + " - " + cpu.readCount() + " = " + num;
        }
        if (cpu.committing() != 0) {
            return "committing == 0 at writer quiescence: got " + cpu.committing();
        }
        if (cpu.warnings() != 0) {
            return "no RB_WARN_ON: fired " + cpu.warnings() + "x, first: " + cpu.firstWarning();
        }
        int n = cpu.geometry().ringPages();
        // Walk the ring from any ring page: it must close after exactly n pages, without the reader page.
        BufferPage reader = cpu.readerPage();
        BufferPage start = cpu.pagesAnchor();
        List<BufferPage> ring = new ArrayList<>();
        Map<BufferPage, Boolean> seen = new IdentityHashMap<>();
        BufferPage p = start;
        while (!seen.containsKey(p)) {
            if (p == reader) {
                return "the reader page is unreachable from the ring: " + ring + " reaches " + reader.name();
            }
            seen.put(p, true);
            ring.add(p);
            if (ring.size() > n) break;
            BufferPage q = p.peekNext();
            if (q.prev.peekPtr() != p) {
                return "prev mirrors next: " + p.name() + "->next is " + q.name() + " but its prev is " + q.prev.peekPtr().name();
            }
            p = q;
        }
        if (ring.size() != n || p != start) {
            return "the ring has " + n + " pages: walked " + ring;
        }
        int flagged = 0;
        BufferPage head = null;
        for (BufferPage q : ring) {
            int flag = q.peekNextFlag();
            if (flag != RbLayout.RB_PAGE_NORMAL) {
                flagged++;
                head = q.peekNext();
                if (flag != RbLayout.RB_PAGE_HEAD) {
                    return "the flagged link is HEAD at quiescence: " + q.name() + RingBufferPrinter.link(q);
                }
            }
        }
        if (flagged != 1) {
            return "exactly one flagged link in the ring: found " + flagged;
        }
        // Commit never passes tail: from the commit page, following next, the tail comes before the head does.
        BufferPage commit = cpu.commitPage();
        BufferPage tail = cpu.tailPage();
        BufferPage c = commit;
        for (int steps = 0; c != tail; steps++) {
            if (steps > n + 1) {
                return "commit never passes tail: tail " + tail.name() + " not reachable from commit " + commit.name();
            }
            c = c.peekNext();
        }
        for (BufferPage q : cpu.allPages()) {
            long w = q.pageWrite();
            long cm = q.pageCommit();
            if (!(cm <= w && w <= cpu.geometry().pageSize())) {
                return "commit <= write <= page size on " + q.name() + ": commit " + cm + ", write " + w;
            }
        }
        if (reader.read() > reader.pageCommit()) {
            return "reader.read <= commit(reader): read " + reader.read() + " > commit " + reader.pageCommit();
        }
        if (head == reader) {
            return "the head is not the reader page";
        }
        return null;
    }

    /**
     * Quiescent consistency of the emptiness predicate (kernel-spec A.9), evaluated on a copy so
     * the state is not changed: if isEmpty() then peek() is null, and after a peek() that returns
     * null, isEmpty() is true. Returns the violation in words, or null.
     */
    public static String emptinessViolation(RingBufferPerCpu cpu) {
        RingBufferPerCpu probe = cpu.copy();
        boolean emptyBefore = probe.ringBufferEmptyCpu();
        RbEvent peeked = probe.ringBufferPeek();
        if (emptyBefore && peeked != null) {
            return "isEmpty() is true but peek() returns " + peeked + " (false empty: a reader sleeps on unread data)";
        }
        if (peeked == null && !probe.ringBufferEmptyCpu()) {
            return "peek() returns null but isEmpty() is false afterwards (tracing_read_pipe loops forever)";
        }
        return null;
    }
}
