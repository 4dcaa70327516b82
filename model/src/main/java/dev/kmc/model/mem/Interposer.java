package dev.kmc.model.mem;

/**
 * A scheduler for deterministic tests on one thread: every access is performed sequentially, and
 * after each one a {@link Listener} may act, for instance run an interrupt's nested writer or
 * another CPU's whole operation at exactly that kernel step. The listener's own accesses are not
 * reported to it (an interrupt handler does not interrupt itself).
 */
public final class Interposer implements Scheduler {

    /** Called after an access with the value the primitive returned. */
    @FunctionalInterface
    public interface Listener {
        void after(Cell cell, Prim prim, long result);
    }

    private Listener listener;
    private boolean inside;

    /** Sets the listener (null: none). */
    public Interposer listen(Listener l) {
        this.listener = l;
        return this;
    }

    @Override
    public long access(Cell cell, Prim prim, long a, long b) {
        if (prim == Prim.SPIN_LOCK && cell.plainGet() != 0) {
            throw new IllegalStateException("deadlock: " + cell.name() + " is already held on this single-threaded test");
        }
        long r = prim.applySequentially(cell, a, b);
        if (!inside && listener != null) {
            inside = true;
            try {
                listener.after(cell, prim, r);
            } finally {
                inside = false;
            }
        }
        return r;
    }

    @Override
    public void fence(Prim prim) {
        // sequential: nothing to order
    }

    @Override
    public void again(String where) {
        // the caller bounds its rounds, as on real atomics
    }
}
