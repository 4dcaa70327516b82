package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import java.util.List;

/**
 * The operations every check drives, on two CPUs and the seed's objects: the peer {@code link}
 * (id 0), whose call_rcu the incident duplicated (its callback re-adds it to the module's hash
 * table), and the route entries D1..D4 (ids 1..4), bystanders freed through
 * {@code call_rcu(dst_destroy_rcu)} and queued behind the link. Results come in the form the checks
 * compare and print: booleans for call_rcu, {@code "[link, D2, D4]"} for the heads a batch invoked.
 */
public final class RcuSubject {
    public static final int CPUS = 2;
    public static final int LINK = 0;
    public static final int D1 = 1;
    public static final int D2 = 2;
    public static final int D3 = 3;
    public static final int D4 = 4;
    public static final List<String> NAMES = List.of("link", "D1", "D2", "D3", "D4");

    private final EnqueueGuard guard;
    private final boolean initRcuHeads;
    private final Rcu rcu;
    private final PeerLink link;
    private final DstEntry[] dst = new DstEntry[NAMES.size()];

    /** Fresh heads, untracked by debugobjects (as the dst and link heads of the seed: nobody calls init_rcu_head()). */
    public RcuSubject(EnqueueGuard guard) {
        this(guard, false);
    }

    /**
     * {@code initRcuHeads}: call init_rcu_head() on every head first, so that debugobjects already
     * tracks it (state INIT) and its first activation takes the locked path.
     */
    public RcuSubject(EnqueueGuard guard, boolean initRcuHeads) {
        this(guard, initRcuHeads, new Memory());
    }

    public RcuSubject(EnqueueGuard guard, boolean initRcuHeads, Memory mem) {
        this.guard = guard;
        this.initRcuHeads = initRcuHeads;
        this.rcu = new Rcu(mem, CPUS, guard, NAMES.size());
        this.link = new PeerLink(mem, rcu, NAMES.get(LINK));         // head 0
        for (int id = D1; id <= D4; id++) {
            dst[id] = new DstEntry(mem, rcu, NAMES.get(id));         // heads 1..4
        }
        if (initRcuHeads) {
            rcu.heads().forEach(rcu::initRcuHead);
        }
    }

    /** A deep copy (at quiescence): the same construction, then every cell's value. */
    public RcuSubject copy() {
        RcuSubject c = new RcuSubject(guard, initRcuHeads);
        c.rcu.memory().restore(rcu.memory().snapshot());
        return c;
    }

    /**
     * call_rcu on {@code cpu} for head {@code id}: for the link, its "peer info changed" handler;
     * for D1..D4, dst_release(). Returns whether call_rcu accepted it.
     */
    public boolean callRcu(int cpu, int id) {
        return id == LINK ? link.peerInfoChanged(cpu) : dst[id].dstRelease(cpu);
    }

    /** One whole grace period. */
    public void gracePeriod() { rcu.gracePeriod(); }

    /** rcu_do_batch on {@code cpu}: the heads invoked, in order, e.g. {@code "[link, D2, D4]"}. */
    public String doBatch(int cpu) {
        return rcu.rcuDoBatch(cpu).stream().map(NAMES::get).toList().toString();
    }

    /** kmem_cache_alloc(ip_dst_cache) on {@code cpu} (an skb head in the seed: kmalloc-256): the object's name, or "NULL". */
    public String kmemCacheAlloc(int cpu) {
        DstEntry d = rcu.kmemCacheAlloc(cpu);
        return d == null ? "NULL" : d.name();
    }

    /** How often head {@code id} has been invoked. */
    public int invocations(int id) { return rcu.invocations(id); }

    /** Invocations of link, D1..D4, in id order. */
    public int[] invocations() {
        int[] n = new int[NAMES.size()];
        for (int id = 0; id < n.length; id++) {
            n[id] = rcu.invocations(id);
        }
        return n;
    }

    public Rcu rcu() { return rcu; }

    public EnqueueGuard guard() { return guard; }

    public DstEntry dst(int id) { return dst[id]; }

    public PeerLink link() { return link; }

    public int[] stateKey() { return rcu.stateKey(); }

    @Override
    public String toString() { return rcu.toString(); }
}
