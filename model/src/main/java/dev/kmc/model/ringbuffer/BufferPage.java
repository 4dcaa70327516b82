package dev.kmc.model.ringbuffer;

import dev.kmc.model.mem.Addressed;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.TaggedPtr;
import dev.kmc.model.mem.Word;

/**
 * {@code struct buffer_page}: the page descriptor. The page's own {@code list.next} carries the
 * HEAD/UPDATE flag when the page after it is the head page.
 */
public final class BufferPage implements Addressed {
    private final String name;
    /** list.next, a tagged pointer: cmpxchg'd by the writer (head push) and the reader (head replace). */
    final TaggedPtr<BufferPage> next;
    /** list.prev: plain stores by the reader during a swap. */
    final Ptr<BufferPage> prev;
    /** local_t write: low 20 bits the next free offset, bits above RB_WRITE_MASK the tail-update counter. */
    final Word write;
    /** local_t entries: events reserved on this page (same 20-bit split as write). */
    final Word entries;
    /**
     * unsigned read: the reader's offset in this page. Meaningful only while this is the reader
     * page; set to 0 when it becomes the reader page and NEVER reset when it goes back into the
     * ring (the stale value behind the v5.13 bug). Touched only under the reader lock.
     */
    final Word read;
    /** unsigned real_end: where end-of-page padding starts, or 0 if the page was filled exactly. */
    final Word realEnd;
    /** The data page (ring_buffer_read_page would swap it; the model never does). */
    final BufferDataPage page;

    private final Memory mem;
    private final int address;

    BufferPage(Memory mem, String name, Geometry geometry, SpinLock readerLock) {
        this.name = name;
        this.mem = mem;
        this.address = mem.register(this);
        this.next = mem.taggedPtr(name + "->list.next");
        this.prev = mem.ptr(name + "->list.prev", null);
        this.write = mem.word(name + "->write", 0);
        this.entries = mem.word(name + "->entries", 0);
        this.read = mem.word(name + "->read", 0).guardedBy(readerLock);
        this.realEnd = mem.word(name + "->real_end", 0);
        this.page = new BufferDataPage(mem, name, geometry);
    }

    public String name() { return name; }

    @Override
    public Memory memory() { return mem; }

    @Override
    public int address() { return address; }

    /** rb_page_write(): the write index without the counter bits (no scheduling: printers, checks). */
    public long pageWrite() { return write.peek() & RbLayout.RB_WRITE_MASK; }

    /** rb_page_entries() (no scheduling). */
    public long pageEntries() { return entries.peek() & RbLayout.RB_WRITE_MASK; }

    /** rb_page_commit(), also rb_page_size() in 5.x (no scheduling). */
    public long pageCommit() { return page.commit.peek(); }

    /** The reader offset (no scheduling). */
    public int read() { return (int) read.peek(); }

    public int realEnd() { return (int) realEnd.peek(); }

    /** The event whose header is at {@code offset}, or null (no scheduling). */
    public RbEvent eventAt(int offset) {
        if (offset < 0 || offset > page.size || !page.isSlot(offset)) return null;
        long h = page.slot(offset).peek();
        return h == 0 ? null : new RbEvent(this, offset, h);
    }

    /** The next page, flags stripped (no scheduling). */
    BufferPage peekNext() { return next.peekPtr(); }

    /** The next page's flag (no scheduling). */
    int peekNextFlag() { return next.peekFlag(); }

    @Override
    public String toString() { return name; }
}
