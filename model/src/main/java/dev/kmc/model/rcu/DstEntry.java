package dev.kmc.model.rcu;

import dev.kmc.model.rcu.RcuFinding.DoubleFree;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code struct dst_entry} (net/core/dst.c), reduced to what the incident needs: a route entry
 * with an embedded {@code rcu_head}, freed through {@code call_rcu(&dst->rcu_head,
 * dst_destroy_rcu)}. Memory is garbage-collected, so freeing flags the entry instead of handing
 * its memory back; freeing a flagged entry is reported as a {@link DoubleFree}.
 */
public final class DstEntry implements RcuContainer {
    /** dst_destroy_rcu as an rcu_callback_t. */
    public static final RcuCallback DST_DESTROY_RCU = new RcuCallback("dst_destroy_rcu", DstEntry::dstDestroyRcu);

    private final Rcu rcu;
    private final String name;
    private final AtomicBoolean freed;
    private final RcuHead rcuHead;

    /** A live entry, its head allocated in {@code rcu}. */
    public DstEntry(Rcu rcu, String name) {
        this(rcu, name, false);
    }

    private DstEntry(Rcu rcu, String name, boolean freed) {
        this.rcu = rcu;
        this.name = name;
        this.freed = new AtomicBoolean(freed);
        this.rcuHead = rcu.newHead(name, this);
    }

    /**
     * dst_release() dropping what the caller takes to be the last reference:
     * {@code call_rcu(&dst->rcu_head, dst_destroy_rcu)} on the calling CPU. The refcount is left
     * out: the incident is a caller releasing the same entry twice.
     */
    public boolean dstRelease(int cpu) {
        return rcu.callRcu(cpu, rcuHead, DST_DESTROY_RCU);
    }

    /** dst_destroy_rcu(head): dst = container_of(head, struct dst_entry, rcu_head); dst_destroy(dst). */
    static void dstDestroyRcu(RcuHead head) {
        DstEntry dst = (DstEntry) head.container();
        dst.dstDestroy();
    }

    /** dst_destroy(): ops-&gt;destroy, netdev_put, then kmem_cache_free, which here flags the entry freed. */
    private void dstDestroy() {
        if (freed.getAndSet(true)) {
            rcu.report(new DoubleFree(name));                   // the second kmem_cache_free of the same object
        }
    }

    public RcuHead rcuHead() { return rcuHead; }

    public String name() { return name; }

    public boolean isFreed() { return freed.get(); }

    @Override
    public RcuContainer copyInto(Rcu rcu) {
        return new DstEntry(rcu, name, freed.get());
    }

    @Override
    public int stateKey() {
        return freed.get() ? 1 : 0;
    }

    @Override
    public String toString() {
        return "dst " + name + (isFreed() ? " (freed)" : "");
    }
}
