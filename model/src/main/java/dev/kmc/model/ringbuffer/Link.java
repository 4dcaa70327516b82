package dev.kmc.model.ringbuffer;

/**
 * The value of a {@code list_head.next} pointer: the page it points at plus the two flag bits
 * the kernel keeps in its low bits (RB_PAGE_HEAD / RB_PAGE_UPDATE). Immutable, so that one
 * {@code AtomicReference<Link>} swap is one cmpxchg of the tagged pointer.
 */
public record Link(BufferPage next, int flag) {
    @Override
    public String toString() {
        return "->" + (next == null ? "null" : next.name()) + (flag == 0 ? "" : "|" + RbLayout.flagName(flag));
    }
}
