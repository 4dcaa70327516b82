package dev.kmc.model.ringbuffer;

/**
 * Size and mode of one per-CPU buffer.
 *
 * @param ringPages    pages in the ring (the reader page comes on top), at least 2
 * @param pageSize     BUF_PAGE_SIZE in model units: 4080 bytes as in the kernel, or a few "slots"
 * @param minEventSize RB_EVNT_MIN_SIZE in the same units (8 bytes, or 1 slot)
 * @param overwrite    RB_FL_OVERWRITE: the writer pushes the head instead of dropping events
 */
public record Geometry(int ringPages, int pageSize, int minEventSize, boolean overwrite) {

    public Geometry {
        if (ringPages < 2) {
            throw new IllegalArgumentException("ringPages must be >= 2, got " + ringPages);
        }
        if (pageSize < 1 || pageSize > RbLayout.RB_WRITE_MASK) {
            throw new IllegalArgumentException("pageSize must be in 1.." + RbLayout.RB_WRITE_MASK + ", got " + pageSize);
        }
        if (minEventSize < 1 || minEventSize > pageSize) {
            throw new IllegalArgumentException("minEventSize must be in 1..pageSize, got " + minEventSize);
        }
    }

    /** A slot model: pages of {@code cap} slots, events of 1..cap slots (kernel-spec A.7). */
    public static Geometry slots(int ringPages, int cap, boolean overwrite) {
        return new Geometry(ringPages, cap, 1, overwrite);
    }

    /** The kernel's byte geometry: 4080-byte pages, 8-byte minimum events. */
    public static Geometry kernel(int ringPages, boolean overwrite) {
        return new Geometry(ringPages, RbLayout.BUF_PAGE_SIZE, RbLayout.RB_EVNT_MIN_SIZE, overwrite);
    }

    /** RB_ALIGNMENT in model units: events start on multiples of it (4 bytes in the kernel, 1 slot in a slot model). */
    public int alignment() {
        return pageSize == RbLayout.BUF_PAGE_SIZE ? RbLayout.RB_ALIGNMENT : 1;
    }

    @Override
    public String toString() {
        return ringPages + " ring pages x " + pageSize + (pageSize == RbLayout.BUF_PAGE_SIZE ? " bytes" : " slots")
                + ", overwrite " + (overwrite ? "on" : "off");
    }
}
