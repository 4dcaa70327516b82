package dev.kmc.model.rcu;

import java.util.List;

/**
 * The operations every check drives, on two CPUs and the objects of kernel-spec B.4: the peer
 * link's cached route X (id 0) and the route entries D1..D4 (ids 1..4), each freed through
 * {@code call_rcu(dst_destroy_rcu)}. Results come in the form the checks compare and print:
 * booleans for call_rcu, {@code "[X, D2, D4]"} for the heads a batch invoked.
 */
public final class RcuSubject {
    public static final int CPUS = 2;
    public static final int X = 0;
    public static final int D1 = 1;
    public static final int D2 = 2;
    public static final int D3 = 3;
    public static final int D4 = 4;
    public static final List<String> NAMES = List.of("X", "D1", "D2", "D3", "D4");

    private final Rcu rcu;
    private final DstEntry[] dst;
    private final PeerLink link;

    public RcuSubject(EnqueueGuard guard) {
        this(withEntries(new Rcu(CPUS, guard)));
    }

    private static Rcu withEntries(Rcu rcu) {
        NAMES.forEach(name -> new DstEntry(rcu, name));        // heads 0..4, in NAMES order
        return rcu;
    }

    private RcuSubject(Rcu rcu) {
        this.rcu = rcu;
        this.dst = new DstEntry[NAMES.size()];
        for (int id = 0; id < dst.length; id++) {
            dst[id] = (DstEntry) rcu.head(id).container();
        }
        this.link = new PeerLink(dst[X]);
    }

    /** A deep copy (at quiescence). */
    public RcuSubject copy() { return new RcuSubject(rcu.copy()); }

    /**
     * call_rcu on {@code cpu} for head {@code id}: for X the link's "peer info changed" handler,
     * for D1..D4 dst_release(). Returns whether call_rcu accepted it.
     */
    public boolean callRcu(int cpu, int id) {
        return id == X ? link.peerInfoChanged(cpu) : dst[id].dstRelease(cpu);
    }

    /** One whole grace period. */
    public void gracePeriod() { rcu.gracePeriod(); }

    /** rcu_do_batch on {@code cpu}: the heads invoked, in order, e.g. {@code "[X, D2, D4]"}. */
    public String doBatch(int cpu) {
        return rcu.rcuDoBatch(cpu).stream().map(NAMES::get).toList().toString();
    }

    /** How often head {@code id} has been invoked. */
    public int invocations(int id) { return rcu.invocations(id); }

    /** Invocations of X, D1..D4, in id order. */
    public int[] invocations() {
        int[] n = new int[NAMES.size()];
        for (int id = 0; id < n.length; id++) {
            n[id] = rcu.invocations(id);
        }
        return n;
    }

    public Rcu rcu() { return rcu; }

    public DstEntry dst(int id) { return dst[id]; }

    public PeerLink link() { return link; }

    public int[] stateKey() { return rcu.stateKey(); }

    @Override
    public String toString() { return rcu.toString(); }
}
