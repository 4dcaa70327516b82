package dev.kmc.model.ringbuffer;

/**
 * Something that happens while the writer is stopped at a marked point of its path: an
 * interrupt on the writer's CPU running a complete nested reserve/commit or reserve/discard on
 * the same buffer (IRQ, softirq and NMI writers nest strictly LIFO, kernel-spec A.1), or a
 * reader on another CPU acting in that window, replayed deterministically. Implementations are
 * expected to fire once, like a real interrupt, and not to re-enter themselves.
 */
@FunctionalInterface
public interface InterruptHook {

    /** Where an interrupt may arrive (kernel-spec A.10). */
    enum Point {
        /** In __rb_reserve_next, right after local_add_return on tail_page->write. */
        AFTER_RESERVE_ADD,
        /**
         * In rb_move_tail, after rb_is_head_page said next_page is the head page and before
         * the commit page is checked: a reader on another CPU may swap pages here.
         */
        MOVE_TAIL_NEXT_IS_HEAD,
        /** In rb_move_tail, after rb_tail_page_update and rb_reset_tail, before rb_end_commit. */
        MOVE_TAIL_BEFORE_END_COMMIT,
        /** In rb_set_commit_to_write, between the page loop and the index loop. */
        COMMIT_BETWEEN_LOOPS,
        /** In ring_buffer_discard_commit, between rb_event_discard and rb_try_to_discard. */
        DISCARD_BEFORE_TRY
    }

    InterruptHook NONE = (point, cpu) -> { };

    void interrupt(Point point, RingBufferPerCpu cpu);
}
