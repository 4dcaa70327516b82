package dev.kmc.model.ringbuffer;

/**
 * A pointer to a {@code struct ring_buffer_event} in a data page, with the header word as it was
 * read. The header word packs what the kernel keeps in the event header and body:
 * <pre>
 *   63 ........ 26 | 25 ........ 6 | 5          | 4 .... 0
 *   payload id     | length        | time_delta | type_len     (0: nothing ever written there)
 * </pre>
 * {@code time_delta} is only "zero or not": a padding event with time_delta 0 is a "null" padding
 * (the rest of the page is unused); discarded events have time_delta != 0 (rb_event_discard).
 */
public final class RbEvent {
    /** type_len 0..28: a data event. */
    public static final int TYPE_DATA = 0;
    /** RINGBUF_TYPE_PADDING. */
    public static final int TYPE_PADDING = 29;

    final BufferPage bpage;   // the page that holds it (the kernel: event address & PAGE_MASK)
    final int index;          // rb_event_index: offset inside the data page
    final long header;

    RbEvent(BufferPage bpage, int index, long header) {
        this.bpage = bpage;
        this.index = index;
        this.header = header;
    }

    static long header(int typeLen, boolean timeDelta, int length, int id) {
        return typeLen | (timeDelta ? 1L << 5 : 0) | ((long) length << 6) | ((long) id << 26);
    }

    static int typeLen(long header) { return (int) (header & 31); }

    static boolean timeDelta(long header) { return (header & 32) != 0; }

    static int length(long header) { return (int) ((header >>> 6) & 0xfffff); }

    static int id(long header) { return (int) (header >>> 26); }

    /** The header with {@code id} as payload (ring_buffer_write's memcpy). */
    static long withId(long header, int id) { return (header & ((1L << 26) - 1)) | ((long) id << 26); }

    /** rb_event_discard: type_len = PADDING, time_delta = 1 if it was 0. */
    static long discarded(long header) {
        return header(TYPE_PADDING, true, length(header), id(header));
    }

    public boolean isPadding() { return typeLen(header) == TYPE_PADDING; }

    /** rb_null_event(): padding that carries no length; it only ever lies beyond commit. */
    public boolean isNullPadding() { return isPadding() && !timeDelta(header); }

    public int length() { return length(header); }

    public int id() { return id(header); }

    public int index() { return index; }

    public BufferPage page() { return bpage; }

    @Override
    public String toString() {
        if (!isPadding()) return "e" + id() + (length() == 1 ? "" : ":" + length());
        return isNullPadding() ? "null-pad" : "pad" + length();
    }
}
