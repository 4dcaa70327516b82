package dev.kmc.model.ringbuffer;

/**
 * The RB_WARN_ON sites of the port, so a warning can be recorded in shared memory (the kernel
 * prints a WARN and sets {@code record_disabled}; the port keeps which site fired first).
 */
public enum RbWarn {
    RESERVE_LOOPS("rb_reserve_next_event: more than 1000 -EAGAIN loops"),
    END_COMMIT_NOT_COMMITTING("rb_end_commit: committing is 0"),
    COMMIT_RUNAWAY("rb_set_commit_to_write: commit page passed nr_pages * 100 pages"),
    COMMIT_TAIL_IS_READER("rb_set_commit_to_write: the tail page is the reader page"),
    HANDLE_HEAD_FLAG("rb_handle_head_page: unexpected flag on tail->next"),
    HANDLE_HEAD_SET_HEAD("rb_handle_head_page: setting HEAD on the new head saw UPDATE or MOVED"),
    HANDLE_HEAD_CLEAR_UPDATE("rb_handle_head_page: clearing UPDATE did not find UPDATE"),
    DISCARD_NOT_COMMITTING("ring_buffer_discard_commit: committing is 0"),
    DECREMENT_ENTRY_NOT_FOUND("rb_decrement_entry: the event is on no page of this buffer"),
    SET_HEAD_NO_HEAD_PAGE("rb_set_head_page: head_page is NULL"),
    SET_HEAD_PAGES_UNLINKED("rb_set_head_page: pages->prev->next != pages"),
    SET_HEAD_NOT_FOUND("rb_set_head_page: no flagged link in three laps"),
    READER_PAGE_LOOPS("rb_get_reader_page: more than 3 loops"),
    READER_READ_PAST_COMMIT("rb_get_reader_page: read > commit on the reader page"),
    ADVANCE_NO_READER("rb_advance_reader: no reader page"),
    PEEK_LOOPS("rb_buffer_peek: more than 2 loops"),
    PEEK_NULL_PADDING("rb_buffer_peek: a null padding below commit"),
    PEEK_NO_EVENT("rb_buffer_peek: no event header at the reader's position"),
    PADDING_LOOPS("ring_buffer_peek/consume: stepped over 100000 paddings (the port's bound)"),
    HEAD_REPLACE_SPINS("rb_get_reader_page: head replace spun 1e6 times (the port's bound)");

    private final String what;

    RbWarn(String what) { this.what = what; }

    public String what() { return what; }
}
