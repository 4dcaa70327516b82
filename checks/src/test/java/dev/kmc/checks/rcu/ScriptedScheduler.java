package dev.kmc.checks.rcu;

import dev.kmc.model.mem.Cell;
import dev.kmc.model.mem.Prim;
import dev.kmc.model.mem.Scheduler;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A deterministic two-CPU interleaving for sequence tests: operations run on the calling thread
 * one access at a time (sequentially consistent), and {@link #race} runs CPU 0's operation until
 * the access {@code pauseAfter} names, then CPU 1's operation to its end, then the rest of CPU 0's.
 * Outside {@link #race} every access simply happens (set-up on the test thread).
 */
final class ScriptedScheduler implements Scheduler {
    /** Which access of CPU 0 hands over to CPU 1. */
    interface Pause {
        boolean after(Cell cell, Prim prim, int occurrence);
    }

    private final ThreadLocal<Integer> cpu = new ThreadLocal<>();
    private int turn = -1;
    private Pause pause;
    private int seen;
    private boolean paused;

    @Override
    public synchronized long access(Cell cell, Prim prim, long a, long b) {
        Integer me = cpu.get();
        if (me == null) {
            return prim.applySequentially(cell, a, b);
        }
        while (turn != me) {
            try {
                wait();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        if (prim == Prim.SPIN_LOCK && cell.peek() != 0) {
            throw new IllegalStateException("cpu" + me + " would spin on " + cell.name() + ", held by the other CPU: pick another pause point");
        }
        long r = prim.applySequentially(cell, a, b);
        if (me == 0 && !paused && pause.after(cell, prim, ++seen)) {
            paused = true;
            turn = 1;
            notifyAll();
        }
        return r;
    }

    @Override
    public void fence(Prim prim) { }

    @Override
    public void again(String where) { }

    /** CPU 0 runs {@code op0} until {@code pause}, then CPU 1 runs {@code op1} to its end, then CPU 0 finishes. */
    <A, B> Object[] race(java.util.function.Supplier<A> op0, Pause pause, java.util.function.Supplier<B> op1) throws Exception {
        synchronized (this) {
            this.pause = pause;
            this.seen = 0;
            this.paused = false;
            this.turn = 0;
        }
        AtomicReference<Object> r0 = new AtomicReference<>();
        AtomicReference<Object> r1 = new AtomicReference<>();
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread t0 = new Thread(() -> run(0, op0, r0, err));
        Thread t1 = new Thread(() -> run(1, op1, r1, err));
        t0.start();
        t1.start();
        t0.join(10_000);
        t1.join(10_000);
        if (err.get() != null) {
            throw new AssertionError("a scripted CPU failed", err.get());
        }
        if (t0.isAlive() || t1.isAlive()) {
            throw new AssertionError("the scripted race did not finish");
        }
        synchronized (this) {
            turn = -1;
        }
        return new Object[] {r0.get(), r1.get()};
    }

    private void run(int me, java.util.function.Supplier<?> op, AtomicReference<Object> out, AtomicReference<Throwable> err) {
        cpu.set(me);
        try {
            out.set(op.get());
        } catch (Throwable t) {
            err.compareAndSet(null, t);
        } finally {
            synchronized (this) {
                turn = 1 - me;                  // the other CPU runs to its end (or CPU 0 resumes)
                notifyAll();
            }
        }
    }

    /** Pause after CPU 0's {@code n}-th access of cell {@code name} with primitive {@code prim}. */
    static Pause afterNth(String name, Prim prim, int n) {
        int[] count = {0};
        return (cell, p, occurrence) -> cell.name().equals(name) && p == prim && ++count[0] == n;
    }
}
