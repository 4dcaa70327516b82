package dev.kmc.model.ringbuffer;

/**
 * {@code struct ring_buffer_event} as stored in a data page: its type, its length (in model
 * units, header included) and, for data events, the payload (an id that names the event).
 */
public final class RbEvent {
    /** type_len 0..28: a data event. */
    public static final int TYPE_DATA = 0;
    /** RINGBUF_TYPE_PADDING with time_delta != 0: discarded event or end-of-page padding; readers skip it. */
    public static final int TYPE_PADDING = 29;

    final BufferDataPage page;  // the data page that holds it (the kernel: event address & PAGE_MASK)
    final int index;            // offset inside the data page (rb_event_index)
    final int length;           // rb_event_length
    volatile int typeLen;
    volatile int timeDelta;     // 0 on a "null" padding (rest of page unused, no length), else >= 1
    volatile int id;            // payload: written by the writer between reserve and commit

    RbEvent(BufferDataPage page, int index, int length, int typeLen, int timeDelta) {
        this.page = page;
        this.index = index;
        this.length = length;
        this.typeLen = typeLen;
        this.timeDelta = timeDelta;
    }

    public boolean isPadding() { return typeLen == TYPE_PADDING; }

    /** rb_null_event(): padding that carries no length; it only ever lies beyond commit. */
    public boolean isNullPadding() { return typeLen == TYPE_PADDING && timeDelta == 0; }

    public int length() { return length; }

    public int id() { return id; }

    /** Sets the payload of a reserved event (the memcpy of ring_buffer_write). */
    public void setId(int id) { this.id = id; }

    RbEvent copyInto(BufferDataPage p) {
        RbEvent e = new RbEvent(p, index, length, typeLen, timeDelta);
        e.id = id;
        return e;
    }

    @Override
    public String toString() {
        if (!isPadding()) return "e" + id + (length == 1 ? "" : ":" + length);
        return isNullPadding() ? "null-pad" : "pad" + length;
    }
}
