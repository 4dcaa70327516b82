package dev.kmc.model.rcu;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code struct rcu_head { next; func; }}, embedded in the object to be freed. It holds no
 * "queued" state of its own: {@code call_rcu} overwrites {@code next} and {@code func}
 * unconditionally. The id and name are the model's, for printing and state keys; the debug
 * state stands for debugobjects' out-of-line record for this address, which only
 * {@link EnqueueGuard#DEBUG_OBJECTS} reads or writes.
 */
public final class RcuHead implements NextCell {
    /** STATE_RCU_HEAD_READY, debugobjects' object INACTIVE (or not yet tracked). */
    static final int IDLE = 0;
    /** STATE_RCU_HEAD_QUEUED, debugobjects' object ACTIVE. */
    static final int QUEUED = 1;

    private final int id;
    private final String name;
    private final RcuContainer container;
    /** -&gt;next. Volatile so that the cross-CPU misuse (two lists sharing this cell) is JMM-defined. */
    volatile RcuHead next;
    /** -&gt;func. Volatile for the same reason; rcu_do_batch clears it before invoking. */
    volatile RcuCallback func;
    /** debugobjects' record: IDLE or QUEUED, changed by one atomic test-and-set (the bucket lock). */
    final AtomicInteger debugState = new AtomicInteger(IDLE);

    RcuHead(int id, String name, RcuContainer container) {
        this.id = id;
        this.name = name;
        this.container = container;
    }

    public int id() { return id; }

    public String name() { return name; }

    /** container_of(): the object this head is embedded in, or null for a bare head. */
    public RcuContainer container() { return container; }

    public RcuHead next() { return next; }

    public RcuCallback func() { return func; }

    /** True while debugobjects has this head QUEUED (only ever set under DEBUG_OBJECTS). */
    public boolean debugQueued() { return debugState.get() == QUEUED; }

    @Override
    public RcuHead get() { return next; }

    @Override
    public void set(RcuHead h) { next = h; }

    @Override
    public String cellName() { return "&" + name + ".next"; }

    @Override
    public String toString() { return name; }
}
