package dev.kmc.model.consolekit;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * CkSession (src/ck-session.c), reduced to its id and seat: referenced by the manager's and the
 * seat's tables. One of the manager's preallocated sessions; {@code id} is set when it is opened.
 */
public final class CkSession extends GObject {
    private final Heap heap;
    /** The session id, an id of {@link Heap#string}. */
    final Word id;

    CkSession(Memory mem, Heap heap, int index) {
        super(mem, "session[" + index + "]");
        this.heap = heap;
        this.id = mem.word("session[" + index + "].id", 0).cpuPrivate();
        mem.register(this);
    }

    @Override
    public String name() { return "session " + id(); }

    /** ck_session_get_id, without scheduling (printers, tests). */
    public String id() { return heap.string(id.peek()); }

    /** ck_session_get_id as the port calls it. */
    String ckSessionGetId() { return heap.string(id.load()); }

    /** ck_session_get_seat_id: every session of the model is on the static seat. */
    public String seatId() { return CkManager.SEAT_ID; }
}
