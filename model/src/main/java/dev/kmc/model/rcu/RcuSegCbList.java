package dev.kmc.model.rcu;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * {@code struct rcu_segcblist} (kernel/rcu/rcu_segcblist.c, include/linux/rcu_segcblist.h):
 * one singly linked list of callbacks cut into four segments by tail cells.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>{@code [head, *tails[DONE])} is ready to invoke; {@code [*tails[DONE], *tails[WAIT])}
 *     waits for the current grace period; {@code [*tails[WAIT], *tails[NEXT_READY])} for the
 *     next one; {@code [*tails[NEXT_READY], *tails[NEXT])} is new. Empty: head NULL and every
 *     tail {@code &head}.</li>
 * <li>Invariants of a correct use (kernel-spec B.7): {@code *tails[NEXT] == NULL}; the tails are
 *     cells of this list in list order, {@code tails[NEXT]} the last; {@code len} is the number of
 *     reachable nodes and the sum of {@code seglen}. See {@link RcuInvariants}.</li>
 * <li>No atomic read-modify-write protects the list: its owning CPU, with interrupts off, is the
 *     only writer. Nothing in it stops another CPU from linking the same {@link RcuHead}: then
 *     that head's {@code next} is a tail cell of two lists at once (kernel-spec B.4).</li>
 * <li>Grace periods use the minimal model of kernel-spec B.3: {@link #rcuSegcblistAccelerate()}
 *     at GP start, {@link #rcuSegcblistAdvance()} at GP end. Only tails move; nodes are never
 *     relinked.</li>
 * </ul>
 * NOTE: the kernel writes {@code tails[]} and {@code seglen[]} with WRITE_ONCE for lockless
 * readers on other CPUs (NOCB kthreads, diagnostics). The model has none: only the owning CPU's
 * thread touches them (and the printer and invariants, at quiescence), so they are plain.
 */
public final class RcuSegCbList {
    public static final int RCU_DONE_TAIL = 0;
    public static final int RCU_WAIT_TAIL = 1;
    public static final int RCU_NEXT_READY_TAIL = 2;
    public static final int RCU_NEXT_TAIL = 3;
    public static final int RCU_CBLIST_NSEGS = 4;
    static final String[] SEGMENT_NAMES = {"DONE", "WAIT", "NEXT_READY", "NEXT"};

    final HeadCell head = new HeadCell();
    final NextCell[] tails = new NextCell[RCU_CBLIST_NSEGS];
    final long[] seglen = new long[RCU_CBLIST_NSEGS];
    /** Total count, read locklessly by rcu_barrier() in the kernel: volatile, updated between full fences. */
    private volatile long len;

    /** rcu_segcblist_init(): empty, every tail &amp;head. */
    RcuSegCbList() {
        for (int i = 0; i < RCU_CBLIST_NSEGS; i++) {
            tails[i] = head;
        }
    }

    /**
     * rcu_segcblist_enqueue(): append {@code rhp} to the NEXT segment (kernel-spec B.2 step 7).
     * Links into whatever cell tails[NEXT] points at, even if that cell is another CPU's.
     */
    void rcuSegcblistEnqueue(RcuHead rhp) {
        rcuSegcblistAddLen(1);                                  // 7a. rcu_segcblist_inc_len(): len += 1 between smp_mb()s
        seglen[RCU_NEXT_TAIL]++;                                // 7a. rcu_segcblist_inc_seglen(rsclp, RCU_NEXT_TAIL)
        rhp.next = null;                                        // 7b. rhp->next = NULL
        tails[RCU_NEXT_TAIL].set(rhp);                          // 7c. WRITE_ONCE(*rsclp->tails[RCU_NEXT_TAIL], rhp)  // LP: rhp is linked in
        tails[RCU_NEXT_TAIL] = rhp;                             // 7d. WRITE_ONCE(rsclp->tails[RCU_NEXT_TAIL], &rhp->next)
    }

    /**
     * rcu_segcblist_add_len() without NOCB: {@code smp_mb(); WRITE_ONCE(len, len + v); smp_mb();}
     * NOTE: the fences order the list updates against the count for rcu_barrier(), which reads len
     * locklessly and must see 0-&gt;1 and 1-&gt;0 in order with them (kernel comment).
     */
    void rcuSegcblistAddLen(long v) {
        VarHandle.fullFence();                                  // smp_mb()
        len = len + v;                                          // WRITE_ONCE(rsclp->len, rsclp->len + v)
        VarHandle.fullFence();                                  // smp_mb()
    }

    /** rcu_segcblist_ready_cbs(): are there callbacks in the DONE segment? */
    boolean rcuSegcblistReadyCbs() {
        return tails[RCU_DONE_TAIL] != head;                    // &rsclp->head != READ_ONCE(rsclp->tails[RCU_DONE_TAIL])
    }

    /** rcu_segcblist_empty(): head == NULL (which says nothing about len). */
    boolean rcuSegcblistEmpty() {
        return head.get() == null;
    }

    /** rcu_segcblist_n_cbs(). */
    long rcuSegcblistNCbs() {
        return len;
    }

    /** rcu_segcblist_n_segment_cbs(): the sum of seglen. */
    long rcuSegcblistNSegmentCbs() {
        long sum = 0;
        for (long s : seglen) {
            sum += s;
        }
        return sum;
    }

    /**
     * rcu_segcblist_extract_done_cbs() (kernel-spec B.3): move the DONE segment to {@code rclp},
     * leaving len unchanged so that rcu_barrier() stays conservative. The caller has checked
     * rcu_segcblist_ready_cbs(), so the kernel's early return is left out.
     */
    void rcuSegcblistExtractDoneCbs(RcuCbList rclp) {
        NextCell doneTail = tails[RCU_DONE_TAIL];
        rclp.tail.set(head.get());                              // *rclp->tail = rsclp->head
        head.set(doneTail.get());                               // WRITE_ONCE(rsclp->head, *rsclp->tails[RCU_DONE_TAIL])
        doneTail.set(null);                                     // WRITE_ONCE(*rsclp->tails[RCU_DONE_TAIL], NULL)
        // NOTE: doneTail may be the next field of a head another CPU has queued too: this store cuts that CPU's list.
        rclp.tail = doneTail;                                   // rclp->tail = rsclp->tails[RCU_DONE_TAIL]
        for (int i = RCU_CBLIST_NSEGS - 1; i >= RCU_DONE_TAIL; i--) {
            if (tails[i] == doneTail) {
                tails[i] = head;                                // WRITE_ONCE(rsclp->tails[i], &rsclp->head)
            }
        }
        seglen[RCU_DONE_TAIL] = 0;                              // rcu_segcblist_set_seglen(rsclp, RCU_DONE_TAIL, 0)
    }

    /**
     * GP start, minimal rcu_segcblist_accelerate(): every callback not yet DONE waits for the
     * grace period that starts now. WAIT and NEXT_READY take the NEXT tail (a snapshot of it) and
     * their counts.
     */
    void rcuSegcblistAccelerate() {
        for (int i = RCU_WAIT_TAIL; i < RCU_NEXT_TAIL; i++) {
            tails[i] = tails[RCU_NEXT_TAIL];                    // WRITE_ONCE(rsclp->tails[i], rsclp->tails[RCU_NEXT_TAIL])
        }
        seglen[RCU_WAIT_TAIL] += seglen[RCU_NEXT_READY_TAIL] + seglen[RCU_NEXT_TAIL];   // rcu_segcblist_move_seglen(j -> WAIT)
        seglen[RCU_NEXT_READY_TAIL] = 0;
        seglen[RCU_NEXT_TAIL] = 0;
    }

    /**
     * GP end, minimal rcu_segcblist_advance(): the WAIT segment's grace period is over, so the
     * DONE tail takes the snapshot made at GP start.
     */
    void rcuSegcblistAdvance() {
        tails[RCU_DONE_TAIL] = tails[RCU_WAIT_TAIL];            // WRITE_ONCE(rsclp->tails[RCU_DONE_TAIL], rsclp->tails[RCU_WAIT_TAIL])
        seglen[RCU_DONE_TAIL] += seglen[RCU_WAIT_TAIL];         // rcu_segcblist_move_seglen(WAIT -> DONE)
        seglen[RCU_WAIT_TAIL] = 0;
    }

    /** Make this (fresh) list a copy of {@code src}, whose nodes are {@code heads} by id (for {@link Rcu#copy()}). */
    void copyFrom(RcuSegCbList src, List<RcuHead> heads) {
        RcuHead first = src.head.get();
        head.set(first == null ? null : heads.get(first.id()));
        for (int i = 0; i < RCU_CBLIST_NSEGS; i++) {
            tails[i] = src.tails[i] instanceof RcuHead h ? heads.get(h.id()) : head;
            seglen[i] = src.seglen[i];
        }
        len = src.len;
    }

    // ---- read-only views, for checks, printing and state keys ---------------------------------

    /** The first callback (rsclp-&gt;head). */
    public RcuHead head() { return head.get(); }

    /** tails[seg]: a {@link RcuHead} (meaning &amp;that.next) or this list's head cell. */
    public NextCell tail(int seg) { return tails[seg]; }

    /** True if tails[seg] is &amp;head. */
    public boolean tailIsHead(int seg) { return tails[seg] == head; }

    public long seglen(int seg) { return seglen[seg]; }

    public long len() { return len; }

    /** The nodes reachable from head, in order, and where a cycle closes (bounded). */
    public Walk walk() { return Walk.from(head); }

    /**
     * A walk along next fields from a cell: the nodes in order until NULL or the first node seen
     * twice ({@code cycleAt}, null if the walk ended at NULL). Each step meets a new node, so the
     * walk is bounded by the number of heads.
     */
    public record Walk(List<RcuHead> nodes, RcuHead cycleAt) {
        static Walk from(NextCell start) {
            List<RcuHead> nodes = new ArrayList<>();
            Set<RcuHead> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            RcuHead h = start.get();
            while (h != null && seen.add(h)) {
                nodes.add(h);
                h = h.next;
            }
            return new Walk(List.copyOf(nodes), h);
        }

        /** The cell holding the walk's last next field (NULL or the closing pointer), or {@code start} if empty. */
        NextCell lastCell(NextCell start) {
            return nodes.isEmpty() ? start : nodes.get(nodes.size() - 1);
        }

        /** "X -&gt; D2 -&gt; NULL", or "X -&gt; X (cycle)". */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (RcuHead h : nodes) {
                sb.append(h.name()).append(" -> ");
            }
            return sb.append(cycleAt == null ? "NULL" : cycleAt.name() + " (cycle)").toString();
        }
    }
}
