package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.MainLoopEvent.ChildData;
import dev.kmc.model.consolekit.MainLoopEvent.ChildExited;
import dev.kmc.model.consolekit.MainLoopEvent.NameOwnerChanged;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon's default GMainContext, reduced to a FIFO of ready sources. Other threads make a
 * source ready ({@link #post}: GDBus's worker thread attaching a signal callback, the SIGCHLD
 * handling making a child watch ready) under the context lock; the main-loop thread dispatches
 * them ({@link #gMainContextIteration}), and a dispatched handler may iterate the context again:
 * that nested dispatch is the re-entrancy of kernel-spec C1.
 *
 * <p>On kmc's memory layer the ready list is a ring of cells guarded by {@code context->mutex}
 * (a {@link SpinLock}, for GLib's {@code LOCK_CONTEXT}): the one thing the worker thread and the
 * main loop share. A ready source is one word: {@code n > 0} is the NameOwnerChanged of client
 * {@code :1.n} vanishing, {@code -pid} the exit of child {@code pid}.
 */
public final class GMainContext {
    private final SpinLock mutex;
    private final Word[] ready;
    private final Word head;                                      // next to dispatch
    private final Word tail;                                      // next free
    private final ChildData[] children;
    private final Consumer<MainLoopEvent> dispatch;

    GMainContext(Memory mem, int capacity, ChildData[] children, Consumer<MainLoopEvent> dispatch) {
        this.mutex = mem.spinLock("context->mutex");
        this.ready = new Word[capacity];
        for (int i = 0; i < capacity; i++) ready[i] = mem.word("context->ready[" + i + "]", 0).guardedBy(mutex);
        this.head = mem.word("context->ready.head", 0).guardedBy(mutex);
        this.tail = mem.word("context->ready.tail", 0).guardedBy(mutex);
        this.children = children;
        this.dispatch = dispatch;
    }

    /** A source becomes ready (any thread). */
    public void post(MainLoopEvent e) {
        long word = e instanceof NameOwnerChanged s ? client(s) : -((ChildExited) e).cd().pid;
        mutex.spinLock();                                          // LOCK_CONTEXT (context)
        long t = tail.load();
        if (t - head.load() == ready.length) {
            mutex.spinUnlock();
            throw new IllegalStateException("the model's ready list holds " + ready.length + " sources");
        }
        ready[(int) (t % ready.length)].store(word);
        tail.store(t + 1);
        mutex.spinUnlock();                                        // UNLOCK_CONTEXT (context)
    }

    private static long client(NameOwnerChanged s) {
        if (!s.newOwner().isEmpty() || !s.name().equals(s.oldOwner()) || !s.name().startsWith(":1.")) {
            throw new IllegalArgumentException("the model posts only the NameOwnerChanged of a vanished client :1.n: " + s);
        }
        return Integer.parseInt(s.name().substring(3));
    }

    private MainLoopEvent event(long word) {
        return word > 0 ? NameOwnerChanged.vanished(ConsoleKitSubject.client((int) word)) : new ChildExited(children[(int) -word]);
    }

    /** The first ready source, taken off the list, or null. */
    private MainLoopEvent next() {
        mutex.spinLock();
        long h = head.load();
        if (h == tail.load()) {
            mutex.spinUnlock();
            return null;
        }
        long word = ready[(int) (h % ready.length)].load();
        head.store(h + 1);
        mutex.spinUnlock();
        return event(word);
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

    /** The ready sources, first to be dispatched first (no scheduling: checks and printers). */
    public List<MainLoopEvent> pending() {
        List<MainLoopEvent> out = new ArrayList<>();
        for (long i = head.peek(); i < tail.peek(); i++) out.add(event(ready[(int) (i % ready.length)].peek()));
        return out;
    }

    /** The ready sources as words (n: client :1.n gone, -pid: child exited), for state keys. */
    long[] pendingWords() {
        long[] out = new long[(int) (tail.peek() - head.peek())];
        for (int k = 0; k < out.length; k++) out[k] = ready[(int) ((head.peek() + k) % ready.length)].peek();
        return out;
    }
}
