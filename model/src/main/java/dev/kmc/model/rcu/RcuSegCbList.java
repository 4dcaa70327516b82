package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.Word;
import dev.kmc.model.rcu.EnqueueGuard.RcuVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The per-CPU callback list: {@code struct rcu_segcblist} of v5.15 (rcu_segcblist.c), which is
 * 3.10's {@code rdp->nxtlist}, {@code rdp->nxttail[RCU_NEXT_SIZE]} and {@code rdp->qlen}
 * (kernel/rcutree.h) under new names: one singly linked list cut into four segments by tails.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>{@code head} (nxtlist) and each {@code tails[i]} (nxttail[i]) are cells; a tail is a pointer to
 *     a cell ({@code struct rcu_head **}): this list's {@code head} or some head's {@code next}.
 *     Only this CPU touches head, tails and seglen (interrupts off), so they are
 *     {@link dev.kmc.model.mem.Cell#cpuPrivate()}; {@code len} is read locklessly by rcu_barrier().</li>
 * <li>The {@code next} cells the tails point at are NOT private: nothing stops another CPU from
 *     linking the same head, and then its {@code next} is a tail cell of two lists (kernel-spec B.4).</li>
 * <li>3.10 has no {@code seglen[]}; the port keeps them for both versions and only v5.15's WARNs read them.</li>
 * <li>Grace periods use the minimal model of kernel-spec B.3 ({@link #rcuSegcblistAccelerate()},
 *     {@link #rcuSegcblistAdvance()}): only tails move.</li>
 * </ul>
 */
public final class RcuSegCbList {
    public static final int RCU_DONE_TAIL = 0;
    public static final int RCU_WAIT_TAIL = 1;
    public static final int RCU_NEXT_READY_TAIL = 2;
    public static final int RCU_NEXT_TAIL = 3;
    public static final int RCU_CBLIST_NSEGS = 4;
    static final String[] SEGMENT_NAMES = {"DONE", "WAIT", "NEXT_READY", "NEXT"};

    private final RcuVersion version;
    private final Memory mem;
    final ObjPtr<RcuHead> head;
    /** {@code struct rcu_head **tails[]}: each points at a pointer cell (this list's head or some head's next). */
    final List<Ptr<Word>> tails = new ArrayList<>();
    /** Which head owns which next cell, for following a tail back to its node (views only, by cell index). */
    private final Rcu rcu;
    final Word[] seglen = new Word[RCU_CBLIST_NSEGS];
    final Word len;

    /** rcu_segcblist_init() / init_default_callback_list(): empty, every tail &amp;head. */
    RcuSegCbList(Memory mem, Rcu rcu, int cpu, RcuVersion version) {
        this.version = version;
        this.mem = mem;
        this.rcu = rcu;
        this.head = new ObjPtr<RcuHead>(mem, "cpu" + cpu + ".head", h -> h.addr).cpuPrivate();
        for (int i = 0; i < RCU_CBLIST_NSEGS; i++) {
            tails.add(mem.<Word>ptr("cpu" + cpu + ".tails[" + SEGMENT_NAMES[i] + "]", head.cell()).cpuPrivate());
            seglen[i] = mem.word("cpu" + cpu + ".seglen[" + SEGMENT_NAMES[i] + "]", 0).cpuPrivate();
        }
        this.len = mem.word("cpu" + cpu + ".len", 0);
    }

    /**
     * Append {@code rhp} to the NEXT segment (kernel-spec B.2 step 7): links into whatever cell
     * tails[NEXT] points at, even if that cell is another CPU's tail too.
     */
    void rcuSegcblistEnqueue(RcuHead rhp) {
        if (version == RcuVersion.V3_10_514) {
            len.writeOnce(len.readOnce() + 1);                      // ACCESS_ONCE(rdp->qlen)++
            mem.smpMb();                                            // smp_mb(): count before adding callback for rcu_barrier()
            seglen[RCU_NEXT_TAIL].store(seglen[RCU_NEXT_TAIL].load() + 1);   // (no seglen in 3.10: model bookkeeping)
            tails.get(RCU_NEXT_TAIL).load().store(rhp.addr);        // *rdp->nxttail[RCU_NEXT_TAIL] = head  // LP: rhp is linked in
            tails.get(RCU_NEXT_TAIL).store(rhp.next.cell());        // rdp->nxttail[RCU_NEXT_TAIL] = &head->next
            return;
        }
        rcuSegcblistAddLen(1);                                      // rcu_segcblist_inc_len(): len += 1 between smp_mb()s
        seglen[RCU_NEXT_TAIL].writeOnce(seglen[RCU_NEXT_TAIL].load() + 1);   // rcu_segcblist_inc_seglen(rsclp, RCU_NEXT_TAIL)
        rhp.next.store(null);                                       // rhp->next = NULL
        tails.get(RCU_NEXT_TAIL).load().writeOnce(rhp.addr);        // WRITE_ONCE(*rsclp->tails[RCU_NEXT_TAIL], rhp)  // LP
        tails.get(RCU_NEXT_TAIL).writeOnce(rhp.next.cell());        // WRITE_ONCE(rsclp->tails[RCU_NEXT_TAIL], &rhp->next)
    }

    /**
     * v5.15 rcu_segcblist_add_len() without NOCB: {@code smp_mb(); WRITE_ONCE(len, len + v); smp_mb();}
     * 3.10 rcu_do_batch: {@code smp_mb(); ACCESS_ONCE(rdp->qlen) -= count;} (v negative).
     */
    void rcuSegcblistAddLen(long v) {
        mem.smpMb();
        len.writeOnce(len.readOnce() + v);
        if (version == RcuVersion.V5_15) {
            mem.smpMb();
        }
    }

    /** rcu_segcblist_ready_cbs() / cpu_has_callbacks_ready_to_invoke(): callbacks in the DONE segment? */
    boolean rcuSegcblistReadyCbs() {
        return tails.get(RCU_DONE_TAIL).readOnce() != head.cell();  // &rsclp->head != READ_ONCE(rsclp->tails[RCU_DONE_TAIL])
    }

    /** rcu_segcblist_empty(): head == NULL. */
    boolean rcuSegcblistEmpty() {
        return head.load() == null;
    }

    /** rcu_segcblist_n_segment_cbs(): the sum of seglen. */
    long rcuSegcblistNSegmentCbs() {
        long sum = 0;
        for (Word s : seglen) {
            sum += s.readOnce();
        }
        return sum;
    }

    /**
     * rcu_segcblist_extract_done_cbs() (v5.15) = the extraction in 3.10's rcu_do_batch: returns the
     * first extracted callback (the batch's list); the caller has checked that some are ready.
     * len is left alone (rcu_barrier() must stay conservative).
     */
    RcuHead rcuSegcblistExtractDoneCbs() {
        RcuHead list = head.load();                                 // list = rdp->nxtlist / *rclp->tail = rsclp->head
        Word doneTail = tails.get(RCU_DONE_TAIL).load();
        head.cell().writeOnce(doneTail.load());                     // rdp->nxtlist = *rdp->nxttail[RCU_DONE_TAIL]
        doneTail.writeOnce(0);                                      // *rdp->nxttail[RCU_DONE_TAIL] = NULL
        // NOTE: doneTail may be the next cell of a head another CPU has queued too: this store cuts that CPU's list.
        for (int i = RCU_CBLIST_NSEGS - 1; i >= RCU_DONE_TAIL; i--) {
            if (tails.get(i).load() == doneTail) {
                tails.get(i).writeOnce(head.cell());                // rdp->nxttail[i] = &rdp->nxtlist
            }
        }
        seglen[RCU_DONE_TAIL].writeOnce(0);                         // rcu_segcblist_set_seglen(rsclp, RCU_DONE_TAIL, 0)
        return list;
    }

    /**
     * GP start, minimal rcu_segcblist_accelerate() (3.10: rcu_accelerate_cbs): every callback not
     * yet DONE waits for the grace period that starts now.
     */
    void rcuSegcblistAccelerate() {
        for (int i = RCU_WAIT_TAIL; i < RCU_NEXT_TAIL; i++) {
            tails.get(i).writeOnce(tails.get(RCU_NEXT_TAIL).load());
        }
        seglen[RCU_WAIT_TAIL].store(seglen[RCU_WAIT_TAIL].load() + seglen[RCU_NEXT_READY_TAIL].load() + seglen[RCU_NEXT_TAIL].load());
        seglen[RCU_NEXT_READY_TAIL].store(0);
        seglen[RCU_NEXT_TAIL].store(0);
    }

    /** GP end, minimal rcu_segcblist_advance() (3.10: rcu_advance_cbs): WAIT becomes DONE. */
    void rcuSegcblistAdvance() {
        tails.get(RCU_DONE_TAIL).writeOnce(tails.get(RCU_WAIT_TAIL).load());
        seglen[RCU_DONE_TAIL].store(seglen[RCU_DONE_TAIL].load() + seglen[RCU_WAIT_TAIL].load());
        seglen[RCU_WAIT_TAIL].store(0);
    }

    // ---- read-only views (no scheduling): checks, printing, keys -----------------------------------

    /** The first callback. */
    public RcuHead head() { return head.peekPtr(); }

    /** tails[seg]: the cell it points at. */
    public Word tail(int seg) { return tails.get(seg).peekPtr(); }

    /** The list's own head cell ({@code &rsclp->head}). */
    public Word headCell() { return head.cell(); }

    /** True if tails[seg] is &amp;head. */
    public boolean tailIsHead(int seg) { return tail(seg) == head.cell(); }

    public long seglen(int seg) { return seglen[seg].peek(); }

    public long len() { return len.peek(); }

    /** How the memory names address {@code addr}. */
    String memoryName(long addr) { return mem.nameOf(addr); }

    /** The name of the cell tails[seg] points at: "&amp;head" or "&amp;X.next". */
    public String tailName(int seg) {
        Word t = tail(seg);
        return t == head.cell() ? "&head" : "&" + t.name();
    }

    /** The nodes reachable from head, in order, and where a cycle closes (bounded). */
    public Walk walk() { return Walk.from(head); }

    /** A walk along next cells: the nodes until NULL or the first node seen twice ({@code cycleAt}). */
    public record Walk(List<RcuHead> nodes, RcuHead cycleAt) {
        static Walk from(ObjPtr<RcuHead> start) {
            List<RcuHead> nodes = new ArrayList<>();
            Set<RcuHead> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            RcuHead h = start.peekPtr();
            while (h != null && seen.add(h)) {
                nodes.add(h);
                h = h.peekNext();
            }
            return new Walk(List.copyOf(nodes), h);
        }

        /** The cell holding the walk's last next field, or {@code start} if empty. */
        Word lastCell(Word start) {
            return nodes.isEmpty() ? start : nodes.get(nodes.size() - 1).next.cell();
        }

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
