package dev.kmc.model.ringbuffer;

import java.util.List;

/**
 * The values of one per-CPU buffer as a kernel hacker copies them out of memory
 * ({@code struct ring_buffer_per_cpu}, its {@code buffer_page}s and their data pages' {@code commit}),
 * from which {@link RingBufferPerCpu#fromSnapshot} builds the port's state with the kernel's page
 * size (BUF_PAGE_SIZE, 4080 bytes) so the reader's predicates can be evaluated offline. Values are
 * raw: {@code write} and {@code entries} keep their counter bits above RB_WRITE_MASK.
 *
 * <p>A dump has no event payloads. {@code rb_per_cpu_empty}, {@code rb_num_of_entries} and
 * {@code rb_get_reader_page} read only the fields; {@code rb_buffer_peek} also looks at the one
 * event at the reader's position, and only at whether it is data or padding. So the factory
 * synthesizes, on each page, the events a reader would meet below {@code commit} (from
 * {@code read} on the reader page, from 0 on a ring page):
 * <ul>
 * <li>one data event up to {@code real_end} (or up to {@code commit} if {@code real_end} is 0 or
 *     not below it), unless the page's {@code entries} (masked) is 0: then the page holds no data
 *     event at all, only discarded events;</li>
 * <li>one padding event from there to {@code commit}: the padding {@code rb_reset_tail} writes at
 *     {@code real_end}, or the discarded events of a page without entries.</li>
 * </ul>
 * What a dump cannot show: a discarded event in the middle of unread data is taken as data, and
 * bytes below the reader's position or between {@code commit} and {@code write} hold no event
 * (the printer shows them as {@code ?N}).
 *
 * @param ring        the pages of the ring, in ring order from any page
 * @param reader      the reader page ({@code reader_page}), outside the ring
 * @param headPage    {@code head_page}, the cached hint; the authority is the flagged {@code next}
 * @param tailPage    {@code tail_page}: a ring page or the reader page
 * @param commitPage  {@code commit_page}: a ring page or the reader page
 */
public record RingBufferSnapshot(List<Page> ring, Page reader, String headPage, String tailPage, String commitPage,
                                 long entries, long overrun, long read, long commits, long committing,
                                 long entriesBytes) {

    /**
     * One {@code struct buffer_page} with its data page's {@code commit}.
     *
     * @param next     the name of the page {@code list.next} points at
     * @param nextFlag the flag in the low bits of {@code list.next}: RB_PAGE_NORMAL, _HEAD or _UPDATE
     */
    public record Page(String name, long write, int read, long entries, int realEnd, long commit,
                       String next, int nextFlag) { }
}
