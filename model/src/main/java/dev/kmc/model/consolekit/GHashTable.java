package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.CkFinding.ProbesForever;
import dev.kmc.model.consolekit.CkFinding.OutOfBounds;
import dev.kmc.model.consolekit.CkFinding.VersionChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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
    private final Heap heap;
    private final Consumer<CString> keyDestroyFunc;
    private final Consumer<V> valueDestroyFunc;

    int size;
    int mod;
    int mask;
    int nnodes;
    int noccupied;                                               // nnodes + tombstones
    CString[] keys;
    int[] hashes;                                                // guint: compared unsigned
    Object[] values;
    /** Tracks the structure of the table, not its contents (#ifndef G_DISABLE_ASSERT). */
    int version;

    /**
     * g_hash_table_new_full(g_str_hash, g_str_equal, key_destroy_func, value_destroy_func).
     * {@code name} is the model's, for findings and printing.
     */
    public GHashTable(String name, Heap heap, Consumer<CString> keyDestroyFunc, Consumer<V> valueDestroyFunc) {
        this.name = name;
        this.heap = heap;
        this.keyDestroyFunc = keyDestroyFunc;
        this.valueDestroyFunc = valueDestroyFunc;
        gHashTableSetShift(HASH_TABLE_MIN_SHIFT);
        keys = new CString[size];                                // keys and values never share one array here
        values = new Object[size];
        hashes = new int[size];
    }

    /** A copy whose keys and values are mapped through the given functions (the objects of a copied heap). */
    GHashTable<V> copy(Heap heap, Function<CString, CString> keyMap,
                       Function<V, V> valueMap,
                       Consumer<CString> keyDestroyFunc, Consumer<V> valueDestroyFunc) {
        GHashTable<V> c = new GHashTable<>(name, heap, keyDestroyFunc, valueDestroyFunc);
        c.size = size;
        c.mod = mod;
        c.mask = mask;
        c.nnodes = nnodes;
        c.noccupied = noccupied;
        c.version = version;
        c.hashes = hashes.clone();
        c.keys = new CString[size];
        c.values = new Object[size];
        for (int i = 0; i < size; i++) {
            c.keys[i] = keys[i] == null ? null : keyMap.apply(keys[i]);
            c.values[i] = values[i] == null ? null : valueMap.apply(value(i));
        }
        return c;
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

    // =========================================================================================
    // Shape
    // =========================================================================================

    private void gHashTableSetShift(int shift) {
        size = 1 << shift;
        mod = PRIME_MOD[shift];
        mask = size - 1;                                         // shift one-bits
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
                ProbesForever f = new ProbesForever(name, "g_hash_table_find_closest_shift", Integer.toString(n), size);
                heap.report(f);
                throw new DeadLoop(f);
            }
            n >>= 1;
        }
        return i;
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
        int nodeIndex = Integer.remainderUnsigned(hashValue, mod);
        int nodeHash = hashes[nodeIndex];
        int firstTombstone = 0;
        boolean haveTombstone = false;
        int step = 0;
        while (!hashIsUnused(nodeHash)) {
            if (nodeHash == hashValue) {                         // full hashes first, then g_str_equal
                if (keys[nodeIndex].text().equals(key)) {
                    return new Node(nodeIndex, hashValue);
                }
            } else if (hashIsTombstone(nodeHash) && !haveTombstone) {
                firstTombstone = nodeIndex;
                haveTombstone = true;
            }
            step++;
            if (step == size) {                                  // every slot probed, none UNUSED: GLib loops forever
                ProbesForever f = new ProbesForever(name, "g_hash_table_lookup_node", key, size);
                heap.report(f);
                throw new DeadLoop(f);
            }
            nodeIndex += step;
            nodeIndex &= mask;
            nodeHash = hashes[nodeIndex];
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
        if (i >= size) {
            heap.report(new OutOfBounds(name, i, size));
            nnodes--;
            return;
        }
        CString key = keys[i];
        V value = value(i);
        hashes[i] = TOMBSTONE_HASH_VALUE;                        // erect tombstone
        keys[i] = null;                                          // be GC friendly
        values[i] = null;
        nnodes--;
        if (notify && keyDestroyFunc != null) {
            keyDestroyFunc.accept(key);
        }
        if (notify && valueDestroyFunc != null) {
            valueDestroyFunc.accept(value);
        }
    }

    /**
     * g_hash_table_resize: new arrays sized for nnodes * 2, every REAL node rehashed into them,
     * tombstones dropped. Every index taken before this call is stale after it.
     */
    void gHashTableResize() {
        int oldSize = size;
        gHashTableSetShiftFromSize(nnodes * 2);
        CString[] newKeys = new CString[size];
        Object[] newValues = new Object[size];
        int[] newHashes = new int[size];
        for (int i = 0; i < oldSize; i++) {
            int nodeHash = hashes[i];
            if (!hashIsReal(nodeHash)) {
                continue;
            }
            int hashVal = Integer.remainderUnsigned(nodeHash, mod);
            int step = 0;
            while (!hashIsUnused(newHashes[hashVal])) {
                step++;
                if (step == size) {                              // more REAL slots than room (nnodes too low): GLib loops forever
                    ProbesForever f = new ProbesForever(name, "g_hash_table_resize", keys[i].text(), size);
                    heap.report(f);
                    throw new DeadLoop(f);
                }
                hashVal += step;
                hashVal &= mask;
            }
            newHashes[hashVal] = hashes[i];
            newKeys[hashVal] = keys[i];
            newValues[hashVal] = values[i];
        }
        keys = newKeys;                                          // g_free the old arrays
        values = newValues;
        hashes = newHashes;
        noccupied = nnodes;
    }

    /** g_hash_table_maybe_resize: shrink below a quarter full, grow at (almost) full occupancy. */
    void gHashTableMaybeResize() {
        int occupied = noccupied;
        if ((size > nnodes * 4 && size > 1 << HASH_TABLE_MIN_SHIFT) || (size <= occupied + (occupied / 16))) {
            gHashTableResize();
        }
    }

    // =========================================================================================
    // The API ConsoleKit uses
    // =========================================================================================

    /** g_hash_table_insert (g_hash_table_insert_internal with keep_new_key FALSE): the table takes both references. */
    public boolean gHashTableInsert(CString key, V value) {
        Node n = gHashTableLookupNode(key.text());
        return gHashTableInsertNode(n.index(), n.hash(), key, value);
    }

    /** g_hash_table_insert_node with keep_new_key and reusing_key FALSE. */
    private boolean gHashTableInsertNode(int nodeIndex, int keyHash, CString newKey, V newValue) {
        int oldHash = hashes[nodeIndex];
        boolean alreadyExists = hashIsReal(oldHash);
        CString keyToFree = null;
        V valueToFree = null;
        if (alreadyExists) {
            valueToFree = value(nodeIndex);
            keyToFree = newKey;                                  // not keep_new_key: the table keeps its key
        } else {
            hashes[nodeIndex] = keyHash;
            keys[nodeIndex] = newKey;
        }
        values[nodeIndex] = newValue;
        if (!alreadyExists) {
            nnodes++;
            if (hashIsUnused(oldHash)) {                         // an empty node, not a tombstone
                noccupied++;
                gHashTableMaybeResize();
            }
            version++;
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
        return hashIsReal(hashes[i]) ? value(i) : null;
    }

    /** g_hash_table_lookup_extended: the table's own key and value, or null if absent. */
    public Extended<V> gHashTableLookupExtended(String key) {
        int i = gHashTableLookupNode(key).index();
        return hashIsReal(hashes[i]) ? new Extended<>(keys[i], value(i)) : null;
    }

    /** g_hash_table_steal (g_hash_table_remove_internal with notify FALSE). */
    public boolean gHashTableSteal(String key) {
        int i = gHashTableLookupNode(key).index();
        if (!hashIsReal(hashes[i])) {
            return false;
        }
        gHashTableRemoveNode(i, false);
        gHashTableMaybeResize();
        version++;
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
        int version = this.version;
        for (int i = 0; i < size; i++) {
            int nodeHash = hashes[i];
            CString nodeKey = keys[i];
            V nodeValue = value(i);
            if (hashIsReal(nodeHash) && func.call(nodeKey, nodeValue)) {
                gHashTableRemoveNode(i, notify);                // NOTE: i indexes the arrays read above, maybe not these
                deleted++;
            }
            if (version != this.version) {                       // g_return_val_if_fail (version == hash_table->version, 0)
                heap.report(new VersionChanged(name, i, version, this.version));
                return 0;
            }
        }
        gHashTableMaybeResize();
        if (deleted > 0) {
            this.version++;
        }
        return deleted;
    }

    // =========================================================================================
    // For checks and printing
    // =========================================================================================

    @SuppressWarnings("unchecked")
    private V value(int i) { return (V) values[i]; }

    public int size() { return size; }

    public int nnodes() { return nnodes; }

    public int noccupied() { return noccupied; }

    public int version() { return version; }

    /** Slot i: UNUSED (0), TOMBSTONE (1) or the key's hash. */
    public int hashAt(int i) { return hashes[i]; }

    public CString keyAt(int i) { return keys[i]; }

    public V valueAt(int i) { return value(i); }

    public static boolean isReal(int hash) { return hashIsReal(hash); }

    public static boolean isTombstone(int hash) { return hashIsTombstone(hash); }

    /** The number of REAL slots: what nnodes should be. */
    public int realSlots() {
        int n = 0;
        for (int h : hashes) if (hashIsReal(h)) n++;
        return n;
    }

    public int tombstones() {
        int n = 0;
        for (int h : hashes) if (hashIsTombstone(h)) n++;
        return n;
    }

    /** The values of the REAL slots, in slot order. */
    public List<V> liveValues() {
        List<V> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (hashIsReal(hashes[i])) out.add(value(i));
        }
        return out;
    }
}
