package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;
import java.util.List;

/**
 * A minimal SLUB cache (mm/slub.c, 3.10.0-514) for the route entries: {@code ip_dst_cache},
 * merged with kmalloc-256 in the seed (an skb head and an rtable shared one object). Each CPU has
 * a lockless freelist ({@code kmem_cache_cpu.freelist}) threaded through the free objects' free
 * pointers: {@code kmem_cache_free} pushes ({@code set_freepointer(s, object, c->freelist);
 * c->freelist = object}) and {@code kmem_cache_alloc} pops. Nothing checks for a double free on
 * this path in 3.10 (no CONFIG_SLAB_FREELIST_HARDENED): a twice-freed object sits on freelists twice
 * and is handed out twice.
 * <p>
 * NOTE: for ip_dst_cache SLUB keeps the free pointer at offset 0 (no ctor, no
 * SLAB_DESTROY_BY_RCU or SLAB_POISON: calculate_sizes), i.e. in {@code rcu_head.next}. The model
 * gives it its own cell, so a freed entry's {@code next} still reads as the RCU link; the kernel
 * would read the freelist link there. The per-object {@code onFreelist} count is the model's, to
 * name the double free and the reuse; the kernel keeps no such count.
 */
final class KmemCache {
    private final Rcu rcu;
    /** kmem_cache_cpu.freelist, per CPU. */
    final List<ObjPtr<DstEntry>> freelist = new java.util.ArrayList<>();

    KmemCache(Memory mem, Rcu rcu, int cpus) {
        this.rcu = rcu;
        for (int cpu = 0; cpu < cpus; cpu++) {
            freelist.add(new ObjPtr<DstEntry>(mem, "cpu" + cpu + ".ip_dst_cache.freelist", d -> d.addr).cpuPrivate());
        }
    }

    /** kmem_cache_free(s, x) on {@code cpu}: slab_free() fast path. */
    void kmemCacheFree(int cpu, DstEntry x) {
        if (x.onFreelist.atomicIncReturn() > 1) {                   // (model: is it already on a freelist?)
            rcu.report(RcuFinding.encode(RcuFinding.Kind.DOUBLE_FREE, cpu, x.rcuHead().id(), 0, 0, 0));
        }
        x.freePointer.store(freelist.get(cpu).load());                 // set_freepointer(s, object, c->freelist)
        freelist.get(cpu).store(x);                                    // c->freelist = object
    }

    /** kmem_cache_alloc(s) on {@code cpu}: slab_alloc() fast path; NULL when the CPU's freelist is empty (no new slab here). */
    DstEntry kmemCacheAlloc(int cpu) {
        DstEntry object = freelist.get(cpu).load();                    // object = c->freelist
        if (object == null) {
            return null;
        }
        freelist.get(cpu).store(object.freePointer.load());            // c->freelist = get_freepointer(s, object)
        if (object.onFreelist.atomicDecReturn() > 0) {             // (model: still on a freelist: it will be handed out again)
            rcu.report(RcuFinding.encode(RcuFinding.Kind.SLAB_REUSE, cpu, object.rcuHead().id(), 0, 0, 0));
        }
        return object;
    }

    /** The objects on {@code cpu}'s freelist, in order, bounded (a twice-freed object can close a loop). */
    String describe(int cpu, List<RcuHead> heads) {
        StringBuilder sb = new StringBuilder();
        DstEntry o = freelist.get(cpu).peekPtr();
        for (int n = 0; o != null && n <= heads.size(); n++) {
            sb.append(o.name()).append(" -> ");
            o = o.freePointer.peekPtr();
        }
        return sb.append(o == null ? "NULL" : "...").toString();
    }
}
