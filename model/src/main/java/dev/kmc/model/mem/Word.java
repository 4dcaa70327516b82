package dev.kmc.model.mem;

/**
 * An integer field: {@code local_t}, {@code atomic_t}/{@code atomic_long_t}, {@code unsigned long},
 * {@code int}. Methods are named after the kernel primitive the port line uses.
 */
public final class Word extends Cell {

    /** True if the value is an address (a pointer kept in an integer cell): printed as its pointee's name. */
    private boolean address;

    Word(Memory mem, String name, long init) {
        super(mem, name, init);
    }

    /**
     * Marks this word as holding an address of its {@link Memory} (a pointer a port keeps as an integer):
     * traces print the pointee's name, not the number. Construction only; returns this.
     */
    public Word holdsAddress() {
        this.address = true;
        return this;
    }

    @Override
    public String format(long v) { return address ? mem.nameOf(v) : Long.toString(v); }

    // plain C
    public long load() { return access(Prim.LOAD, 0, 0); }

    public void store(long v) { access(Prim.STORE, v, 0); }

    // READ_ONCE / WRITE_ONCE
    public long readOnce() { return access(Prim.READ_ONCE, 0, 0); }

    public void writeOnce(long v) { access(Prim.WRITE_ONCE, v, 0); }

    // local_t
    public long localRead() { return access(Prim.LOCAL_READ, 0, 0); }

    public void localSet(long v) { access(Prim.LOCAL_SET, v, 0); }

    public long localAddReturn(long d) { return access(Prim.LOCAL_ADD_RETURN, d, 0); }

    public void localAdd(long d) { access(Prim.LOCAL_ADD_RETURN, d, 0); }

    public void localSub(long d) { access(Prim.LOCAL_ADD_RETURN, -d, 0); }

    public void localInc() { access(Prim.LOCAL_ADD_RETURN, 1, 0); }

    public void localDec() { access(Prim.LOCAL_ADD_RETURN, -1, 0); }

    /** local_cmpxchg: returns the value found; it was replaced iff that equals {@code old}. */
    public long localCmpxchg(long old, long neu) { return access(Prim.LOCAL_CMPXCHG, old, neu); }

    // atomic_t / atomic_long_t
    public long atomicRead() { return access(Prim.ATOMIC_READ, 0, 0); }

    public void atomicSet(long v) { access(Prim.ATOMIC_SET, v, 0); }

    public long atomicAddReturn(long d) { return access(Prim.ATOMIC_ADD_RETURN, d, 0); }

    public long atomicIncReturn() { return access(Prim.ATOMIC_ADD_RETURN, 1, 0); }

    public long atomicDecReturn() { return access(Prim.ATOMIC_ADD_RETURN, -1, 0); }

    public void atomicInc() { access(Prim.ATOMIC_ADD_RETURN, 1, 0); }

    public void atomicDec() { access(Prim.ATOMIC_ADD_RETURN, -1, 0); }

    public long atomicFetchAdd(long d) { return access(Prim.ATOMIC_FETCH_ADD, d, 0); }

    /** cmpxchg on an integer: returns the value found. */
    public long cmpxchg(long old, long neu) { return access(Prim.CMPXCHG, old, neu); }

    public long xchg(long v) { return access(Prim.XCHG, v, 0); }
}
