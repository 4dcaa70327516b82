package dev.kmc.model.mem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One word of shared memory: a field another CPU can touch. Every access names its kernel
 * primitive; with no {@link Scheduler} it is a real atomic with that primitive's ordering (see the
 * table in {@code package-info}), with one it is handed to the scheduler. A cell's value is a
 * {@code long}: an integer, a counter, or a pointer (an address in its {@link Memory}).
 */
public abstract class Cell {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(Cell.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Memory mem;
    final int addr;
    final int index;
    private final String name;
    /** The lock every access of this cell holds (lock-protected data), or null. */
    SpinLock guard;
    /** True if only one CPU ever touches this cell (per-CPU private data). */
    boolean cpuPrivate;
    volatile long value;

    Cell(Memory mem, String name, long init) {
        this.mem = mem;
        this.name = name;
        this.value = init;
        this.index = mem.add(this);
        this.addr = mem.register(this);
    }

    /** The field's name as the kernel spells it, with its owner ("P1.write", "cpu_buffer->tail_page"). */
    public String name() { return name; }

    public Memory memory() { return mem; }

    /** The cell's slot in {@link Memory#snapshot()}. */
    public int index() { return index; }

    /** The lock this cell is protected by, or null. */
    public SpinLock guard() { return guard; }

    /** True if only one CPU touches the cell. */
    public boolean isCpuPrivate() { return cpuPrivate; }

    /**
     * Accesses to this cell by the CPU that owns it are invisible to every other CPU: a scheduler
     * need not make them scheduling points. Returns this, for chaining at construction.
     */
    @SuppressWarnings("unchecked")
    public <C extends Cell> C cpuPrivate() {
        this.cpuPrivate = true;
        return (C) this;
    }

    /** Every access of this cell holds {@code lock}: not a scheduling point of its own. */
    @SuppressWarnings("unchecked")
    public <C extends Cell> C guardedBy(SpinLock lock) {
        this.guard = lock;
        return (C) this;
    }

    /** The current value without scheduling: for printers, invariants and state keys only. */
    public long peek() { return (long) VALUE.getOpaque(this); }

    /** Sets the value without scheduling: for building a state (snapshots, tests), never in a port. */
    public void poke(long v) { VALUE.setOpaque(this, v); }

    long plainGet() { return (long) VALUE.get(this); }

    void plainSet(long v) { VALUE.set(this, v); }

    /** Performs {@code prim}: through the scheduler if one is installed, else as a real atomic. */
    protected final long access(Prim prim, long a, long b) {
        Scheduler s = mem.scheduler;
        if (s != null) {
            return s.access(this, prim, a, b);
        }
        return direct(prim, a, b);
    }

    /**
     * The primitive on real atomics. NOTE: identity tests on the constants, not a switch over the
     * enum: javac compiles an enum switch to a read of a synthetic {@code $SwitchMap$} array, which
     * Lincheck instruments as one more shared read (a switch point that models nothing).
     */
    private long direct(Prim prim, long a, long b) {
        if (prim == Prim.LOAD || prim == Prim.READ_ONCE || prim == Prim.LOCAL_READ || prim == Prim.ATOMIC_READ) {
            // NOTE: opaque, not plain: a plain load could be hoisted out of a port's retry loop by the JIT,
            // which the kernel's READ_ONCE (and a compiler barrier in cpu_relax) forbids.
            return (long) VALUE.getOpaque(this);
        }
        if (prim == Prim.RCU_DEREFERENCE) {
            return (long) VALUE.getAcquire(this);                   // address dependency ordering, made explicit
        }
        if (prim == Prim.STORE || prim == Prim.WRITE_ONCE || prim == Prim.LOCAL_SET || prim == Prim.ATOMIC_SET) {
            VALUE.setOpaque(this, a);
            return 0;
        }
        if (prim == Prim.RCU_ASSIGN_POINTER) {
            VALUE.setRelease(this, a);                              // smp_store_release
            return 0;
        }
        if (prim == Prim.LOCAL_ADD_RETURN || prim == Prim.ATOMIC_ADD_RETURN) {
            return (long) VALUE.getAndAdd(this, a) + a;
        }
        if (prim == Prim.ATOMIC_FETCH_ADD) {
            return (long) VALUE.getAndAdd(this, a);
        }
        if (prim == Prim.LOCAL_CMPXCHG || prim == Prim.CMPXCHG) {
            return (long) VALUE.compareAndExchange(this, a, b);      // fully ordered, like cmpxchg()
        }
        if (prim == Prim.XCHG) {
            return (long) VALUE.getAndSet(this, a);
        }
        if (prim == Prim.SPIN_LOCK) {
            while (!VALUE.compareAndSet(this, 0L, a)) {             // arch_spin_lock: spin until free
                Thread.onSpinWait();
            }
            return 0;
        }
        if (prim == Prim.SPIN_UNLOCK) {
            VALUE.setRelease(this, 0L);
            return 0;
        }
        throw new IllegalArgumentException(prim + " is not an access of a cell");
    }

    /** The value as the port's printers show it. */
    public String show() { return format(peek()); }

    /** How a value of this cell reads: a number, a pointee's name, a flagged pointer, a lock state. */
    public String format(long v) { return Long.toString(v); }

    @Override
    public String toString() { return name + "=" + show(); }
}
