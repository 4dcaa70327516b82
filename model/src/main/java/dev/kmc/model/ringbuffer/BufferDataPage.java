package dev.kmc.model.ringbuffer;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * {@code struct buffer_data_page}: the payload page, with its commit index and the events. An
 * event is its header word at its offset ({@link RbEvent#header}); the payload id rides in it.
 */
public final class BufferDataPage {
    /** local_t commit: bytes on this page committed and visible to readers. Written only by the outermost committer. */
    final Word commit;
    /** data[]: one word per possible event start (every RB_ALIGNMENT units): plain stores by the writer, plain loads by readers. */
    private final Word[] data;
    final int size;
    private final int align;

    BufferDataPage(Memory mem, String owner, Geometry geometry) {
        this.size = geometry.pageSize();
        this.align = geometry.alignment();
        this.commit = mem.word(owner + "->page->commit", 0);
        this.data = new Word[size / align + 1];
        for (int i = 0; i < data.length; i++) {
            data[i] = mem.word(owner + "->page->data[" + (i * align) + "]", 0);
        }
    }

    boolean isSlot(int offset) { return offset % align == 0 && offset / align < data.length; }

    /** The header word of the event at {@code offset}. */
    Word slot(int offset) {
        if (offset % align != 0) {
            throw new IllegalArgumentException("event offset " + offset + " is not a multiple of RB_ALIGNMENT " + align);
        }
        return data[offset / align];
    }
}
