package dev.kmc.model.rcu;

/**
 * The one place where the two variants differ: which body of {@code debug_rcu_head_queue()} and
 * {@code debug_rcu_head_unqueue()} (kernel/rcu/rcu.h) is compiled in. Everything else is shared.
 */
public enum EnqueueGuard {
    /** No CONFIG_DEBUG_OBJECTS_RCU_HEAD, as in the incident: both are empty stubs. */
    UNGUARDED("no CONFIG_DEBUG_OBJECTS_RCU_HEAD") {
        @Override
        boolean debugRcuHeadQueue(RcuHead head) {
            return false;                                   // return 0
        }

        @Override
        void debugRcuHeadUnqueue(RcuHead head) {
        }
    },
    /**
     * CONFIG_DEBUG_OBJECTS_RCU_HEAD=y: debug_object_activate() then active state READY -&gt; QUEUED,
     * checked and changed under the debugobjects bucket lock, so of two CPUs queueing the same
     * head exactly one wins. The loser is reported ("Double-freed CB") and leaked by __call_rcu.
     */
    DEBUG_OBJECTS("CONFIG_DEBUG_OBJECTS_RCU_HEAD=y") {
        @Override
        boolean debugRcuHeadQueue(RcuHead head) {
            // LP (duplicate): the failed test-and-set; "ODEBUG: activate active (active state 1)", -EINVAL
            return !head.debugState.compareAndSet(RcuHead.IDLE, RcuHead.QUEUED);
        }

        @Override
        void debugRcuHeadUnqueue(RcuHead head) {
            head.debugState.set(RcuHead.IDLE);              // active state QUEUED -> READY; debug_object_deactivate()
        }
    };

    private final String label;

    EnqueueGuard(String label) {
        this.label = label;
    }

    public String label() { return label; }

    /** debug_rcu_head_queue(): true (non-zero) if the head is already queued. */
    abstract boolean debugRcuHeadQueue(RcuHead head);

    /** debug_rcu_head_unqueue(): called by rcu_do_batch before the callback, so it may re-post its head. */
    abstract void debugRcuHeadUnqueue(RcuHead head);
}
