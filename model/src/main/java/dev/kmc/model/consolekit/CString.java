package dev.kmc.model.consolekit;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * A heap string from g_strdup: a table owns its keys and frees them with g_free. One of the
 * {@link Heap}'s preallocated strings: {@code text} is the string's bytes (an id in the heap's
 * string table), {@code freed} the allocator's state. Both are main-loop cells.
 */
public final class CString {
    private final Heap heap;
    private final int index;
    /** The bytes, as an id of {@link Heap#string}. */
    final Word text;
    /** 1 once g_free'd. */
    final Word freed;

    CString(Memory mem, Heap heap, int index) {
        this.heap = heap;
        this.index = index;
        this.text = mem.word("str[" + index + "].text", 0).cpuPrivate();
        this.freed = mem.word("str[" + index + "].freed", 0).cpuPrivate();
        mem.register(this);
    }

    /** The bytes as the port reads them (g_str_equal, g_str_hash): a plain load. */
    String read() { return heap.string(text.load()); }

    /** The bytes without scheduling: printers, invariants, tests. */
    public String text() { return heap.string(text.peek()); }

    public boolean freed() { return freed.peek() != 0; }

    int index() { return index; }

    @Override
    public String toString() { return text(); }
}
