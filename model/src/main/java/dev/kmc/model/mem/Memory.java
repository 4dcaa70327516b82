package dev.kmc.model.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared memory of one modelled machine: every cell a port's CPUs share, and an address for
 * every shared object, so that a pointer is a word. A port builds all its cells and objects in its
 * constructor (nothing shared is allocated during an operation), which makes the whole state of
 * the structure one {@code long[]} ({@link #snapshot()}): the explorer saves, restores, hashes and
 * compares that.
 *
 * <p>The scheduler is fixed at construction (a final field, so instrumenting checkers such as
 * Lincheck see no extra shared read per access): {@code new Memory()} runs the ports on real
 * atomics, {@code new Memory(scheduler)} hands every access to the scheduler.
 */
public final class Memory {
    private static final java.util.concurrent.atomic.AtomicLong BUILT = new java.util.concurrent.atomic.AtomicLong();

    final Scheduler scheduler;
    private final List<Cell> cells = new ArrayList<>();
    /** Address to object; address 0 is NULL. */
    private final List<Object> objects = new ArrayList<>();
    /**
     * Registered objects that are not cells, with their addresses. Looked up by identity scan, not
     * by identity hash: Lincheck substitutes identity hash codes during its runs, so an
     * IdentityHashMap filled at construction can miss there. Ports register few such objects.
     */
    private Object[] plain = new Object[16];
    private int[] plainAddr = new int[16];
    private int plainCount;

    /** Direct mode: real atomics with each primitive's ordering. */
    public Memory() {
        this(null);
    }

    public Memory(Scheduler scheduler) {
        this.scheduler = scheduler;
        objects.add(null);
        BUILT.incrementAndGet();
    }

    /**
     * How many memories this JVM has built. A port builds one per instance and Lincheck builds one test
     * instance per invocation, so a tool counts Lincheck's invocations by this (Lincheck stops before its
     * budget exactly when it has explored its whole interleaving tree).
     */
    public static long built() { return BUILT.get(); }

    /** The scheduler every access goes through, or null in direct mode. */
    public Scheduler scheduler() { return scheduler; }

    // ---- allocation (construction time only) ---------------------------------------------------

    public Word word(String name, long init) { return new Word(this, name, init); }

    public <T> Ptr<T> ptr(String name, T init) {
        Ptr<T> p = new Ptr<>(this, name, 0);
        p.pokePtr(init);
        return p;
    }

    public <T> TaggedPtr<T> taggedPtr(String name) { return new TaggedPtr<>(this, name, 0); }

    public SpinLock spinLock(String name) { return new SpinLock(this, name); }

    /** Gives {@code object} an address (its name is its {@code toString()} at printing time). */
    public int register(Object object) {
        if (object instanceof Cell && ((Cell) object).mem == this && objects.size() > ((Cell) object).addr
                && ((Cell) object).addr > 0) {
            return ((Cell) object).addr;
        }
        int found = find(object);
        if (found > 0) {
            return found;
        }
        objects.add(object);
        int addr = objects.size() - 1;
        if (!(object instanceof Cell)) {
            if (plainCount == plain.length) {
                plain = java.util.Arrays.copyOf(plain, plainCount * 2);
                plainAddr = java.util.Arrays.copyOf(plainAddr, plainCount * 2);
            }
            plain[plainCount] = object;
            plainAddr[plainCount++] = addr;
        }
        return addr;
    }

    private int find(Object object) {
        for (int i = 0; i < plainCount; i++) {
            if (plain[i] == object) return plainAddr[i];
        }
        return 0;
    }

    int add(Cell cell) {
        cells.add(cell);
        return cells.size() - 1;
    }

    /** The address of a registered object or cell; 0 for null. */
    public long addrOf(Object object) {
        if (object == null) {
            return 0;
        }
        if (object instanceof Cell && ((Cell) object).mem == this) {
            return ((Cell) object).addr;
        }
        if (object instanceof Addressed && ((Addressed) object).memory() == this) {
            return ((Addressed) object).address();     // no lookup: no loop for Lincheck's loop detector to count
        }
        int a = find(object);
        if (a == 0) {
            throw new IllegalArgumentException(object + " is not registered with this memory: allocate shared objects"
                    + " in the port's constructor and register them");
        }
        return a;
    }

    /** The object at {@code addr}, or null for 0. */
    public Object object(long addr) {
        return objects.get((int) addr);
    }

    /** How a printer names the object at {@code addr}. */
    public String nameOf(long addr) {
        Object o = objects.get((int) addr);
        if (o == null) {
            return "NULL";
        }
        return o instanceof Cell ? "&" + ((Cell) o).name() : o.toString();
    }

    // ---- barriers and loops ---------------------------------------------------------------------

    public void smpMb() { fence(Prim.SMP_MB); }

    public void smpWmb() { fence(Prim.SMP_WMB); }

    public void smpRmb() { fence(Prim.SMP_RMB); }

    private void fence(Prim prim) {
        if (scheduler != null) {
            scheduler.fence(prim);
            return;
        }
        switch (prim) {
            case SMP_WMB: java.lang.invoke.VarHandle.storeStoreFence(); break;
            case SMP_RMB: java.lang.invoke.VarHandle.loadLoadFence(); break;
            default: java.lang.invoke.VarHandle.fullFence(); break;
        }
    }

    /**
     * {@code goto again} in a retry loop that carries nothing from one round to the next. In direct
     * mode it returns and the caller bounds its rounds; the explorer restarts the operation instead,
     * and judges a round that changed nothing while every other CPU is quiescent a dead loop.
     */
    public void again(String where) {
        if (scheduler != null) {
            scheduler.again(where);
        }
    }

    // ---- the state as one vector ----------------------------------------------------------------

    public int cellCount() { return cells.size(); }

    public Cell cell(int index) { return cells.get(index); }

    public List<Cell> cells() { return List.copyOf(cells); }

    /** Every cell's value, in creation order. */
    public long[] snapshot() {
        long[] s = new long[cells.size()];
        snapshotInto(s);
        return s;
    }

    public void snapshotInto(long[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = cells.get(i).plainGet();
        }
    }

    /** Sets every cell to {@code state} (from {@link #snapshot()} of this memory). */
    public void restore(long[] state) {
        if (state.length != cells.size()) {
            throw new IllegalArgumentException("a snapshot of " + state.length + " cells for a memory of " + cells.size());
        }
        for (int i = 0; i < state.length; i++) {
            cells.get(i).plainSet(state[i]);
        }
    }
}
