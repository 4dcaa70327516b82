package dev.kmc.model.mem;

/**
 * Takes over every access of a {@link Memory} while installed. kmc's explorer installs one that
 * makes each access a scheduling point; a weaker memory model (per-CPU store buffers drained by
 * the barriers and read-modify-writes) would be another implementation of this interface, and
 * the ports would not change: they name the primitive, the scheduler decides what it does.
 */
public interface Scheduler {

    /**
     * Performs {@code prim} on {@code cell} with arguments {@code a}, {@code b} (see
     * {@link Prim#applySequentially}) and returns its result, or throws to pause the caller.
     */
    long access(Cell cell, Prim prim, long a, long b);

    /** A barrier ({@code smp_mb}, {@code smp_wmb}, {@code smp_rmb}). */
    void fence(Prim prim);

    /**
     * {@code goto again} of a retry loop whose iterations carry nothing over: the operation may be
     * restarted from its beginning. Returns normally to go round again (direct mode counts), or
     * throws to let the scheduler restart or judge the loop.
     */
    void again(String where);
}
