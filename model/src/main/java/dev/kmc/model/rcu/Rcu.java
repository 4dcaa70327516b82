package dev.kmc.model.rcu;

import dev.kmc.model.rcu.RcuFinding.CallbackCycle;
import dev.kmc.model.rcu.RcuFinding.DoubleCallRcu;
import dev.kmc.model.rcu.RcuFinding.DoubleInvocation;
import dev.kmc.model.rcu.RcuFinding.EarlyInvocation;
import dev.kmc.model.rcu.RcuFinding.Leak;
import dev.kmc.model.rcu.RcuFinding.NullCallbackInvocation;
import dev.kmc.model.rcu.RcuFinding.Warn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tree RCU's callback path of kernel/rcu/tree.c (about v5.15): {@code __call_rcu},
 * {@code rcu_do_batch} and a minimal grace period, over N CPUs, each with its
 * {@link RcuSegCbList}. The {@link EnqueueGuard} chooses the variant.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>CPU c's operations ({@link #callRcu}, {@link #rcuDoBatch}, {@link #noteGpChanges}) run on
 *     CPU c's thread, one at a time: that confinement stands for the kernel's interrupts-off
 *     sections. Callbacks run on that thread too and may call {@link #callRcu} on it.</li>
 * <li>{@link #rcuGpInit()} and {@link #rcuGpCleanup()} (the GP kthread: synchronized, one at a
 *     time) only move {@code rcu_state.gp_seq}; each CPU applies them to its own list the next time it runs
 *     ({@link RcuData#noteGpChanges}), as the kernel's note_gp_changes() does. So no thread ever
 *     writes another CPU's list, except through a head that two lists share: the bug.</li>
 * <li>Invariants of a correct use: kernel-spec B.7, see {@link RcuInvariants}. With
 *     {@link EnqueueGuard#DEBUG_OBJECTS} they hold after every operation; without it a double
 *     call_rcu() breaks them at the second call (in kernel-spec B.4: disjointness), and they
 *     never hold again.</li>
 * <li>Heads are allocated here ({@link #newHead}), numbered 0, 1, ... before any CPU runs.</li>
 * </ul>
 */
public final class Rcu {
    private final EnqueueGuard guard;
    private final RcuData[] rdp;
    /** rcu_state.gp_seq: counts grace-period starts and ends; odd while one is in progress. */
    private volatile long gpSeq;
    private final List<RcuHead> heads = new ArrayList<>();
    /** Per head id, the model's record of what happened to it (no kernel counterpart). */
    private final List<Ledger> ledger = new ArrayList<>();
    private final List<RcuFinding> findings = new CopyOnWriteArrayList<>();

    /** rcu_leak_callback(): empty in the kernel; here it records that the object is leaked. */
    private final RcuCallback rcuLeakCallback = new RcuCallback("rcu_leak_callback", rhp -> report(new Leak(rhp.name())));

    public Rcu(int cpus, EnqueueGuard guard) {
        this.guard = guard;
        this.rdp = new RcuData[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            rdp[cpu] = new RcuData(cpu);
        }
    }

    /** Allocate a head with the next id, embedded in {@code container} (null for a bare head). */
    public RcuHead newHead(String name, RcuContainer container) {
        RcuHead h = new RcuHead(heads.size(), name, container);
        heads.add(h);
        ledger.add(new Ledger());
        return h;
    }

    /** How often call_rcu() accepted a head and rcu_do_batch() invoked it, and when its grace period ends. */
    private static final class Ledger {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger invoked = new AtomicInteger();
        /** {@code rcu_seq_snap(&rcu_state.gp_seq)} at the last accepted call_rcu(): invoking it is legal from this gp_seq on. */
        volatile long gpSnap;
    }

    // =========================================================================================
    // call_rcu() (kernel-spec B.2)
    // =========================================================================================

    /**
     * call_rcu(head, func) -&gt; __call_rcu() on {@code cpu}: queue {@code head} on this CPU's list.
     * Returns false if debug_rcu_head_queue() rejected it as a duplicate (only with
     * {@link EnqueueGuard#DEBUG_OBJECTS}; the queued instance then runs rcu_leak_callback).
     */
    public boolean callRcu(int cpu, RcuHead head, RcuCallback func) {
        // 1. WARN on a misaligned head: a Java reference cannot be misaligned.
        if (guard.debugRcuHeadQueue(head)) {                    // 2. probable double call_rcu(), so leak the callback
            report(new DoubleCallRcu(cpu, head.name(), RcuCallback.nameOf(head.func)));   // pr_err("Double-freed CB %p->%pS()!!!")
            head.func = rcuLeakCallback;                        // WRITE_ONCE(head->func, rcu_leak_callback)
            return false;
        }
        head.func = func;                                       // 3. head->func = func
        head.next = null;                                       //    head->next = NULL
        RcuData rdp = this.rdp[cpu];                            // 4. local_irq_save(); rdp = this_cpu_ptr(&rcu_data)
        rdp.noteGpChanges(gpSeq);                               //    (minimal GP model: see RcuData.noteGpChanges)
        Ledger rec = ledger.get(head.id());                     //    (the model's record of the accepted call:
        rec.gpSnap = (rdp.gpSeq + 3) & ~1L;                     //     rcu_seq_snap(), the end of the next full grace period)
        rec.accepted.incrementAndGet();
        // 5. list enabled; 6. check_cb_ovld, NOCB bypass: always enabled, no NOCB in the model
        rdp.cblist.rcuSegcblistEnqueue(head);                   // 7. rcu_segcblist_enqueue(&rdp->cblist, head)
        return true;                                            // 8. __call_rcu_core(); local_irq_restore()
    }

    // =========================================================================================
    // Grace periods (kernel-spec B.3, minimal model)
    // =========================================================================================

    /**
     * rcu_gp_init(): rcu_seq_start(&amp;rcu_state.gp_seq). CPUs snapshot their NEXT tails when they
     * note it. The GP methods are synchronized: there is one GP kthread, so grace periods never overlap.
     */
    public synchronized void rcuGpInit() {
        long s = gpSeq;
        if ((s & 1) != 0) {
            throw new IllegalStateException("rcu_gp_init: grace period " + s + " is already in progress");
        }
        gpSeq = s + 1;                                          // WRITE_ONCE(*sp, *sp + 1); smp_mb()  (volatile store)
    }

    /** rcu_gp_cleanup(): rcu_seq_end(&amp;rcu_state.gp_seq). CPUs move their snapshot into DONE when they note it. */
    public synchronized void rcuGpCleanup() {
        long s = gpSeq;
        if ((s & 1) == 0) {
            throw new IllegalStateException("rcu_gp_cleanup: no grace period in progress (gp_seq " + s + ")");
        }
        gpSeq = s + 1;                                          // smp_mb(); WRITE_ONCE(*sp, rcu_seq_endval(sp))  (volatile store)
    }

    /** One whole grace period: every callback queued before it becomes DONE on every CPU. */
    public synchronized void gracePeriod() {
        rcuGpInit();
        rcuGpCleanup();
    }

    /** note_gp_changes() on {@code cpu} (what rcu_core() does first); callRcu and rcuDoBatch call it themselves. */
    public void noteGpChanges(int cpu) {
        rdp[cpu].noteGpChanges(gpSeq);
    }

    // =========================================================================================
    // rcu_do_batch() (kernel-spec B.3)
    // =========================================================================================

    /**
     * rcu_core() -&gt; rcu_do_batch() on {@code cpu}: invoke the ready callbacks. Returns the ids of
     * the heads invoked, in order. No batch limit: the loop runs the extracted list dry, so
     * rcu_segcblist_insert_done_cbs() has nothing to requeue and is left out.
     */
    public List<Integer> rcuDoBatch(int cpu) {
        RcuData rdp = this.rdp[cpu];
        RcuSegCbList cbl = rdp.cblist;
        rdp.noteGpChanges(gpSeq);                               // rcu_core(): rcu_check_quiescent_state() -> note_gp_changes()
        if (!cbl.rcuSegcblistReadyCbs()) {                      // 1. If no callbacks are ready, just return.
            return List.of();
        }
        RcuCbList rcl = new RcuCbList();
        cbl.rcuSegcblistExtractDoneCbs(rcl);                    // 2. irqs off: extract; len is not changed yet
        List<Integer> ids = new ArrayList<>();
        BitSet seen = new BitSet();
        long count = 0;
        for (RcuHead rhp = rcl.rcuCblistDequeue(); rhp != null; rhp = rcl.rcuCblistDequeue()) {   // 3. irqs on: reads rhp->next first
            if (seen.get(rhp.id())) {
                // NOTE: the kernel has no such check. A head met twice in one batch means the done chain loops
                // back (a cycle, or a callback re-posted into it); the kernel would go round until its batch
                // limit, requeue the rest and come back forever. The model stops here and drops the rest.
                report(new CallbackCycle(cpu, rhp.name()));
                break;
            }
            seen.set(rhp.id());
            count++;
            guard.debugRcuHeadUnqueue(rhp);                     // debug_rcu_head_unqueue(rhp): before f, so f may re-post rhp
            RcuCallback f = rhp.func;                           // f = rhp->func
            rhp.func = null;                                    // WRITE_ONCE(rhp->func, (rcu_callback_t)0L)
            recordInvocation(rdp, rhp);
            ids.add(rhp.id());
            if (f == null) {
                report(new NullCallbackInvocation(cpu, rhp.name()));   // f(rhp) with f == NULL: the kernel oopses here
            } else {
                f.invoke(rhp);                                  // f(rhp)
            }
        }
        cbl.rcuSegcblistAddLen(-count);                         // 4. irqs off: rcu_segcblist_add_len(&rdp->cblist, -count)
        long n = cbl.rcuSegcblistNCbs();                        // count = rcu_segcblist_n_cbs(&rdp->cblist)
        boolean empty = cbl.rcuSegcblistEmpty();
        long segmentCbs = cbl.rcuSegcblistNSegmentCbs();
        // "The following usually indicates a double call_rcu()."
        warnOnOnce(cpu, n == 0 && !empty, "count == 0 && !empty", n, segmentCbs, empty);
        warnOnOnce(cpu, n != 0 && empty, "count != 0 && empty", n, segmentCbs, empty);
        warnOnOnce(cpu, n == 0 && segmentCbs != 0, "count == 0 && rcu_segcblist_n_segment_cbs() != 0", n, segmentCbs, empty);
        warnOnOnce(cpu, !empty && segmentCbs == 0, "!empty && rcu_segcblist_n_segment_cbs() == 0", n, segmentCbs, empty);
        return ids;
    }

    private void recordInvocation(RcuData rdp, RcuHead rhp) {
        Ledger rec = ledger.get(rhp.id());
        int n = rec.invoked.incrementAndGet();
        int a = rec.accepted.get();
        if (n > a) {
            report(new DoubleInvocation(rdp.cpu, rhp.name(), n, a));
        }
        if (rdp.gpSeq < rec.gpSnap) {                           // !rcu_seq_done(&rdp->gp_seq, snap)
            report(new EarlyInvocation(rdp.cpu, rhp.name(), rec.gpSnap, rdp.gpSeq));
        }
    }

    /** WARN_ON_ONCE: recorded every time it fires (no "once" state), with the values it saw. */
    private void warnOnOnce(int cpu, boolean condition, String text, long len, long segmentCbs, boolean empty) {
        if (condition) {
            report(new Warn(cpu, text, len, segmentCbs, empty));
        }
    }

    void report(RcuFinding finding) {
        findings.add(finding);
    }

    // =========================================================================================
    // Views
    // =========================================================================================

    public EnqueueGuard guard() { return guard; }

    public int cpus() { return rdp.length; }

    public RcuSegCbList cblist(int cpu) { return rdp[cpu].cblist; }

    /** rcu_state.gp_seq. */
    public long gpSeq() { return gpSeq; }

    /** rdp-&gt;gp_seq of {@code cpu}: the gp_seq it last noted. */
    public long gpSeq(int cpu) { return rdp[cpu].gpSeq; }

    public List<RcuHead> heads() { return List.copyOf(heads); }

    public RcuHead head(int id) { return heads.get(id); }

    /** How often rcu_do_batch() invoked head {@code id} (through NULL and rcu_leak_callback included). */
    public int invocations(int id) { return ledger.get(id).invoked.get(); }

    /** How often call_rcu() accepted head {@code id}. */
    public int accepted(int id) { return ledger.get(id).accepted.get(); }

    public List<RcuFinding> findings() { return List.copyOf(findings); }

    /** The findings of one kind, in order. */
    public <T extends RcuFinding> List<T> findings(Class<T> kind) {
        return findings.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    boolean isLeakCallback(RcuCallback f) { return f == rcuLeakCallback; }

    // =========================================================================================
    // Copy and state key (for explicit-state exploration)
    // =========================================================================================

    /** A deep copy, with its own heads, containers and lists. Call it at quiescence (no CPU running). */
    public Rcu copy() {
        Rcu c = new Rcu(rdp.length, guard);
        for (RcuHead h : heads) {                               // same ids: allocated in the same order
            if (h.container() == null) {
                c.newHead(h.name(), null);
            } else {
                h.container().copyInto(c);
            }
        }
        for (RcuHead h : heads) {
            RcuHead n = c.heads.get(h.id());
            RcuHead next = h.next;
            n.next = next == null ? null : c.heads.get(next.id());
            n.func = isLeakCallback(h.func) ? c.rcuLeakCallback : h.func;
            n.debugState.set(h.debugState.get());
            Ledger from = ledger.get(h.id());
            Ledger to = c.ledger.get(h.id());
            to.accepted.set(from.accepted.get());
            to.invoked.set(from.invoked.get());
            to.gpSnap = from.gpSnap;
        }
        for (int cpu = 0; cpu < rdp.length; cpu++) {
            c.rdp[cpu].cblist.copyFrom(rdp[cpu].cblist, c.heads);
            c.rdp[cpu].gpSeq = rdp[cpu].gpSeq;
        }
        c.gpSeq = gpSeq;
        c.findings.addAll(findings);
        return c;
    }

    /**
     * A canonical key of the state at quiescence: two states with the same key behave the same
     * under every later sequence of operations. Nodes are named by id, cells by the id of the
     * node whose next they are (-1 for &amp;head). Contents, in order: the variant, whether a GP
     * is in progress; per CPU, how it stands to rcu_state.gp_seq (parity of what it noted and how
     * far behind it is, capped at 3: beyond that note_gp_changes does the same), len, seglen[4],
     * tails[4], the ids reachable from head (then the cycle's node, or -1 for NULL); per head,
     * next, func (0 NULL, 1 rcu_leak_callback, 2+ the callback's symbol), debug state, invocations,
     * acceptances, how far its grace period's end is ahead of gp_seq (0 once it is over) and its
     * container's state. So the key also decides every later finding. Left out: the findings
     * already recorded (outputs, never read back) and the absolute gp_seq values.
     */
    public int[] stateKey() {
        int[] buf = new int[4 + rdp.length * (16 + heads.size()) + heads.size() * 7];
        int k = 0;
        long g = gpSeq;
        buf[k++] = guard.ordinal();
        buf[k++] = (int) (g & 1);
        buf[k++] = rdp.length;
        buf[k++] = heads.size();
        for (RcuData d : rdp) {
            RcuSegCbList l = d.cblist;
            buf[k++] = (int) (d.gpSeq & 1);
            buf[k++] = (int) Math.min(g - d.gpSeq, 3);
            buf[k++] = (int) l.len();
            for (int i = 0; i < RcuSegCbList.RCU_CBLIST_NSEGS; i++) {
                buf[k++] = (int) l.seglen[i];
                buf[k++] = l.tails[i] instanceof RcuHead h ? h.id() : -1;
            }
            RcuSegCbList.Walk w = l.walk();
            for (RcuHead h : w.nodes()) {
                buf[k++] = h.id();
            }
            buf[k++] = w.cycleAt() == null ? -1 : w.cycleAt().id();
            buf[k++] = Integer.MIN_VALUE;                       // CPU separator
        }
        for (RcuHead h : heads) {
            RcuHead next = h.next;
            RcuCallback f = h.func;
            buf[k++] = next == null ? -1 : next.id();
            buf[k++] = f == null ? 0 : isLeakCallback(f) ? 1 : 2 + f.symbol();
            buf[k++] = h.debugState.get();
            Ledger rec = ledger.get(h.id());
            buf[k++] = rec.invoked.get();
            buf[k++] = rec.accepted.get();
            buf[k++] = (int) Math.max(0, rec.gpSnap - g);
            buf[k++] = h.container() == null ? 0 : h.container().stateKey();
        }
        return Arrays.copyOf(buf, k);
    }

    @Override
    public String toString() {
        return RcuPrinter.print(this);
    }
}
