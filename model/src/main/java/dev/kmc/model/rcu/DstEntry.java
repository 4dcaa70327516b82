package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * {@code struct rtable} / {@code struct dst_entry} of 3.10.0-514 (net/core/dst.c,
 * net/ipv4/route.c), reduced to what the incident shows: the {@code rcu_head} (first member), the
 * {@code rt_uncached} list node (the seed's warning is about {@code ffff8801178704c0}, rt_uncached at
 * +0xc0) and the slab object it lives in. In the seed the route entries were bystanders: released
 * normally, queued behind the link on the cross-linked callback lists, and so destroyed twice.
 */
public final class DstEntry implements RcuContainer {
    /** dst_destroy_rcu as an rcu_callback_t. */
    public static final RcuCallback DST_DESTROY_RCU = new RcuCallback("dst_destroy_rcu", DstEntry::dstDestroyRcu);

    private final Rcu rcu;
    private final String name;
    private final RcuHead rcuHead;
    /** rt-&gt;rt_uncached, on rt_uncached_list (under rt_uncached_lock). */
    final ListHead rtUncached;
    /** SLUB's free pointer for this object (see {@link KmemCache}: the kernel keeps it at offset 0). */
    final ObjPtr<DstEntry> freePointer;
    /** The object's address (its first member is the rcu_head). */
    final int addr;
    /** The model's count of freelists this object is on (0 while allocated). */
    final Word onFreelist;

    DstEntry(Memory mem, Rcu rcu, String name) {
        this.rcu = rcu;
        this.name = name;
        this.addr = mem.register(this);
        this.rcuHead = rcu.newHead(name, this);
        this.rtUncached = new ListHead(mem, name + ".rt_uncached", rcu.listPoison());
        this.freePointer = new ObjPtr<>(mem, name + ".freeptr", d -> d.addr);
        this.onFreelist = mem.word(name + ".on_freelist", 0);
        rtUncached.pokeAddTail(rcu.rtUncachedList());               // rt_add_uncached_list() when the route was made
    }

    /**
     * dst_release() dropping the last reference of a DST_NOCACHE entry:
     * {@code call_rcu(&dst->rcu_head, dst_destroy_rcu)} on the calling CPU. The refcount is left
     * out: in the seed the entries were released once each.
     */
    public boolean dstRelease(int cpu) {
        return rcu.callRcu(cpu, rcuHead, DST_DESTROY_RCU);            // (Rcu maps it to its memory's instance)
    }

    /** dst_destroy_rcu(head): dst = container_of(head, struct dst_entry, rcu_head); dst_destroy(dst). */
    static void dstDestroyRcu(Rcu rcu, int cpu, RcuHead head) {
        DstEntry dst = (DstEntry) head.container();
        dst.dstDestroy(cpu);
    }

    /** dst_destroy(): ops-&gt;destroy (ipv4_dst_destroy), dev_put (left out), kmem_cache_free. No child here. */
    private void dstDestroy(int cpu) {
        ipv4DstDestroy(cpu);                                        // if (dst->ops->destroy) dst->ops->destroy(dst)
        rcu.kmemCache().kmemCacheFree(cpu, this);                   // kmem_cache_free(dst->ops->kmem_cachep, dst)
    }

    /** ipv4_dst_destroy(): take the route off rt_uncached_list. */
    private void ipv4DstDestroy(int cpu) {
        if (!rtUncached.listEmpty()) {                              // if (!list_empty(&rt->rt_uncached))
            rcu.rtUncachedLock().spinLock();                        // spin_lock_bh(&rt_uncached_lock)
            rtUncached.listDel(which -> rcu.report(RcuFinding.encode(RcuFinding.Kind.LIST_DEL_CORRUPTION, cpu, rcuHead.id(), which, 0, 0)));
            rcu.rtUncachedLock().spinUnlock();
        }
    }

    public RcuHead rcuHead() { return rcuHead; }

    public String name() { return name; }

    /** True if rt_uncached is poisoned (list_del ran). */
    public boolean uncachedPoisoned() { return rtUncached.isPoison1(rtUncached.next.peekPtr()); }

    /** How many freelists the object is on (0: allocated; 2: freed twice). */
    public int onFreelists() { return (int) onFreelist.peek(); }

    @Override
    public String describe() {
        int f = onFreelists();
        return "dst " + name + (f == 0 ? "" : f == 1 ? " (free)" : " (free " + f + "x: DOUBLE FREE)")
                + (uncachedPoisoned() ? " rt_uncached=LIST_POISON1" : "");
    }

    @Override
    public String toString() { return name; }
}
