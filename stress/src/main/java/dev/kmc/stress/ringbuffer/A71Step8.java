package dev.kmc.stress.ringbuffer;

import dev.kmc.model.ringbuffer.BufferPage;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import dev.kmc.model.ringbuffer.RingBufferPerCpu;
import dev.kmc.model.ringbuffer.RingBufferSubject;

/**
 * The state both ring-buffer harnesses start from: kernel-spec A.7.1 steps 1..8 on 3 ring
 * pages x 4 slots, built single-threaded. The writer sits on the full, fully read reader page
 * R (tail == commit == R), the head page P0 has commit 0 and a stale read of 4, and
 * rb_num_of_entries is 0: both emptiness checks say empty and peek() is NULL.
 */
final class A71Step8 {
    private A71Step8() { }

    static RingBufferSubject build(EmptyCheck check) {
        RingBufferSubject rb = new RingBufferSubject(Geometry.slots(3, 4, false), check);
        rb.write(1);
        rb.write(4);
        rb.write(1);
        rb.consume();
        rb.write(4);
        rb.consume();
        rb.consume();
        rb.consume();
        RingBufferPerCpu cpu = rb.cpu();
        BufferPage reader = cpu.readerPage();
        BufferPage head = cpu.flaggedHeadPage();
        if (cpu.tailPage() != reader || cpu.commitPage() != reader || reader.read() != 4 || reader.pageCommit() != 4
                || head.read() != 4 || head.pageCommit() != 0 || cpu.numOfEntries() != 0) {
            throw new IllegalStateException("expected A.7.1 step 8 (tail == commit == R read 4/commit 4, "
                    + "head read 4/commit 0, rb_num_of_entries 0), got:\n" + rb);
        }
        return rb;
    }
}
