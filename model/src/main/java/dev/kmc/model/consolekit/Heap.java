package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.CkFinding.DoubleFree;
import dev.kmc.model.consolekit.CkFinding.OutOfBounds;
import dev.kmc.model.consolekit.CkFinding.ProbesForever;
import dev.kmc.model.consolekit.CkFinding.UnrefNull;
import dev.kmc.model.consolekit.CkFinding.UseAfterFree;
import dev.kmc.model.consolekit.CkFinding.VersionChanged;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocator's view: g_strdup, g_free, g_object_ref and g_object_unref, each free recorded as
 * an event, and the findings of the run. Memory is garbage-collected: a freed string or a
 * finalized object keeps its fields, is only flagged, and a second free or a use is reported.
 * Main-loop thread only.
 *
 * <h2>On the memory layer</h2>
 * Nothing is allocated during an operation: the heap strings are a pool built in the
 * constructor ({@link #gStrdup} hands out the next one), and every string the model ever
 * needs (cookies, client names, session ids, the names findings carry) is in a string table
 * fixed at construction, so a string is a word (its id). The findings and the free/unref
 * events are fixed-size logs of cells with a count; all of it is touched by the main loop only
 * ({@code cpuPrivate}).
 */
public final class Heap {
    private final Memory mem;
    /** The string table: immutable after construction. */
    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final CString[] pool;
    /** How many pool strings g_strdup has handed out. */
    private final Word strdups;
    private final Word[][] findingLog;
    private final Word nfindings;
    private final Word[] eventLog;
    private final Word nevents;
    /** 1 once the main loop is stuck in a loop that never ends (a ProbesForever finding). */
    final Word hung;

    // event codes: the low 3 bits of an event word; the rest holds an address or string id and a ref count
    private static final int EV_FREE = 1;
    private static final int EV_UNREF_NULL = 2;
    private static final int EV_UNREF_FREED = 3;
    private static final int EV_UNREF_FINALIZED = 4;
    private static final int EV_UNREF = 5;

    Heap(Memory mem, List<String> strings, int nstrings, int nfindings, int nevents) {
        this.mem = mem;
        id("");                                                  // id 0: the empty string
        for (String s : strings) id(s);
        pool = new CString[nstrings];
        for (int i = 0; i < nstrings; i++) pool[i] = new CString(mem, this, i);
        strdups = mem.word("heap.strdups", 0).cpuPrivate();
        findingLog = new Word[nfindings][5];
        for (int i = 0; i < nfindings; i++) {
            for (int j = 0; j < 5; j++) findingLog[i][j] = mem.word("findings[" + i + "]." + j, 0).cpuPrivate();
        }
        this.nfindings = mem.word("findings.n", 0).cpuPrivate();
        eventLog = new Word[nevents];
        for (int i = 0; i < nevents; i++) eventLog[i] = mem.word("events[" + i + "]", 0).cpuPrivate();
        this.nevents = mem.word("events.n", 0).cpuPrivate();
        hung = mem.word("heap.hung", 0).cpuPrivate();
    }

    Memory memory() { return mem; }

    /** The id of {@code s} in the string table; construction time only for new strings. */
    int id(String s) {
        Integer i = ids.get(s);
        if (i == null) {
            i = strings.size();
            strings.add(s);
            ids.put(s, i);
        }
        return i;
    }

    /** The id of a string the table must already hold (during operations). */
    int known(String s) {
        Integer i = ids.get(s);
        if (i == null) {
            throw new IllegalArgumentException("\"" + s + "\" is not in the model's string table: add it at construction");
        }
        return i;
    }

    String string(long id) { return strings.get((int) id); }

    /** g_strdup: the next string of the pool. */
    public CString gStrdup(String s) {
        long n = strdups.load();
        if (n == pool.length) {
            throw new IllegalStateException("the model's " + pool.length + " heap strings are used up");
        }
        strdups.store(n + 1);
        CString c = pool[(int) n];
        c.text.store(known(s));
        c.freed.store(0);
        return c;
    }

    /** g_free: NULL is a no-op. */
    public void gFree(CString s) {
        if (s == null) {
            return;
        }
        event(EV_FREE, s.text.load(), 0);
        if (s.freed.load() != 0) {
            report(DoubleFree.KIND, s.text.load(), 0, 0, 0);
            return;
        }
        s.freed.store(1);
    }

    public <T extends GObject> T gObjectRef(T o) {
        o.refCount.store(o.refCount.load() + 1);
        return o;
    }

    /** g_object_unref of an object held by {@code holder} ("leaders", "sessions" ...): for the NULL finding. */
    public void gObjectUnref(GObject o, String holder) {
        if (o == null) {
            event(EV_UNREF_NULL, 0, 0);
            report(UnrefNull.KIND, known(holder), 0, 0, 0);      // g_return_if_fail (G_IS_OBJECT (object))
            return;
        }
        long addr = mem.addrOf(o);
        o.unrefs.store(o.unrefs.load() + 1);
        if (o.finalized.load() != 0) {
            event(EV_UNREF_FREED, addr, 0);
            report(UseAfterFree.KIND, known("g_object_unref"), addr, 0, 0);
            return;
        }
        long rc = o.refCount.load() - 1;
        o.refCount.store(rc);
        if (rc == 0) {
            o.finalized.store(1);                                // dispose + finalize + g_type_free_instance
            event(EV_UNREF_FINALIZED, addr, 0);
        } else {
            event(EV_UNREF, addr, rc);
        }
    }

    private void event(int code, long arg, long rc) {
        long n = nevents.load();
        if (n < eventLog.length) {
            eventLog[(int) n].store(code | arg << 3 | rc << 40);
        }
        nevents.store(n + 1);
    }

    /** Appends a finding: its KIND and up to four words (string ids, addresses, numbers). */
    void report(int kind, long a, long b, long c, long d) {
        long n = nfindings.load();
        if (n < findingLog.length) {
            Word[] e = findingLog[(int) n];
            e[0].store(kind);
            e[1].store(a);
            e[2].store(b);
            e[3].store(c);
            e[4].store(d);
        }
        nfindings.store(n + 1);
        if (kind == ProbesForever.KIND) {
            hung.store(1);
        }
    }

    /** True once the main loop has entered a loop that never ends: a plain load, for operations. */
    boolean isHung() { return hung.load() != 0; }

    // ---- decoding, without scheduling: checks and printers ----------------------------------

    public List<CkFinding> findings() {
        List<CkFinding> out = new ArrayList<>();
        int n = (int) Math.min(nfindings.peek(), findingLog.length);
        for (int i = 0; i < n; i++) {
            Word[] e = findingLog[i];
            long a = e[1].peek(), b = e[2].peek(), c = e[3].peek(), d = e[4].peek();
            switch ((int) e[0].peek()) {
                case VersionChanged.KIND: out.add(new VersionChanged(string(a), (int) b, (int) c, (int) d)); break;
                case OutOfBounds.KIND: out.add(new OutOfBounds(string(a), (int) b, (int) c)); break;
                case ProbesForever.KIND: {
                    String where = string(b);
                    String key = where.equals("g_hash_table_find_closest_shift") ? Long.toString(c) : string(c);
                    out.add(new ProbesForever(string(a), where, key, (int) d));
                    break;
                }
                case UnrefNull.KIND: out.add(new UnrefNull(string(a))); break;
                case UseAfterFree.KIND: out.add(new UseAfterFree(string(a), ((GObject) mem.object(b)).name())); break;
                case DoubleFree.KIND: out.add(new DoubleFree(string(a))); break;
                default: throw new IllegalStateException("finding kind " + e[0].peek());
            }
        }
        if (nfindings.peek() > findingLog.length) {
            throw new IllegalStateException(nfindings.peek() + " findings overflow the model's log of " + findingLog.length);
        }
        return out;
    }

    public <F extends CkFinding> List<F> findings(Class<F> type) {
        return findings().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every g_free and g_object_unref, in order. */
    public List<String> events() {
        List<String> out = new ArrayList<>();
        int n = (int) Math.min(nevents.peek(), eventLog.length);
        for (int i = 0; i < n; i++) {
            long w = eventLog[i].peek();
            long arg = (w >>> 3) & ((1L << 37) - 1);
            long rc = w >>> 40;
            switch ((int) (w & 7)) {
                case EV_FREE: out.add("g_free(\"" + string(arg) + "\")"); break;
                case EV_UNREF_NULL: out.add("g_object_unref(NULL)"); break;
                case EV_UNREF_FREED: out.add("g_object_unref(" + mem.object(arg) + ")"); break;
                case EV_UNREF_FINALIZED: out.add("g_object_unref(" + mem.object(arg) + "): finalized"); break;
                default: out.add("g_object_unref(" + mem.object(arg) + "): refcount " + rc); break;
            }
        }
        return out;
    }
}
