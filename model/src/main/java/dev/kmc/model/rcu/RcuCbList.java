package dev.kmc.model.rcu;

/**
 * {@code struct rcu_cblist { head; tail; len; }}: the simple list of ready callbacks that
 * {@code rcu_do_batch} takes out of the segmented list and invokes. {@code len} is left out:
 * only the batch limit and tracing read it, and the model has neither.
 */
final class RcuCbList {
    final HeadCell head = new HeadCell();
    /** Pointer to the last next field, or &amp;head when empty (RCU_CBLIST_INITIALIZER). */
    NextCell tail = head;

    /**
     * rcu_cblist_dequeue(): take the first callback, reading its {@code next} now, before the
     * caller invokes it (the callback may free or re-post the head).
     */
    RcuHead rcuCblistDequeue() {
        RcuHead rhp = head.get();
        if (rhp == null) {
            return null;
        }
        head.set(rhp.next);                 // rclp->head = rhp->next
        if (head.get() == null) {
            tail = head;                    // rclp->tail = &rclp->head
        }
        return rhp;
    }
}
