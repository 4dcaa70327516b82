package dev.kmc.model.mem;

/**
 * The kernel primitives a port may use on a {@link Cell}, by their kernel names. Each names what
 * it does to the cell ({@link Effect}) and whether another CPU can observe its ordering, so a
 * scheduler (the explorer, later a store-buffer model) can act on it without knowing the port.
 */
public enum Prim {
    // plain C accesses (a field read or assignment with no primitive)
    LOAD("load", Effect.READ),
    STORE("store", Effect.WRITE),
    // <linux/compiler.h>
    READ_ONCE("READ_ONCE", Effect.READ),
    WRITE_ONCE("WRITE_ONCE", Effect.WRITE),
    // <asm/local.h>: local_t, atomic with respect to the owning CPU (and its interrupts)
    LOCAL_READ("local_read", Effect.READ),
    LOCAL_SET("local_set", Effect.WRITE),
    LOCAL_ADD_RETURN("local_add_return", Effect.ADD_RETURN),
    LOCAL_CMPXCHG("local_cmpxchg", Effect.CMPXCHG),
    // <linux/atomic.h> and <asm/cmpxchg.h>: fully ordered read-modify-writes
    ATOMIC_READ("atomic_read", Effect.READ),
    ATOMIC_SET("atomic_set", Effect.WRITE),
    ATOMIC_ADD_RETURN("atomic_add_return", Effect.ADD_RETURN),
    ATOMIC_FETCH_ADD("atomic_fetch_add", Effect.FETCH_ADD),
    CMPXCHG("cmpxchg", Effect.CMPXCHG),
    XCHG("xchg", Effect.XCHG),
    // <linux/rcupdate.h>
    RCU_DEREFERENCE("rcu_dereference", Effect.READ),
    RCU_ASSIGN_POINTER("rcu_assign_pointer", Effect.WRITE),
    // <linux/spinlock.h>
    SPIN_LOCK("spin_lock", Effect.LOCK),
    SPIN_UNLOCK("spin_unlock", Effect.UNLOCK),
    // <asm/barrier.h>: no cell; under sequential consistency they order nothing further
    SMP_MB("smp_mb", Effect.FENCE),
    SMP_WMB("smp_wmb", Effect.FENCE),
    SMP_RMB("smp_rmb", Effect.FENCE);

    /** What a primitive does to its cell, sequentially. */
    public enum Effect {
        READ, WRITE, ADD_RETURN, FETCH_ADD, CMPXCHG, XCHG, LOCK, UNLOCK, FENCE
    }

    private final String kernelName;
    private final Effect effect;

    Prim(String kernelName, Effect effect) {
        this.kernelName = kernelName;
        this.effect = effect;
    }

    public String kernelName() { return kernelName; }

    public Effect effect() { return effect; }

    /** True if the primitive can change its cell. */
    public boolean writes() {
        return effect != Effect.READ && effect != Effect.FENCE;
    }

    /**
     * The primitive applied to {@code cell} with no other CPU running (the explorer's semantics,
     * and a sequentially consistent one): returns what the kernel primitive returns.
     */
    public long applySequentially(Cell cell, long a, long b) {
        long v = cell.plainGet();
        switch (effect) {
            case READ:
                return v;
            case WRITE:
                cell.plainSet(a);
                return 0;
            case ADD_RETURN:
                cell.plainSet(v + a);
                return v + a;
            case FETCH_ADD:
                cell.plainSet(v + a);
                return v;
            case CMPXCHG:
                if (v == a) cell.plainSet(b);
                return v;
            case XCHG:
                cell.plainSet(a);
                return v;
            case LOCK:
                cell.plainSet(a);       // the owner's tag (cpu + 1); the scheduler checked it was free
                return v;
            case UNLOCK:
                cell.plainSet(0);
                return v;
            default:
                return 0;
        }
    }
}
