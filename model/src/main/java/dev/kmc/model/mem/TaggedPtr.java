package dev.kmc.model.mem;

/**
 * A pointer whose two low bits carry flags, as {@code list_head.next} does in the ring buffer
 * ({@code RB_PAGE_HEAD}, {@code RB_PAGE_UPDATE}). Accesses move the whole word, flags and
 * pointer together, as the kernel's {@code (unsigned long)} casts do; {@link #ptr(long)} and
 * {@link #flag(long)} take a word apart ({@code rb_list_head()} and {@code & RB_FLAG_MASK}).
 */
public final class TaggedPtr<T> extends Cell {
    /** RB_FLAG_MASK: the low bits that are not part of the pointer. */
    public static final long FLAG_MASK = 3;

    TaggedPtr(Memory mem, String name, long init) {
        super(mem, name, init);
    }

    /** The word for pointer {@code p} with {@code flag} in its low bits. */
    public long word(T p, int flag) { return (mem.addrOf(p) << 2) | flag; }

    /** The pointer part of a word (rb_list_head). */
    @SuppressWarnings("unchecked")
    public T ptr(long word) { return (T) mem.object(word >>> 2); }

    /** The flag bits of a word. */
    public static int flag(long word) { return (int) (word & FLAG_MASK); }

    public long load() { return access(Prim.LOAD, 0, 0); }

    public void store(long word) { access(Prim.STORE, word, 0); }

    public long readOnce() { return access(Prim.READ_ONCE, 0, 0); }

    public void writeOnce(long word) { access(Prim.WRITE_ONCE, word, 0); }

    /** cmpxchg of the whole tagged word: returns the word found. */
    public long cmpxchg(long old, long neu) { return access(Prim.CMPXCHG, old, neu); }

    /** The pointee, flags stripped, without scheduling: printers and keys only. */
    public T peekPtr() { return ptr(peek()); }

    public int peekFlag() { return flag(peek()); }

    /** Sets the word without scheduling: building a state only. */
    public void poke(T p, int flag) { poke(word(p, flag)); }

    @Override
    public String format(long w) {
        return mem.nameOf(w >>> 2) + (flag(w) == 0 ? "" : "|" + flag(w));
    }
}
