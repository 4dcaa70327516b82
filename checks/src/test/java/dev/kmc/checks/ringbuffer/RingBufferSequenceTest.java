package dev.kmc.checks.ringbuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import dev.kmc.model.mem.Interposer;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Prim;
import dev.kmc.model.mem.TaggedPtr;
import dev.kmc.model.ringbuffer.RbLayout;
import dev.kmc.model.ringbuffer.RbEvent;
import dev.kmc.model.ringbuffer.RingBufferInvariants;
import dev.kmc.model.ringbuffer.RingBufferPerCpu;
import dev.kmc.model.ringbuffer.RingBufferSubject;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deterministic sequences of kernel-spec A.7 and A.8, with the A.9 invariants after every step. */
class RingBufferSequenceTest {

    private static final Geometry TWO_PAGES = Geometry.slots(2, 4, false);
    private static final Geometry THREE_PAGES = Geometry.slots(3, 4, false);

    /** Runs one step and checks the structural invariants after it. */
    private static void step(RingBufferSubject rb, String what, Consumer<RingBufferSubject> op) {
        op.accept(rb);
        String v = RingBufferInvariants.firstViolation(rb.cpu());
        if (v != null) {
            throw new AssertionError("after " + what + ": invariant violated: " + v + "\n" + rb);
        }
    }

    /** A.7.2: write(1), write(4), consume, write(1), consume, consume, reserve(4)+discard. */
    private static RingBufferSubject a72(EmptyCheck check) {
        RingBufferSubject rb = new RingBufferSubject(TWO_PAGES, check);
        step(rb, "write(1)", r -> assertTrue(r.write(1)));
        step(rb, "write(4)", r -> assertTrue(r.write(4)));
        step(rb, "consume", r -> assertEquals("e1", r.consume()));
        step(rb, "write(1)", r -> assertTrue(r.write(1)));
        step(rb, "consume", r -> assertEquals("e2", r.consume()));
        step(rb, "consume", r -> assertEquals("e3", r.consume()));
        step(rb, "reserve(4)+discard", r -> assertTrue(r.reserveDiscard(4)));
        return rb;
    }

    @Test
    void preFixReportsNotEmptyWhilePeekIsNull() {
        RingBufferSubject rb = a72(EmptyCheck.V5_13);
        RingBufferPerCpu cpu = rb.cpu();
        // the final state of A.7.2: C == H == P0 with commit 0 and a stale read of 4
        assertSame(cpu.commitPage(), cpu.flaggedHeadPage(), rb.toString());
        assertEquals(0, cpu.commitPage().pageCommit());
        assertEquals(4, cpu.commitPage().read());
        assertFalse(rb.isEmpty(), "trailing pad3 is unread on the reader page\n" + rb);
        step(rb, "peek", r -> assertNull(r.peek()));
        assertFalse(rb.isEmpty(), "v5.13 must say not empty after peek() returned null\n" + rb);
        assertNull(rb.peek());
        assertEquals(0, cpu.numOfEntries());
        assertEquals("DEADLOOP", rb.readPipe(), "tracing_read_pipe must spin without reading");
    }

    @Test
    void fixedStaysConsistentAfterDiscardOntoHeadPage() {
        RingBufferSubject rb = a72(EmptyCheck.FIXED_67F0D6D9);
        assertFalse(rb.isEmpty(), "trailing pad3 is unread on the reader page\n" + rb);
        step(rb, "peek", r -> assertNull(r.peek()));
        assertTrue(rb.isEmpty(), "fixed must say empty after peek() returned null\n" + rb);
        assertEquals("EMPTY", rb.readPipe());
    }

    /** A.7.1: the 9-operation sequence on 3 ring pages; steps 1..8 are the JCStress prefix. */
    static RingBufferSubject a71Step8(EmptyCheck check) {
        RingBufferSubject rb = new RingBufferSubject(THREE_PAGES, check);
        step(rb, "write(1)", r -> assertTrue(r.write(1)));
        step(rb, "write(4)", r -> assertTrue(r.write(4)));
        step(rb, "write(1)", r -> assertTrue(r.write(1)));
        step(rb, "consume", r -> assertEquals("e1", r.consume()));
        step(rb, "write(4)", r -> assertTrue(r.write(4)));
        step(rb, "consume", r -> assertEquals("e2", r.consume()));
        step(rb, "consume", r -> assertEquals("e3", r.consume()));
        step(rb, "consume", r -> assertEquals("e4", r.consume()));
        return rb;
    }

    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void a71PrefixEndsWithWriterOnTheFullReaderPage(EmptyCheck check) {
        RingBufferSubject rb = a71Step8(check);
        RingBufferPerCpu cpu = rb.cpu();
        assertSame(cpu.readerPage(), cpu.tailPage(), rb.toString());
        assertSame(cpu.readerPage(), cpu.commitPage());
        assertEquals(4, cpu.readerPage().read());
        assertEquals(4, cpu.flaggedHeadPage().read(), "the head page carries a stale read\n" + rb);
        assertTrue(rb.isEmpty());
        assertNull(rb.peek());
    }

    @Test
    void a71NinthStepIsTheDeadLoopBeforeTheFix() {
        RingBufferSubject pre = a71Step8(EmptyCheck.V5_13);
        step(pre, "reserve(1)+discard", r -> assertTrue(r.reserveDiscard(1)));
        assertNull(pre.peek());
        assertFalse(pre.isEmpty(), pre.toString());
        RingBufferSubject post = a71Step8(EmptyCheck.FIXED_67F0D6D9);
        step(post, "reserve(1)+discard", r -> assertTrue(r.reserveDiscard(1)));
        assertNull(post.peek());
        assertTrue(post.isEmpty(), post.toString());
    }

    /** A.8 item 1: between reserve and commit the v5.13 reader sees "not empty" and peeks NULL. */
    @Test
    void reserveWindowIsNotEmptyWithNothingToReadBeforeTheFix() {
        RingBufferSubject pre = a71Step8(EmptyCheck.V5_13);
        RbEvent e = pre.reserve(1);
        assertNotNull(e);
        assertFalse(pre.isEmpty());
        assertNull(pre.peek());
        pre.cpu().ringBufferUnlockCommit(e);
        assertEquals("e5", pre.peek());

        RingBufferSubject post = a71Step8(EmptyCheck.FIXED_67F0D6D9);
        RbEvent f = post.reserve(1);
        assertTrue(post.isEmpty());
        assertNull(post.peek());
        post.cpu().ringBufferUnlockCommit(f);
        assertFalse(post.isEmpty());
        assertEquals("e5", post.peek());
    }

    /**
     * A.7.3 with the last step replaced: the false "empty" of A.5.3. 3 ring pages, 1-slot events:
     * 12 writes, 1 consume, 4 writes, 15 consumes, then 4 writes put e17..e20 on the head page
     * with commit 4 == its stale read 4.
     */
    @Test
    void preFixReportsEmptyWhileHeadPageHoldsData() {
        for (EmptyCheck check : EmptyCheck.values()) {
            RingBufferSubject rb = new RingBufferSubject(THREE_PAGES, check);
            for (int i = 0; i < 12; i++) step(rb, "write(1)", r -> assertTrue(r.write(1)));
            step(rb, "consume", r -> assertEquals("e1", r.consume()));
            for (int i = 0; i < 4; i++) step(rb, "write(1)", r -> assertTrue(r.write(1)));
            for (int i = 2; i <= 16; i++) {
                String want = "e" + i;
                step(rb, "consume", r -> assertEquals(want, r.consume()));
            }
            for (int i = 0; i < 4; i++) step(rb, "write(1)", r -> assertTrue(r.write(1)));
            RingBufferPerCpu cpu = rb.cpu();
            assertEquals(4, cpu.flaggedHeadPage().pageCommit(), rb.toString());
            assertEquals(4, cpu.flaggedHeadPage().read(), rb.toString());
            if (check == EmptyCheck.V5_13) {
                assertTrue(rb.isEmpty(), "v5.13 says empty: a reader would sleep on e17..e20\n" + rb);
            } else {
                assertFalse(rb.isEmpty(), rb.toString());
            }
            assertEquals("e17", rb.peek());
        }
    }

    /**
     * A.8 item 3: an interrupt on the writer CPU reserves past the reader page, lands on the head
     * page and discards there, while the outer event is still uncommitted; the outer commit then
     * publishes commit 0 on the head page: the persistent state of A.7.1 step 9.
     */
    @Test
    void nestedDiscardInsideOuterWriterReachesTheDeadLoop() {
        for (EmptyCheck check : EmptyCheck.values()) {
            RingBufferSubject rb = new RingBufferSubject(THREE_PAGES, check);
            readerPageWithOneFreeSlot(rb);
            RbEvent outer = rb.reserve(1);            // fills the last slot of the reader page
            assertNotNull(outer);
            RbEvent irq = rb.cpu().ringBufferLockReserve(1);   // does not fit: tail moves onto the head page
            assertNotNull(irq);
            rb.cpu().ringBufferDiscardCommit(irq);    // reclaimed (last reservation); committing 2: no publish
            rb.cpu().ringBufferUnlockCommit(outer);   // outermost: publishes R, moves commit to head with commit 0
            assertEquals(null, RingBufferInvariants.firstViolation(rb.cpu()), rb.toString());
            assertEquals("e5", rb.consume());
            assertNull(rb.peek());
            assertEquals(check == EmptyCheck.FIXED_67F0D6D9, rb.isEmpty(), check + "\n" + rb);
        }
    }

    /**
     * Like A.7.1 steps 1..8 but e3 takes 2 slots and e4 3 slots: e4 lands on R, the reader swaps
     * R in and reads e4, and the writer is left on the reader page with one free slot; the head
     * page P0 carries a stale read of 4.
     */
    private static void readerPageWithOneFreeSlot(RingBufferSubject rb) {
        rb.write(1); rb.write(4); rb.write(2);
        assertEquals("e1", rb.consume());
        rb.write(3);
        assertEquals("e2", rb.consume());
        assertEquals("e3", rb.consume());
        assertEquals("e4", rb.consume());
        RingBufferPerCpu cpu = rb.cpu();
        assertSame(cpu.readerPage(), cpu.tailPage(), rb.toString());
        assertEquals(3, cpu.readerPage().pageWrite());
        assertEquals(4, cpu.flaggedHeadPage().read());
    }

    /** The same nesting driven from inside the writer: the interrupt arrives right after the outer reservation. */
    @Test
    void interruptHookInsideReserveCanDriveTheNestedPath() {
        for (EmptyCheck check : EmptyCheck.values()) {
            boolean[] fired = {false};
            Interposer irqAt = new Interposer();
            RingBufferSubject rb = new RingBufferSubject(THREE_PAGES, check, new Memory(irqAt));
            RingBufferPerCpu cpu = rb.cpu();
            // the interrupt arrives right after __rb_reserve_next's local_add_return on the reader page's write
            irqAt.listen((cell, prim, result) -> {
                if (prim == Prim.LOCAL_ADD_RETURN && cell.name().equals(cpu.readerPage().name() + "->write")
                        && !fired[0] && cpu.tailPage() == cpu.readerPage() && (result & RbLayout.RB_WRITE_MASK) == 4) {
                    fired[0] = true;
                    RbEvent e = cpu.ringBufferLockReserve(1);
                    cpu.ringBufferDiscardCommit(e);
                }
            });
            readerPageWithOneFreeSlot(rb);
            assertTrue(rb.write(1));                  // the interrupt fires inside this reservation
            assertTrue(fired[0]);
            assertEquals(null, RingBufferInvariants.firstViolation(rb.cpu()), rb.toString());
            assertEquals("e5", rb.consume());
            assertNull(rb.peek());
            assertEquals(check == EmptyCheck.FIXED_67F0D6D9, rb.isEmpty(), check + "\n" + rb);
        }
    }

    /**
     * A finding of kmc's random concurrent search, replayed deterministically: the writer's
     * rb_move_tail has found next_page (P0) to be the head when a reader on another CPU swaps
     * twice, P0 out and then the tail page P1 itself. The writer then "lets it move out" onto
     * its stale next_page, past the new head R: commit ends up beyond the head, nothing is
     * readable, and both predicates say "not empty" (C != H). The 67f0d6d9883c fix does not
     * cover it; tracing_read_pipe spins on either variant until the next commit.
     */
    @ParameterizedTest
    @EnumSource(EmptyCheck.class)
    void readerSwapOfTheTailPageDuringMoveTailDeadLoopsOnBothVariants(EmptyCheck check) {
        boolean[] fired = {false};
        int[] headLoads = {0};
        Interposer otherCpuReader = new Interposer();
        RingBufferSubject rb = new RingBufferSubject(TWO_PAGES, check, new Memory(otherCpuReader));
        RingBufferPerCpu cpu = rb.cpu();
        assertTrue(rb.write(2));
        assertTrue(rb.write(3));                      // P0 [e1, pad2], P1 [e2] with tail and commit
        // In rb_move_tail, P1->list.next is loaded twice with its HEAD flag: by rb_inc_page, then by
        // rb_is_head_page. The reader on the other CPU strikes right after the second one.
        otherCpuReader.listen((cell, prim, result) -> {
            if (prim == Prim.LOAD && cell.name().equals("P1->list.next") && TaggedPtr.flag(result) == RbLayout.RB_PAGE_HEAD
                    && ++headLoads[0] == 2 && !fired[0]) {
                fired[0] = true;
                assertEquals(1, cpu.ringBufferConsume().id());    // swaps P0 (the head) in
                assertEquals(2, cpu.ringBufferConsume().id());    // swaps P1 (the writer's tail page) in
            }
        });
        assertTrue(rb.reserveDiscard(3));             // does not fit on P1: rb_move_tail, where the reader strikes
        otherCpuReader.listen(null);
        assertTrue(fired[0]);
        assertNull(rb.consume());                     // steps over P1's padding; nothing to read
        assertEquals("R", cpu.flaggedHeadPage().name(), rb.toString());
        assertEquals("P0", cpu.commitPage().name(), rb.toString());
        assertFalse(rb.isEmpty(), "commit != head, so both predicates say not empty\n" + rb);
        assertNull(rb.peek());
        assertEquals("DEADLOOP", rb.readPipe());
        assertEquals("peek() returns null but isEmpty() is false afterwards (tracing_read_pipe loops forever)",
                RingBufferInvariants.emptinessViolation(cpu));
    }

    @Test
    void overwriteModePushesTheHeadAndCountsOverrun() {
        RingBufferSubject rb = new RingBufferSubject(Geometry.slots(2, 4, true), EmptyCheck.FIXED_67F0D6D9);
        for (int i = 0; i < 12; i++) step(rb, "write(1)", r -> assertTrue(r.write(1)));
        assertTrue(rb.cpu().overrun() > 0, rb.toString());
        String first = rb.consume();
        assertNotNull(first);
        assertFalse(first.equals("e1"), "e1 was overwritten\n" + rb);
    }

    @Test
    void nonOverwriteModeDropsWhenFull() {
        RingBufferSubject rb = new RingBufferSubject(TWO_PAGES, EmptyCheck.FIXED_67F0D6D9);
        assertTrue(rb.write(4));
        assertTrue(rb.write(4));
        assertFalse(rb.write(1), rb.toString());
        assertEquals(1, rb.cpu().droppedEvents());
        assertEquals("e1", rb.consume());
    }

    @Test
    void kernelGeometryUsesNullPaddingWhenLessThanAnEventIsLeft() {
        RingBufferSubject rb = new RingBufferSubject(Geometry.kernel(2, false), EmptyCheck.FIXED_67F0D6D9);
        assertTrue(rb.write(4076));                   // 4 bytes left: less than RB_EVNT_MIN_SIZE
        assertTrue(rb.write(16));                     // crosses: null padding, write rolls back to 4076
        assertEquals(null, RingBufferInvariants.firstViolation(rb.cpu()), rb.toString());
        assertEquals("e1", rb.consume());
        assertEquals("e2", rb.consume());
        assertNull(rb.peek());
        assertTrue(rb.isEmpty(), rb.toString());
    }

    @Test
    void toStringSpeaksTheKernelVocabulary() {
        RingBufferSubject rb = a72(EmptyCheck.V5_13);
        rb.peek();
        String s = rb.toString();
        assertTrue(s.contains("HEAD TAIL COMMIT"), s);
        assertTrue(s.contains("STALE"), s);
        assertTrue(s.contains("v5.13 says NOT EMPTY, fixed says EMPTY"), s);
        assertTrue(s.contains("rb_num_of_entries 0"), s);
    }
}
