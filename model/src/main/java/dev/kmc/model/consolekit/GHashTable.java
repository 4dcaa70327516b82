package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.CkFinding.ProbesForever;
import dev.kmc.model.consolekit.CkFinding.OutOfBounds;
import dev.kmc.model.consolekit.CkFinding.VersionChanged;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * GLib 2.46.2's {@code GHashTable} ({@code glib/ghash.c}) with string keys: open addressing over
 * the parallel arrays {@code hashes}/{@code keys}/{@code values}, quadratic probing, tombstones,
 * resizing and the {@code version} counter of a build without {@code G_DISABLE_ASSERT}.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>A slot is UNUSED (hash 0), a TOMBSTONE (hash 1) or REAL (hash &gt;= 2, unsigned). The first
 *     probe is {@code hash % mod} (mod: the largest prime below size), then {@code +1, +2, +3 ...}
 *     modulo size.</li>
 * <li>Invariants of a correct use: {@code nnodes} is the number of REAL slots and
 *     {@code noccupied} is {@code nnodes} plus the tombstones; at least one slot is UNUSED.</li>
 * <li>Non-invariant: an index into the arrays is only meaningful until the next resize.
 *     {@link #gHashTableResize} allocates new arrays and rehashes, so every entry may move. It
 *     runs from {@link #gHashTableMaybeResize} after an insert, a remove, a steal, and at the
 *     end of every {@link #gHashTableForeachRemoveOrSteal}. {@code version} counts structural
 *     changes (an insert, a remove, a foreach that removed something), not resizes.</li>
 * <li>All of it runs on the GLib main-loop thread; nothing here is synchronized. Destroy
 *     notifiers and foreach callbacks are plain calls and may re-enter the table, which the
 *     model allows exactly as GLib does (not at all checked, except by {@code version}).</li>
 * <li>On kmc's memory layer: the header fields and the three arrays are cells, touched by the main
 *     loop only ({@code cpuPrivate}). Nothing is allocated during an operation, so the arrays live
 *     in two preallocated banks of {@code slots} slots each: {@code bank} says which one
 *     {@code hash_table->hashes/keys/values} point at, and a resize builds the new arrays in the
 *     other bank (cleared first, as {@code g_new0} does) and then switches. An index taken before a
 *     resize indexes the other bank's arrays afterwards, as the stale index of C does. A table
 *     that would outgrow a bank is a limit of the model (IllegalStateException).</li>
 * </ul>
 *
 * @param <V> the value type: the table holds one reference on each value
 */
public final class GHashTable<V extends GObject> {
    static final int HASH_TABLE_MIN_SHIFT = 3;                  // 1 << 3 == 8 buckets
    static final int UNUSED_HASH_VALUE = 0;
    static final int TOMBSTONE_HASH_VALUE = 1;

    /** The first prime below each power of two, used to find the initial bucket (prime_mod[]). */
    private static final int[] PRIME_MOD = {
        1, 2, 3, 7, 13, 31, 61, 127, 251, 509, 1021, 2039, 4093, 8191, 16381, 32749, 65521, 131071, 262139,
        524287, 1048573, 2097143, 4194301, 8388593, 16777213, 33554393, 67108859, 134217689, 268435399,
        536870909, 1073741789, 2147483647};

    /** GHRFunc: the foreach predicate, called with the node's key and value. */
    @FunctionalInterface
    public interface GHRFunc<V> {
        boolean call(CString key, V value);
    }

    /** What g_hash_table_lookup_node returns: the node index and, through hash_return, the key's hash. */
    record Node(int index, int hash) { }

    /** g_hash_table_lookup_extended's two out-parameters. */
    public record Extended<V>(CString origKey, V value) { }

    private final String name;
    private final int nameId;
    private final Heap heap;
    private final Consumer<CString> keyDestroyFunc;
    private final Consumer<V> valueDestroyFunc;

    final Word size;
    final Word mod;
    final Word mask;
    final Word nnodes;
    final Word noccupied;                                        // nnodes + tombstones
    /** Tracks the structure of the table, not its contents (#ifndef G_DISABLE_ASSERT). */
    final Word version;
    /** Which bank hash_table->hashes, ->keys and ->values point at (0 or 1). */
    final Word bank;
    private final Word[][] hashes;                               // guint: compared unsigned
    private final Ptr<CString>[][] keys;
    private final Ptr<V>[][] values;

    /**
     * g_hash_table_new_full(g_str_hash, g_str_equal, key_destroy_func, value_destroy_func), with
     * two banks of {@code slots} slots for its arrays. {@code name} is the model's, for findings
     * and printing.
     */
    @SuppressWarnings("unchecked")
    GHashTable(Memory mem, String name, Heap heap, int slots, Consumer<CString> keyDestroyFunc, Consumer<V> valueDestroyFunc) {
        this.name = name;
        this.nameId = heap.id(name);
        this.heap = heap;
        this.keyDestroyFunc = keyDestroyFunc;
        this.valueDestroyFunc = valueDestroyFunc;
        size = mem.word(name + "->size", 0).cpuPrivate();
        mod = mem.word(name + "->mod", 0).cpuPrivate();
        mask = mem.word(name + "->mask", 0).cpuPrivate();
        nnodes = mem.word(name + "->nnodes", 0).cpuPrivate();
        noccupied = mem.word(name + "->noccupied", 0).cpuPrivate();
        version = mem.word(name + "->version", 0).cpuPrivate();
        bank = mem.word(name + "->arrays", 0).cpuPrivate();
        hashes = new Word[2][slots];
        keys = new Ptr[2][slots];
        values = new Ptr[2][slots];
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < slots; i++) {
                hashes[b][i] = mem.word(name + "->hashes" + b + "[" + i + "]", 0).cpuPrivate();
                keys[b][i] = mem.<CString>ptr(name + "->keys" + b + "[" + i + "]", null).cpuPrivate();
                values[b][i] = mem.<V>ptr(name + "->values" + b + "[" + i + "]", null).cpuPrivate();
            }
        }
        heap.id("g_hash_table_find_closest_shift");
        heap.id("g_hash_table_lookup_node");
        heap.id("g_hash_table_resize");
        int shift = HASH_TABLE_MIN_SHIFT;                        // g_hash_table_set_shift (hash_table, HASH_TABLE_MIN_SHIFT)
        size.poke(1 << shift);
        mod.poke(PRIME_MOD[shift]);
        mask.poke((1 << shift) - 1);
    }

    static boolean hashIsUnused(int h) { return h == UNUSED_HASH_VALUE; }

    static boolean hashIsTombstone(int h) { return h == TOMBSTONE_HASH_VALUE; }

    static boolean hashIsReal(int h) { return Integer.compareUnsigned(h, 2) >= 0; }

    /** g_str_hash: djb2 over the bytes as signed chars, in guint32 arithmetic. */
    public static int gStrHash(String v) {
        int h = 5381;
        for (int i = 0; i < v.length(); i++) {
            h = (h << 5) + h + (byte) v.charAt(i);
        }
        return h;
    }

    // hash_table->hashes[i], ->keys[i], ->values[i]: the arrays the table points at now
    private Word hashes(int i) { return hashes[(int) bank.load()][i]; }

    private Ptr<CString> keys(int i) { return keys[(int) bank.load()][i]; }

    private Ptr<V> values(int i) { return values[(int) bank.load()][i]; }

    private int slots() { return hashes[0].length; }

    // =========================================================================================
    // Shape
    // =========================================================================================

    private void gHashTableSetShift(int shift) {
        if ((1 << shift) > slots()) {
            throw new IllegalStateException(name + " would grow to " + (1 << shift) + " slots: the model's banks have "
                    + slots() + "; give the manager larger banks");
        }
        size.store(1 << shift);
        mod.store(PRIME_MOD[shift]);
        mask.store((1 << shift) - 1);                            // shift one-bits
    }

    /**
     * g_hash_table_find_closest_shift: the number of significant bits of {@code n}. GLib shifts a
     * signed gint: for {@code n < 0} (only reachable with an nnodes driven below 0 by stale
     * removals) the arithmetic shift stops at -1 and the loop never ends. Java's {@code >>} is
     * arithmetic too; after 32 shifts the value can no longer change, so the port stops there.
     */
    int gHashTableFindClosestShift(int n) {
        int i;
        for (i = 0; n != 0; i++) {
            if (i == Integer.SIZE) {                             // n is -1 for good: GLib loops forever
                throw deadLoop("g_hash_table_find_closest_shift", n, (int) size.load());
            }
            n >>= 1;
        }
        return i;
    }

    private DeadLoop deadLoop(String where, long key, int size) {
        heap.report(ProbesForever.KIND, nameId, heap.known(where), key, size);
        return new DeadLoop(where.equals("g_hash_table_find_closest_shift")
                ? new ProbesForever(name, where, Long.toString(key), size)
                : new ProbesForever(name, where, heap.string(key), size));
    }

    private void gHashTableSetShiftFromSize(int size) {
        int shift = gHashTableFindClosestShift(size);
        gHashTableSetShift(Math.max(shift, HASH_TABLE_MIN_SHIFT));
    }

    /**
     * g_hash_table_lookup_node: the index of {@code key}'s node if present, else of the slot to
     * insert it at (the first tombstone on the probe path, or the UNUSED slot that ends it).
     *
     * <p>GLib's probe (ghash.c 2.46.2, lines 395-425) has exactly two exits: a slot holding the
     * key, and an UNUSED slot. Tombstones never end it. The probe adds 1, 2, 3 ... modulo
     * {@code size}, a power of two, so its first {@code size} probes visit every slot exactly once,
     * and the lookup calls nothing that could change the table (g_str_hash, g_str_equal). So if
     * {@code size} probes have found neither exit, the table has no UNUSED slot and no such key,
     * and GLib's loop never ends: the daemon's only thread spins at 100% CPU. The port stops
     * there and throws {@link DeadLoop} after recording {@link ProbesForever}: the operation never
     * returns, which is what a check sees as DEADLOOP. A correct table always keeps an UNUSED
     * slot ({@link #gHashTableMaybeResize} grows it before the last one goes); only counters
     * made wrong by a stale {@link #gHashTableRemoveNode} let it fill.
     */
    Node gHashTableLookupNode(String key) {
        int hashValue = gStrHash(key);                           // hash_table->hash_func (key)
        if (!hashIsReal(hashValue)) {
            hashValue = 2;
        }
        int nodeIndex = Integer.remainderUnsigned(hashValue, (int) mod.load());
        int nodeHash = (int) hashes(nodeIndex).load();
        int firstTombstone = 0;
        boolean haveTombstone = false;
        int step = 0;
        int size = (int) this.size.load();
        int mask = (int) this.mask.load();
        while (!hashIsUnused(nodeHash)) {
            if (nodeHash == hashValue) {                         // full hashes first, then g_str_equal
                if (keys(nodeIndex).load().read().equals(key)) {
                    return new Node(nodeIndex, hashValue);
                }
            } else if (hashIsTombstone(nodeHash) && !haveTombstone) {
                firstTombstone = nodeIndex;
                haveTombstone = true;
            }
            step++;
            if (step == size) {                                  // every slot probed, none UNUSED: GLib loops forever
                throw deadLoop("g_hash_table_lookup_node", heap.known(key), size);
            }
            nodeIndex += step;
            nodeIndex &= mask;
            nodeHash = (int) hashes(nodeIndex).load();
        }
        return new Node(haveTombstone ? firstTombstone : nodeIndex, hashValue);
    }

    /**
     * Thrown where GLib would loop forever: the daemon's main-loop thread never returns from the
     * operation. Nothing after it runs; the checks report the operation as DEADLOOP.
     */
    public static final class DeadLoop extends RuntimeException {
        private final transient CkFinding finding;

        DeadLoop(CkFinding finding) {
            super(finding.toString(), null, false, false);
            this.finding = finding;
        }

        public CkFinding finding() { return finding; }
    }

    // =========================================================================================
    // Remove, resize
    // =========================================================================================

    /**
     * g_hash_table_remove_node: erect a tombstone at {@code i}, clear key and value, decrement
     * nnodes, then (if {@code notify}) run the destroy notifiers on the key and value that were
     * there. No resize. It trusts {@code i}: on an UNUSED slot or a tombstone it passes NULL to
     * the notifiers and still decrements nnodes. An index past the end of the (reallocated)
     * arrays writes past the allocation in C: recorded as {@link OutOfBounds}; only the
     * in-bounds write (nnodes) is made, and the notifiers, which would get whatever lies past the
     * end, are not called.
     */
    void gHashTableRemoveNode(int i, boolean notify) {
        int size = (int) this.size.load();
        if (i >= size) {
            heap.report(OutOfBounds.KIND, nameId, i, size, 0);
            nnodes.store(nnodes.load() - 1);
            return;
        }
        CString key = keys(i).load();
        V value = values(i).load();
        hashes(i).store(TOMBSTONE_HASH_VALUE);                   // erect tombstone
        keys(i).store(null);                                     // be GC friendly
        values(i).store(null);
        nnodes.store(nnodes.load() - 1);
        if (notify && keyDestroyFunc != null) {
            keyDestroyFunc.accept(key);
        }
        if (notify && valueDestroyFunc != null) {
            valueDestroyFunc.accept(value);
        }
    }

    /**
     * g_hash_table_resize: new arrays sized for nnodes * 2 (the other bank, cleared), every REAL
     * node rehashed into them, tombstones dropped. Every index taken before this call is stale
     * after it.
     */
    void gHashTableResize() {
        int oldSize = (int) size.load();
        int oldBank = (int) bank.load();
        int newBank = 1 - oldBank;
        gHashTableSetShiftFromSize((int) nnodes.load() * 2);
        int size = (int) this.size.load();
        int mod = (int) this.mod.load();
        int mask = (int) this.mask.load();
        for (int i = 0; i < size; i++) {                         // g_new0: the new arrays start zeroed
            hashes[newBank][i].store(UNUSED_HASH_VALUE);
            keys[newBank][i].store(null);
            values[newBank][i].store(null);
        }
        for (int i = 0; i < oldSize; i++) {
            int nodeHash = (int) hashes[oldBank][i].load();
            if (!hashIsReal(nodeHash)) {
                continue;
            }
            int hashVal = Integer.remainderUnsigned(nodeHash, mod);
            int step = 0;
            while (!hashIsUnused((int) hashes[newBank][hashVal].load())) {
                step++;
                if (step == size) {                              // more REAL slots than room (nnodes too low): GLib loops forever
                    throw deadLoop("g_hash_table_resize", keys[oldBank][i].load().text.load(), size);
                }
                hashVal += step;
                hashVal &= mask;
            }
            hashes[newBank][hashVal].store(nodeHash);
            keys[newBank][hashVal].store(keys[oldBank][i].load());
            values[newBank][hashVal].store(values[oldBank][i].load());
        }
        bank.store(newBank);                                     // g_free the old arrays, point at the new ones
        noccupied.store(nnodes.load());
    }

    /** g_hash_table_maybe_resize: shrink below a quarter full, grow at (almost) full occupancy. */
    void gHashTableMaybeResize() {
        int occupied = (int) noccupied.load();
        int size = (int) this.size.load();
        if ((size > nnodes.load() * 4 && size > 1 << HASH_TABLE_MIN_SHIFT) || (size <= occupied + (occupied / 16))) {
            gHashTableResize();
        }
    }

    // =========================================================================================
    // The API ConsoleKit uses
    // =========================================================================================

    /** g_hash_table_insert (g_hash_table_insert_internal with keep_new_key FALSE): the table takes both references. */
    public boolean gHashTableInsert(CString key, V value) {
        Node n = gHashTableLookupNode(key.read());
        return gHashTableInsertNode(n.index(), n.hash(), key, value);
    }

    /** g_hash_table_insert_node with keep_new_key and reusing_key FALSE. */
    private boolean gHashTableInsertNode(int nodeIndex, int keyHash, CString newKey, V newValue) {
        int oldHash = (int) hashes(nodeIndex).load();
        boolean alreadyExists = hashIsReal(oldHash);
        CString keyToFree = null;
        V valueToFree = null;
        if (alreadyExists) {
            valueToFree = values(nodeIndex).load();
            keyToFree = newKey;                                  // not keep_new_key: the table keeps its key
        } else {
            hashes(nodeIndex).store(keyHash);
            keys(nodeIndex).store(newKey);
        }
        values(nodeIndex).store(newValue);
        if (!alreadyExists) {
            nnodes.store(nnodes.load() + 1);
            if (hashIsUnused(oldHash)) {                         // an empty node, not a tombstone
                noccupied.store(noccupied.load() + 1);
                gHashTableMaybeResize();
            }
            version.store(version.load() + 1);
        }
        if (alreadyExists) {
            if (keyDestroyFunc != null) keyDestroyFunc.accept(keyToFree);
            if (valueDestroyFunc != null) valueDestroyFunc.accept(valueToFree);
        }
        return !alreadyExists;
    }

    /** g_hash_table_lookup. */
    public V gHashTableLookup(String key) {
        int i = gHashTableLookupNode(key).index();
        return hashIsReal((int) hashes(i).load()) ? values(i).load() : null;
    }

    /** g_hash_table_lookup_extended: the table's own key and value, or null if absent. */
    public Extended<V> gHashTableLookupExtended(String key) {
        int i = gHashTableLookupNode(key).index();
        return hashIsReal((int) hashes(i).load()) ? new Extended<>(keys(i).load(), values(i).load()) : null;
    }

    /** g_hash_table_steal (g_hash_table_remove_internal with notify FALSE). */
    public boolean gHashTableSteal(String key) {
        int i = gHashTableLookupNode(key).index();
        if (!hashIsReal((int) hashes(i).load())) {
            return false;
        }
        gHashTableRemoveNode(i, false);
        gHashTableMaybeResize();
        version.store(version.load() + 1);
        return true;
    }

    /** g_hash_table_foreach_remove: remove every node {@code func} returns TRUE for, with the destroy notifiers. */
    public int gHashTableForeachRemove(GHRFunc<V> func) {
        return gHashTableForeachRemoveOrSteal(func, true);
    }

    /** g_hash_table_foreach_steal: the same, without the destroy notifiers: the caller now owns key and value. */
    public int gHashTableForeachSteal(GHRFunc<V> func) {
        return gHashTableForeachRemoveOrSteal(func, false);
    }

    /**
     * g_hash_table_foreach_remove_or_steal. For each slot i (the bound re-reads size): read the
     * node, call {@code func} on a REAL one, remove node i if it returned TRUE, then check that
     * {@code version} has not moved. {@code func} may re-enter the table; the index i it was
     * called for is used after it returns, in whatever arrays the table has by then.
     */
    private int gHashTableForeachRemoveOrSteal(GHRFunc<V> func, boolean notify) {
        int deleted = 0;
        long version = this.version.load();
        for (int i = 0; i < size.load(); i++) {
            int nodeHash = (int) hashes(i).load();
            CString nodeKey = keys(i).load();
            V nodeValue = values(i).load();
            if (hashIsReal(nodeHash) && func.call(nodeKey, nodeValue)) {
                gHashTableRemoveNode(i, notify);                // NOTE: i indexes the arrays read above, maybe not these
                deleted++;
            }
            long now = this.version.load();
            if (version != now) {                                // g_return_val_if_fail (version == hash_table->version, 0)
                heap.report(VersionChanged.KIND, nameId, i, version, now);
                return 0;
            }
        }
        gHashTableMaybeResize();
        if (deleted > 0) {
            this.version.store(this.version.load() + 1);
        }
        return deleted;
    }

    // =========================================================================================
    // For checks and printing (no scheduling)
    // =========================================================================================

    public int size() { return (int) size.peek(); }

    public int mod() { return (int) mod.peek(); }

    public int nnodes() { return (int) nnodes.peek(); }

    public int noccupied() { return (int) noccupied.peek(); }

    public int version() { return (int) version.peek(); }

    /** Slot i: UNUSED (0), TOMBSTONE (1) or the key's hash. */
    public int hashAt(int i) { return (int) hashes[(int) bank.peek()][i].peek(); }

    public CString keyAt(int i) { return keys[(int) bank.peek()][i].peekPtr(); }

    public V valueAt(int i) { return values[(int) bank.peek()][i].peekPtr(); }

    public static boolean isReal(int hash) { return hashIsReal(hash); }

    public static boolean isTombstone(int hash) { return hashIsTombstone(hash); }

    /** The number of REAL slots: what nnodes should be. */
    public int realSlots() {
        int n = 0;
        for (int i = 0; i < size(); i++) if (hashIsReal(hashAt(i))) n++;
        return n;
    }

    public int tombstones() {
        int n = 0;
        for (int i = 0; i < size(); i++) if (hashIsTombstone(hashAt(i))) n++;
        return n;
    }

    /** The values of the REAL slots, in slot order. */
    public List<V> liveValues() {
        List<V> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (hashIsReal(hashAt(i))) out.add(valueAt(i));
        }
        return out;
    }
}
