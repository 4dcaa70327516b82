package dev.kmc.model.rcu;

/**
 * The one visible switch between the two ports: which kernel each runs. Every line where they
 * differ asks {@link #version()} or calls one of the two debug hooks below, and says which upstream
 * line it follows (see the table in {@code package-info}).
 * <ul>
 * <li>{@link #UNGUARDED}: the incident's kernel, RHEL 7.3 3.10.0-514.el7 (the machine ran
 *     3.10.0-514.21.1; the z-stream delta is unconfirmed), built without
 *     CONFIG_DEBUG_OBJECTS_RCU_HEAD: kernel/rcutree.c {@code __call_rcu}/{@code rcu_do_batch},
 *     kernel/rcu.h {@code __rcu_reclaim}, which calls {@code head->func(head)} without clearing it.</li>
 * <li>{@link #DEBUG_OBJECTS}: Linux v5.15 (kernel/rcu/tree.c, rcu_segcblist.c) with
 *     CONFIG_DEBUG_OBJECTS_RCU_HEAD=y and lib/debugobjects.c as it was before 63a759694eed
 *     ("debugobject: Prevent init race with static objects", v6.4; in 5.15.y from 5.15.111):
 *     {@code rcu_do_batch} clears {@code ->func} before the call, {@code __call_rcu} leaks a
 *     duplicate ({@code rcu_leak_callback}), and {@link DebugObjects} runs step by step.</li>
 * </ul>
 * The enum keeps its historical constant names because the runner and the explorer name them.
 */
public enum EnqueueGuard {
    UNGUARDED(RcuVersion.V3_10_514, "3.10.0-514.el7, no CONFIG_DEBUG_OBJECTS_RCU_HEAD") {
        @Override
        int debugRcuHeadQueue(Rcu rcu, int cpu, RcuHead head) {
            return 0;                                       // compiled out (and 3.10's __call_rcu ignores it anyway)
        }

        @Override
        void debugRcuHeadUnqueue(Rcu rcu, int cpu, RcuHead head) {
        }
    },
    DEBUG_OBJECTS(RcuVersion.V5_15, "v5.15, CONFIG_DEBUG_OBJECTS_RCU_HEAD=y, debugobjects before 63a759694eed") {
        /** kernel/rcu/rcu.h v5.15 debug_rcu_head_queue(). */
        @Override
        int debugRcuHeadQueue(Rcu rcu, int cpu, RcuHead head) {
            DebugObjects d = rcu.debugObjects();
            int r1 = d.debugObjectActivate(cpu, head);                     // r1 = debug_object_activate(head, &rcuhead_debug_descr)
            d.debugObjectActiveState(cpu, head, DebugObjects.STATE_RCU_HEAD_READY,
                    DebugObjects.STATE_RCU_HEAD_QUEUED);                   // debug_object_active_state(READY -> QUEUED), even if r1 != 0
            return r1;
        }

        /** kernel/rcu/rcu.h v5.15 debug_rcu_head_unqueue(): two locked steps, not one. */
        @Override
        void debugRcuHeadUnqueue(Rcu rcu, int cpu, RcuHead head) {
            DebugObjects d = rcu.debugObjects();
            d.debugObjectActiveState(cpu, head, DebugObjects.STATE_RCU_HEAD_QUEUED,
                    DebugObjects.STATE_RCU_HEAD_READY);                    // debug_object_active_state(QUEUED -> READY)
            // NOTE: the bucket lock is dropped here; a call_rcu() of this head on another CPU now finds it
            // ACTIVE (rejected, and its active_state moves astate READY -> QUEUED again), see package-info.
            d.debugObjectDeactivate(cpu, head);                            // debug_object_deactivate()
        }
    };

    /** The RCU source each variant follows. */
    public enum RcuVersion {
        /** RHEL 7.3 3.10.0-514.el7 kernel/rcutree.c, kernel/rcu.h. */
        V3_10_514,
        /** Linux v5.15 kernel/rcu/tree.c, kernel/rcu/rcu_segcblist.c. */
        V5_15
    }

    private final RcuVersion version;
    private final String label;

    EnqueueGuard(RcuVersion version, String label) {
        this.version = version;
        this.label = label;
    }

    public RcuVersion version() { return version; }

    public String label() { return label; }

    /** debug_rcu_head_queue(): non-zero if debugobjects rejected the activation. */
    abstract int debugRcuHeadQueue(Rcu rcu, int cpu, RcuHead head);

    /** debug_rcu_head_unqueue(): called by rcu_do_batch before the callback, so it may re-post its head. */
    abstract void debugRcuHeadUnqueue(Rcu rcu, int cpu, RcuHead head);
}
