package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;
import java.util.function.ToIntFunction;

/**
 * A pointer field to one of the port's objects ({@code struct rcu_head *}, {@code struct dst_entry *}
 * ...): a {@link Word} holding the address {@link Memory#register} gave the object at construction,
 * named by the kernel primitive like any cell access.
 * <p>
 * NOTE: this stands in for {@code dev.kmc.model.mem.Ptr}, whose stores looked the address up in an
 * identity hash map at run time when this port was written. Under Lincheck's model checking that
 * lookup failed for objects registered in the test's constructor (Lincheck's instrumentation changes
 * what the identity hash returns once the analysed run starts). Here each object's address is fixed
 * at construction, so no access looks anything up. A pointer to this pointer's cell
 * ({@code struct rcu_head **}) is a {@code Ptr<Word>} to {@link #cell()}.
 */
final class ObjPtr<T> {
    private final Memory mem;
    private final Word cell;
    private final ToIntFunction<T> addrOf;

    ObjPtr(Memory mem, String name, ToIntFunction<T> addrOf) {
        this.mem = mem;
        this.addrOf = addrOf;
        this.cell = mem.word(name, 0).holdsAddress();
    }

    private long addr(T p) { return p == null ? 0 : addrOf.applyAsInt(p); }

    @SuppressWarnings("unchecked")
    private T deref(long addr) { return (T) mem.object(addr); }

    /** The cell itself: what a {@code T **} points at. */
    Word cell() { return cell; }

    T load() { return deref(cell.load()); }

    void store(T p) { cell.store(addr(p)); }

    T readOnce() { return deref(cell.readOnce()); }

    void writeOnce(T p) { cell.writeOnce(addr(p)); }

    void rcuAssignPointer(T p) { cell.writeOnce(addr(p)); }   // NOTE: release ordering not needed by the model's readers

    /** Without scheduling: printers, invariants, keys. */
    T peekPtr() { return deref(cell.peek()); }

    /** Without scheduling: construction only. */
    void pokePtr(T p) { cell.poke(addr(p)); }

    /** {@code *pp = p} through a {@code T **} that points at some ObjPtr's cell. */
    static <T> void storeThrough(Word target, long addr, boolean once) {
        if (once) {
            target.writeOnce(addr);
        } else {
            target.store(addr);
        }
    }

    String name() { return cell.name(); }

    /** Marks the cell CPU-private (see {@code Cell#cpuPrivate}). */
    ObjPtr<T> cpuPrivate() {
        cell.cpuPrivate();
        return this;
    }

    /** Marks the cell as protected by {@code lock}. */
    ObjPtr<T> guardedBy(dev.kmc.model.mem.SpinLock lock) {
        cell.guardedBy(lock);
        return this;
    }
}
