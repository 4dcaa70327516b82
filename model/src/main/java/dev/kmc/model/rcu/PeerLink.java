package dev.kmc.model.rcu;

/**
 * A network link holding a cached route to its peer. When a control packet says the peer's
 * information changed, the handler drops the cached route: {@code dst_release(link->dst)}, on
 * whichever CPU received the packet.
 * NOTE: nothing claims the entry (no {@code xchg(&link->dst, NULL)} before releasing it), so two
 * such packets, handled on two CPUs, both release the same entry: the double {@code call_rcu()}
 * of kernel-spec B.4.
 */
public final class PeerLink {
    private final DstEntry dst;

    public PeerLink(DstEntry dst) {
        this.dst = dst;
    }

    /** The "peer info changed" handler on the receiving {@code cpu}; returns whether call_rcu accepted the release. */
    public boolean peerInfoChanged(int cpu) {
        return dst.dstRelease(cpu);
    }

    public DstEntry dst() { return dst; }
}
