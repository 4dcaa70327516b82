package dev.kmc.model.ringbuffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code struct buffer_page}: the page descriptor. The page's own {@code list.next} carries the
 * HEAD/UPDATE flag when the page after it is the head page.
 */
public final class BufferPage {
    private final String name;
    /** list.next, a tagged pointer: cmpxchg'd by the writer (head push) and the reader (head replace). */
    final AtomicReference<Link> next = new AtomicReference<>();
    /** list.prev: plain stores by the reader during a swap. */
    volatile BufferPage prev;
    /** local_t write: low 20 bits the next free offset, bits above RB_WRITE_MASK the tail-update counter. */
    final AtomicLong write = new AtomicLong();
    /** local_t entries: events reserved on this page (same 20-bit split as write). */
    final AtomicLong entries = new AtomicLong();
    /**
     * The reader's offset in this page. Meaningful only while this is the reader page; set to 0
     * when it becomes the reader page and NEVER reset when it goes back into the ring (the stale
     * value behind the v5.13 bug). Reader-owned, guarded by the reader lock.
     */
    int read;
    /** Offset where end-of-page padding starts, or 0 if the page was filled exactly. */
    volatile int realEnd;
    /** The data page (ring_buffer_read_page would swap it; the model never does). */
    final BufferDataPage page;

    BufferPage(String name, int pageSize) {
        this.name = name;
        this.page = new BufferDataPage(pageSize);
    }

    private BufferPage(String name, BufferDataPage page) {
        this.name = name;
        this.page = page;
    }

    public String name() { return name; }

    /** rb_page_write(): the write index without the counter bits. */
    public long pageWrite() { return write.get() & RbLayout.RB_WRITE_MASK; }

    /** rb_page_entries(). */
    public long pageEntries() { return entries.get() & RbLayout.RB_WRITE_MASK; }

    /** rb_page_commit(): also rb_page_size() in 5.x. */
    public long pageCommit() { return page.commit; }

    public int read() { return read; }

    public int realEnd() { return realEnd; }

    /** The event stored at {@code offset}, or null. */
    public RbEvent eventAt(int offset) { return page.data[offset]; }

    /** rb_list_head(list.next): the next page with the flag bits stripped. */
    BufferPage nextPage() { return next.get().next(); }

    /** A page with the same values and no links; {@link RingBufferPerCpu#copy()} relinks it. */
    BufferPage copyUnlinked() {
        BufferPage p = new BufferPage(name, page.copy());
        p.write.set(write.get());
        p.entries.set(entries.get());
        p.read = read;
        p.realEnd = realEnd;
        return p;
    }

    @Override
    public String toString() { return name; }
}
