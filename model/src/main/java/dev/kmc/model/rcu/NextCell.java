package dev.kmc.model.rcu;

/**
 * A {@code struct rcu_head *} cell: the kernel's "pointer to a next field (or to head)". A tail
 * of {@link RcuSegCbList} is a reference to a cell and is compared by identity, as the kernel
 * compares {@code struct rcu_head **}. Implemented by {@link RcuHead} (its {@code next}) and by
 * {@link HeadCell} (a list's {@code head}).
 */
public interface NextCell {
    /** {@code *cell}. */
    RcuHead get();

    /** {@code *cell = h} (a volatile store: WRITE_ONCE, see package-info). */
    void set(RcuHead h);

    /** How a kernel hacker names the cell: {@code &X.next} or {@code &head}. */
    String cellName();
}
