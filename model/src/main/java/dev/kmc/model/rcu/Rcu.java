package dev.kmc.model.rcu;

import dev.kmc.model.mem.Cell;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.Word;
import dev.kmc.model.rcu.EnqueueGuard.RcuVersion;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tree RCU's callback path over N CPUs, as the variant's kernel has it ({@link EnqueueGuard}):
 * {@code __call_rcu}, {@code rcu_do_batch} and a minimal grace period, each CPU with its
 * {@link RcuSegCbList}; plus the objects the callbacks touch (the route cache's slab and
 * {@code rt_uncached_list}) and the model's record of what happened.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>Every field another CPU can touch is a cell of one {@link Memory}, built in the constructor
 *     (heads, containers and callbacks are added by {@link RcuSubject}'s constructor before any
 *     operation): copies and state keys come from {@link Memory#snapshot()}.</li>
 * <li>CPU c's operations ({@link #callRcu}, {@link #rcuDoBatch}) run on CPU c's thread, one at a
 *     time: confinement stands for interrupts off. Callbacks run on that thread too.</li>
 * <li>{@link #rcuGpInit()} / {@link #rcuGpCleanup()} (the GP kthread) only move
 *     {@code rcu_state.gp_seq}; each CPU applies them to its own list when it next runs
 *     ({@link RcuData#noteGpChanges}).</li>
 * <li>The model's record (accepted/invoked per head, the findings log) is cells too, accessed with
 *     atomics: an operation must be a function of what its cell accesses return. These cells have no
 *     kernel counterpart and are named "kmc.".</li>
 * </ul>
 */
public final class Rcu {
    static final int LOG_CAP = 48;

    private final Memory mem;
    private final EnqueueGuard guard;
    private final RcuData[] rdp;
    /** rcu_state.gp_seq: counts grace-period starts and ends; odd while one is in progress. */
    final Word gpSeq;
    private final DebugObjects debugObjects;
    private final KmemCache kmemCache;
    private final ListHead rtUncachedList;
    private final SpinLock rtUncachedLock;
    private final int maxHeads;
    private final List<RcuHead> heads = new ArrayList<>();
    private final List<RcuCallback> callbacks = new ArrayList<>();
    /** The static callbacks this Rcu was given, and its own instance of each (index for index). */
    private final List<RcuCallback> given = new ArrayList<>();
    private final List<Integer> callbackAddrs = new ArrayList<>();
    private final ListHead[] listPoison;
    // the model's record
    final Word[] accepted;
    final Word[] invoked;
    final Word[] gpSnap;
    private final Word logLen;
    private final Word[] log = new Word[LOG_CAP];

    public Rcu(Memory mem, int cpus, EnqueueGuard guard, int maxHeads) {
        this.mem = mem;
        this.guard = guard;
        this.maxHeads = maxHeads;
        this.rdp = new RcuData[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            rdp[cpu] = new RcuData(mem, this, cpu, guard.version());
        }
        this.gpSeq = mem.word("rcu_state.gp_seq", 0);
        this.debugObjects = new DebugObjects(mem, this, maxHeads);
        this.listPoison = ListHead.poison(mem);
        this.rtUncachedLock = mem.spinLock("rt_uncached_lock");
        this.rtUncachedList = new ListHead(mem, "rt_uncached_list", listPoison);
        this.kmemCache = new KmemCache(mem, this, cpus);
        accepted = new Word[maxHeads];
        invoked = new Word[maxHeads];
        gpSnap = new Word[maxHeads];
        for (int i = 0; i < maxHeads; i++) {
            accepted[i] = mem.word("kmc.accepted[" + i + "]", 0);
            invoked[i] = mem.word("kmc.invoked[" + i + "]", 0);
            gpSnap[i] = mem.word("kmc.gp_snap[" + i + "]", 0);
        }
        logLen = mem.word("kmc.findings", 0);
        for (int i = 0; i < LOG_CAP; i++) {
            log[i] = mem.word("kmc.finding[" + i + "]", 0);
        }
        registerCallback(RcuCallback.RCU_LEAK_CALLBACK);
        registerCallback(DstEntry.DST_DESTROY_RCU);
        registerCallback(PeerLink.LINK_REHASH_RCU);
    }

    /**
     * Gives {@code f} an address, so that {@code ->func} can hold it. Construction time only.
     * NOTE: the memory holds this Rcu's own copy of {@code f} (same symbol, same body), made here:
     * an object created before a Lincheck run (a static callback) may change its identity hash
     * under Lincheck's instrumentation, and Memory finds addresses by identity hash.
     */
    public void registerCallback(RcuCallback f) {
        if (symbol(f) < 0) {
            RcuCallback own = new RcuCallback(f.name(), f.body());
            callbackAddrs.add(mem.register(own));
            given.add(f);
            callbacks.add(own);
        }
    }

    /** The index of {@code f} (a given callback or this Rcu's own copy), or -1. Linear, by identity. */
    private int symbol(RcuCallback f) {
        for (int i = 0; i < given.size(); i++) {
            if (given.get(i) == f || callbacks.get(i) == f) {
                return i;
            }
        }
        return -1;
    }

    /** This Rcu's own instance of callback {@code f}. */
    RcuCallback own(RcuCallback f) {
        int i = symbol(f);
        if (i < 0) {
            throw new IllegalArgumentException(f + " is not registered with this Rcu: registerCallback() it at construction");
        }
        return callbacks.get(i);
    }

    ListHead[] listPoison() { return listPoison; }

    /** The address of this Rcu's instance of {@code f} (what {@code ->func} holds). */
    int callbackAddr(RcuCallback f) {
        int i = symbol(f);
        if (i < 0) {
            throw new IllegalArgumentException(f + " is not registered with this Rcu: registerCallback() it at construction");
        }
        return callbackAddrs.get(i);
    }

    /** Allocates a head with the next id, embedded in {@code container} (null for a bare head). Construction time only. */
    public RcuHead newHead(String name, RcuContainer container) {
        if (heads.size() == maxHeads) {
            throw new IllegalStateException("this Rcu was built for " + maxHeads + " heads");
        }
        RcuHead h = new RcuHead(mem, heads.size(), name, container, this::callbackAddr);
        heads.add(h);
        return h;
    }

    /** init_rcu_head(): debug_object_init() at construction time, so debugobjects tracks the head (state INIT). */
    public void initRcuHead(RcuHead h) {
        debugObjects.tracked[h.id()].poke(1);
        debugObjects.state[h.id()].poke(DebugObjects.ODEBUG_STATE_INIT);
    }

    // =========================================================================================
    // call_rcu() (kernel-spec B.2)
    // =========================================================================================

    /**
     * call_rcu(head, func) -&gt; __call_rcu() on {@code cpu}. Returns false if v5.15's
     * debug_rcu_head_queue() rejected it (the head is then leaked: its func becomes rcu_leak_callback).
     */
    public boolean callRcu(int cpu, RcuHead head, RcuCallback func) {
        // WARN_ON_ONCE(misaligned rcu_head): a Java reference cannot be misaligned.
        // 3.10: debug_rcu_head_queue(head) is void and compiled out here; v5.15: if (debug_rcu_head_queue(head)) { leak }
        if (guard.debugRcuHeadQueue(this, cpu, head) != 0) {
            RcuCallback old = head.func.load();                     // pr_err("%s(): Double-freed CB %p->%pS()!!!", ..., head->func)
            report(RcuFinding.encode(RcuFinding.Kind.DOUBLE_CALL_RCU, cpu, head.id(), old == null ? -1 : symbol(old), 0, 0));
            head.func.writeOnce(RcuCallback.RCU_LEAK_CALLBACK);     // WRITE_ONCE(head->func, rcu_leak_callback)
            return false;
        }
        head.func.store(func);                                      // head->func = func
        head.next.store(null);                                      // head->next = NULL
        RcuData rdp = this.rdp[cpu];                                // local_irq_save(); rdp = this_cpu_ptr(...)
        rdp.noteGpChanges(gpSeq.readOnce());                        // (minimal GP model: RcuData.noteGpChanges)
        accepted[head.id()].atomicInc();                            // (kmc: the accepted call, and the end of
        gpSnap[head.id()].store((rdp.gpSeq.load() + 3) & ~1L);      //  its grace period: rcu_seq_snap())
        rdp.cblist.rcuSegcblistEnqueue(head);                       // 3.10: qlen++, smp_mb, *nxttail = head; v5.15: rcu_segcblist_enqueue
        return true;                                                // __call_rcu_core(); local_irq_restore()
    }

    // =========================================================================================
    // Grace periods (kernel-spec B.3, minimal model)
    // =========================================================================================

    /** rcu_gp_init(): rcu_seq_start(&amp;rcu_state.gp_seq). One GP kthread: never called concurrently. */
    public void rcuGpInit() {
        long s = gpSeq.readOnce();
        if ((s & 1) != 0) {
            throw new IllegalStateException("rcu_gp_init: grace period " + s + " is already in progress");
        }
        gpSeq.writeOnce(s + 1);
    }

    /** rcu_gp_cleanup(): rcu_seq_end(&amp;rcu_state.gp_seq). */
    public void rcuGpCleanup() {
        long s = gpSeq.readOnce();
        if ((s & 1) == 0) {
            throw new IllegalStateException("rcu_gp_cleanup: no grace period in progress (gp_seq " + s + ")");
        }
        gpSeq.writeOnce(s + 1);
    }

    /** One whole grace period: every callback queued before it becomes DONE on every CPU. */
    public void gracePeriod() {
        rcuGpInit();
        rcuGpCleanup();
    }

    /** note_gp_changes() on {@code cpu}; callRcu and rcuDoBatch call it themselves. */
    public void noteGpChanges(int cpu) {
        rdp[cpu].noteGpChanges(gpSeq.readOnce());
    }

    // =========================================================================================
    // rcu_do_batch() (kernel-spec B.3)
    // =========================================================================================

    /**
     * rcu_process_callbacks() -&gt; rcu_do_batch() on {@code cpu}: invoke the ready callbacks. Returns
     * the ids of the heads invoked, in order. No batch limit, so nothing is requeued.
     */
    public List<Integer> rcuDoBatch(int cpu) {
        RcuData rdp = this.rdp[cpu];
        RcuSegCbList cbl = rdp.cblist;
        rdp.noteGpChanges(gpSeq.readOnce());                        // rcu_process_gp_end()/note_gp_changes() first
        if (!cbl.rcuSegcblistReadyCbs()) {                          // If no callbacks are ready, just return.
            return List.of();
        }
        RcuHead rhp = cbl.rcuSegcblistExtractDoneCbs();             // irqs off: extract; len not changed yet
        List<Integer> ids = new ArrayList<>();
        BitSet seen = new BitSet();
        long count = 0;
        while (rhp != null) {                                       // irqs on: invoke callbacks
            if (seen.get(rhp.id())) {
                // NOTE: the kernel has no such check; a head met twice in one batch means the done chain loops
                // back and the kernel would go round forever (batch limit, requeue, again). The model stops.
                report(RcuFinding.encode(RcuFinding.Kind.CALLBACK_CYCLE, cpu, rhp.id(), 0, 0, 0));
                break;
            }
            seen.set(rhp.id());
            RcuHead next = rhp.next.load();                         // 3.10: next = list->next; v5.15: rcu_cblist_dequeue(): rclp->head = rhp->next
            count++;
            // (kmc: the record first, while the head is still this batch's: once debug_rcu_head_unqueue() has
            //  run, a call_rcu() of it on another CPU is accepted and overwrites its kmc.gp_snap, and the check
            //  would compare this invocation with that later call's grace period)
            recordInvocation(cpu, rdp, rhp);
            guard.debugRcuHeadUnqueue(this, cpu, rhp);              // debug_rcu_head_unqueue(rhp): before f, so f may re-post rhp
            ids.add(rhp.id());
            RcuCallback f = rhp.func.load();                        // 3.10 __rcu_reclaim(): head->func; v5.15: f = rhp->func
            if (guard.version() == RcuVersion.V5_15) {
                rhp.func.writeOnce(null);                           // v5.15 only: WRITE_ONCE(rhp->func, (rcu_callback_t)0L)
            }
            // 3.10 __rcu_reclaim(): __is_kfree_rcu_offset(func)? kfree(head - offset): no kfree_rcu heads here.
            if (f == null) {
                report(RcuFinding.encode(RcuFinding.Kind.NULL_CALLBACK, cpu, rhp.id(), 0, 0, 0));   // f(rhp) through NULL: oops
            } else {
                f.body().invoke(this, cpu, rhp);                    // 3.10: head->func(head); v5.15: f(rhp)
            }
            rhp = next;
        }
        cbl.rcuSegcblistAddLen(-count);                             // 3.10: smp_mb(); qlen -= count; v5.15: rcu_segcblist_add_len(-count)
        long n = cbl.len.readOnce();
        boolean empty = cbl.rcuSegcblistEmpty();
        if (guard.version() == RcuVersion.V3_10_514) {
            warnOnOnce(cpu, empty != (n == 0), 0, n, -1);           // WARN_ON_ONCE((rdp->nxtlist == NULL) != (rdp->qlen == 0))
        } else {
            long segmentCbs = cbl.rcuSegcblistNSegmentCbs();        // "The following usually indicates a double call_rcu()."
            warnOnOnce(cpu, n == 0 && !empty, 1, n, segmentCbs);
            warnOnOnce(cpu, n != 0 && empty, 2, n, segmentCbs);
            warnOnOnce(cpu, n == 0 && segmentCbs != 0, 3, n, segmentCbs);
            warnOnOnce(cpu, !empty && segmentCbs == 0, 4, n, segmentCbs);
        }
        return ids;
    }

    private void recordInvocation(int cpu, RcuData rdp, RcuHead rhp) {
        int n = (int) invoked[rhp.id()].atomicIncReturn();
        int a = (int) accepted[rhp.id()].atomicRead();
        if (n > a) {
            report(RcuFinding.encode(RcuFinding.Kind.DOUBLE_INVOCATION, cpu, rhp.id(), n, a, 0));
        }
        long snap = gpSnap[rhp.id()].load();
        long seen = rdp.gpSeq.load();
        if (seen < snap) {                                          // !rcu_seq_done(&rdp->gp_seq, snap)
            report(RcuFinding.encode(RcuFinding.Kind.EARLY_INVOCATION, cpu, rhp.id(), (int) snap, (int) seen, 0));
        }
    }

    /** WARN_ON_ONCE: recorded every time it fires (no "once" state). */
    private void warnOnOnce(int cpu, boolean condition, int which, long len, long segmentCbs) {
        if (condition) {
            report(RcuFinding.encode(RcuFinding.Kind.WARN, cpu, -1, which, (int) len, (int) segmentCbs));
        }
    }

    /** Appends an encoded finding to the log (dropped past {@value #LOG_CAP}; {@link #findingsDropped()} says so). */
    void report(long code) {
        long i = logLen.atomicFetchAdd(1);
        if (i < LOG_CAP) {
            log[(int) i].store(code);
        }
    }

    // =========================================================================================
    // Views (no scheduling)
    // =========================================================================================

    public Memory memory() { return mem; }

    public EnqueueGuard guard() { return guard; }

    public int cpus() { return rdp.length; }

    public RcuSegCbList cblist(int cpu) { return rdp[cpu].cblist; }

    public long gpSeq() { return gpSeq.peek(); }

    public long gpSeq(int cpu) { return rdp[cpu].gpSeq.peek(); }

    public List<RcuHead> heads() { return List.copyOf(heads); }

    public RcuHead head(int id) { return heads.get(id); }

    public DebugObjects debugObjects() { return debugObjects; }

    KmemCache kmemCache() { return kmemCache; }

    ListHead rtUncachedList() { return rtUncachedList; }

    SpinLock rtUncachedLock() { return rtUncachedLock; }

    /** kmem_cache_alloc(ip_dst_cache) on {@code cpu}: the object handed out, or null. */
    public DstEntry kmemCacheAlloc(int cpu) { return kmemCache.kmemCacheAlloc(cpu); }

    /** The objects on {@code cpu}'s ip_dst_cache freelist, "D2 -&gt; D4 -&gt; NULL". */
    public String freelist(int cpu) { return kmemCache.describe(cpu, heads); }

    /** How often rcu_do_batch() invoked head {@code id} (through NULL and rcu_leak_callback included). */
    public int invocations(int id) { return (int) invoked[id].peek(); }

    /** How often call_rcu() accepted head {@code id}. */
    public int accepted(int id) { return (int) accepted[id].peek(); }

    /** The findings so far, in the order they were reported. */
    public List<RcuFinding> findings() {
        int n = (int) Math.min(logLen.peek(), LOG_CAP);
        List<RcuFinding> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(RcuFinding.decode(log[i].peek(), id -> heads.get(id).name(), s -> s < 0 ? "NULL" : callbacks.get(s).name()));
        }
        return out;
    }

    /** The findings of one kind, in order. */
    public List<RcuFinding> findings(RcuFinding.Kind kind) {
        return findings().stream().filter(f -> f.kind() == kind).toList();
    }

    /** True if more findings were reported than the log holds. */
    public boolean findingsDropped() { return logLen.peek() > LOG_CAP; }

    boolean isLogCell(Cell c) {
        return c == logLen || (c.name().startsWith("kmc.finding["));
    }

    /**
     * A canonical key of the state at quiescence: every cell's value in memory order, except the
     * findings log (outputs, never read back) and absolute grace-period numbers: rcu_state.gp_seq
     * by its parity, each CPU's gp_seq by its parity and how far behind it is (capped at 3: beyond
     * that note_gp_changes does the same), each head's grace-period end by how far it is ahead of
     * gp_seq (0 once over). Two states with the same key behave the same under every later sequence.
     */
    public int[] stateKey() {
        long g = gpSeq.peek();
        List<Cell> cells = mem.cells();
        int[] key = new int[cells.size() + rdp.length + 2];
        int k = 0;
        key[k++] = guard.ordinal();
        Map<Cell, Integer> cpuGp = new IdentityHashMap<>();
        for (RcuData d : rdp) {
            cpuGp.put(d.gpSeq, d.cpu);
        }
        Map<Cell, Integer> snaps = new IdentityHashMap<>();
        for (int i = 0; i < maxHeads; i++) {
            snaps.put(gpSnap[i], i);
        }
        for (Cell c : cells) {
            if (isLogCell(c)) {
                continue;
            }
            long v = c.peek();
            if (c == gpSeq) {
                key[k++] = (int) (g & 1);
            } else if (cpuGp.containsKey(c)) {
                key[k++] = (int) (v & 1);
                key[k++] = (int) Math.min(g - v, 3);
            } else if (snaps.containsKey(c)) {
                key[k++] = (int) Math.max(0, v - g);
            } else {
                key[k++] = (int) v;
            }
        }
        return java.util.Arrays.copyOf(key, k);
    }

    /**
     * The state as data (maps, lists, strings, numbers, booleans): exactly what {@link #toString()}
     * prints, which is formatted from this same tree; pictures (the HTML report) draw from it. Keys in
     * {@link RcuPrinter#data}. Peeks only: no scheduling.
     */
    public Map<String, Object> snapshotData() {
        return RcuPrinter.data(this);
    }

    @Override
    public String toString() {
        return RcuPrinter.print(this);
    }
}
