package dev.kmc.model.ringbuffer;

/**
 * Layout constants of {@code kernel/trace/ring_buffer.c} (v5.13), in one place.
 *
 * <pre>
 *  buffer_page.write / buffer_page.entries (local_t):
 *    63 ........ 20 | 19 ........ 0
 *    INTCNT counter | index / count        RB_WRITE_MASK = 0x000f_ffff, RB_WRITE_INTCNT = 1 &lt;&lt; 20
 *
 *  list_head.next of the page BEFORE the head page (low two bits of the pointer):
 *    0 NORMAL   ordinary link
 *    1 HEAD     points at the head page; the reader may swap it out
 *    2 UPDATE   a writer is pushing the head (overwrite mode); the reader must retry
 *    4 MOVED    never stored: the return code "the pointer no longer points at the page"
 * </pre>
 */
public final class RbLayout {
    private RbLayout() { }

    public static final long RB_WRITE_MASK = 0xfffffL;
    public static final long RB_WRITE_INTCNT = 1L << 20;

    public static final int RB_PAGE_NORMAL = 0;
    public static final int RB_PAGE_HEAD = 1;
    public static final int RB_PAGE_UPDATE = 2;
    public static final int RB_PAGE_MOVED = 4;

    /** PAGE_SIZE - 16 on 64-bit: the payload of one data page, in bytes. */
    public static final int BUF_PAGE_SIZE = 4080;
    /** RB_ALIGNMENT: event starts and lengths are multiples of 4 bytes. */
    public static final int RB_ALIGNMENT = 4;
    /** The smallest event (header + one word), in bytes. */
    public static final int RB_EVNT_MIN_SIZE = 8;

    /** The retry limit of rb_reserve_next_event's -EAGAIN loop. */
    public static final int RESERVE_MAX_LOOPS = 1000;

    public static String flagName(int flag) {
        switch (flag) {
            case RB_PAGE_NORMAL: return "NORMAL";
            case RB_PAGE_HEAD: return "HEAD";
            case RB_PAGE_UPDATE: return "UPDATE";
            case RB_PAGE_MOVED: return "MOVED";
            default: return "flag" + flag;
        }
    }
}
