package dev.kmc.model.mem;

/**
 * A pointer field ({@code T *}). The value is the address its {@link Memory} gave the object
 * (0 is NULL), so a pointer is one word like any other and {@code cmpxchg} on it is a word
 * compare-and-swap. It may point at a registered object or at another cell
 * ({@code struct rcu_head **tail}).
 */
public final class Ptr<T> extends Cell {

    Ptr(Memory mem, String name, long init) {
        super(mem, name, init);
    }

    @SuppressWarnings("unchecked")
    private T deref(long addr) { return (T) mem.object(addr); }

    public T load() { return deref(access(Prim.LOAD, 0, 0)); }

    public void store(T p) { access(Prim.STORE, mem.addrOf(p), 0); }

    public T readOnce() { return deref(access(Prim.READ_ONCE, 0, 0)); }

    public void writeOnce(T p) { access(Prim.WRITE_ONCE, mem.addrOf(p), 0); }

    public T rcuDereference() { return deref(access(Prim.RCU_DEREFERENCE, 0, 0)); }

    public void rcuAssignPointer(T p) { access(Prim.RCU_ASSIGN_POINTER, mem.addrOf(p), 0); }

    /** cmpxchg: returns the pointer found; it was replaced iff that is {@code old}. */
    public T cmpxchg(T old, T neu) { return deref(access(Prim.CMPXCHG, mem.addrOf(old), mem.addrOf(neu))); }

    public T xchg(T p) { return deref(access(Prim.XCHG, mem.addrOf(p), 0)); }

    /** The pointee without scheduling: printers, invariants and keys only. */
    public T peekPtr() { return deref(peek()); }

    /** Sets the pointer without scheduling: building a state only. */
    public void pokePtr(T p) { poke(mem.addrOf(p)); }

    @Override
    public String format(long v) { return mem.nameOf(v); }
}
