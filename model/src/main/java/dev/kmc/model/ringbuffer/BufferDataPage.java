package dev.kmc.model.ringbuffer;

/** {@code struct buffer_data_page}: the payload page, with its commit index and the events. */
public final class BufferDataPage {
    /** local_t commit: bytes on this page committed and visible to readers. Written only by the outermost committer. */
    volatile long commit;
    /** data[]: events by offset. Written with plain stores by the writer below write, read by readers below commit. */
    final RbEvent[] data;

    BufferDataPage(int size) {
        this.data = new RbEvent[size + 1];
    }

    BufferDataPage copy() {
        BufferDataPage p = new BufferDataPage(data.length - 1);
        p.commit = commit;
        for (int i = 0; i < data.length; i++) {
            if (data[i] != null) p.data[i] = data[i].copyInto(p);
        }
        return p;
    }
}
