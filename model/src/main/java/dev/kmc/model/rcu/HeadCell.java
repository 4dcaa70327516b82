package dev.kmc.model.rcu;

/** The {@code head} field of an {@code rcu_segcblist} or {@code rcu_cblist}, as a cell a tail can point at. */
final class HeadCell implements NextCell {
    private volatile RcuHead head;

    @Override
    public RcuHead get() { return head; }

    @Override
    public void set(RcuHead h) { head = h; }

    @Override
    public String cellName() { return "&head"; }

    @Override
    public String toString() { return cellName(); }
}
