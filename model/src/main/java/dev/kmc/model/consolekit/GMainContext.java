package dev.kmc.model.consolekit;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon's default GMainContext, reduced to a FIFO of ready sources. Other threads make a
 * source ready ({@link #post}: GDBus's worker thread attaching a signal callback, the SIGCHLD
 * handling making a child watch ready) under the context lock; the main-loop thread dispatches
 * them ({@link #gMainContextIteration}), and a dispatched handler may iterate the context again:
 * that nested dispatch is the re-entrancy of kernel-spec C1.
 */
public final class GMainContext {
    private final ArrayDeque<MainLoopEvent> ready = new ArrayDeque<>();   // guarded by this (LOCK_CONTEXT)
    private final Consumer<MainLoopEvent> dispatch;

    GMainContext(Consumer<MainLoopEvent> dispatch) {
        this.dispatch = dispatch;
    }

    /**
     * A copy with the same ready sources, dispatching to another handler. Between top-level
     * dispatches every child exit has been dispatched (each ck_run_programs waits for its own),
     * so only the immutable NameOwnerChanged signals are ready and are shared.
     */
    GMainContext copy(Consumer<MainLoopEvent> dispatch) {
        GMainContext c = new GMainContext(dispatch);
        c.ready.addAll(pending());
        return c;
    }

    /** A source becomes ready (any thread). */
    public synchronized void post(MainLoopEvent e) {
        ready.addLast(e);
    }

    private synchronized MainLoopEvent next() {
        return ready.pollFirst();
    }

    /**
     * g_main_context_iteration(context, may_block): dispatch the first ready source; FALSE if
     * none was ready. The model's sources are only ever made ready by {@link #post}, so a
     * blocking iteration with nothing ready would block forever: only a bug in the model can
     * get there, and it throws instead.
     */
    public boolean gMainContextIteration(boolean mayBlock) {
        MainLoopEvent e = next();
        if (e == null) {
            if (mayBlock) {
                throw new IllegalStateException("g_main_context_iteration(NULL, TRUE) with no source ready would block forever");
            }
            return false;
        }
        dispatch.accept(e);
        return true;
    }

    /** The ready sources, first to be dispatched first. */
    public synchronized List<MainLoopEvent> pending() {
        return List.copyOf(ready);
    }
}
