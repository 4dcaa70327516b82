package dev.kmc.model.consolekit;

import dev.kmc.model.mem.Memory;
import java.util.function.Consumer;

/** CkSeat (src/ck-seat.c), reduced to its sessions table and the "session-removed-full" signal. */
final class CkSeat {
    final String id;
    /** seat-&gt;priv-&gt;sessions: session id -&gt; session, g_free / g_object_unref. */
    final GHashTable<CkSession> sessions;
    private final Heap heap;
    /** The manager's handler of "session-removed-full" (on_seat_session_removed_full). */
    private final Consumer<CkSession> sessionRemovedFull;

    CkSeat(Memory mem, String id, Heap heap, int slots, Consumer<CkSession> sessionRemovedFull) {
        this.id = id;
        this.heap = heap;
        this.sessionRemovedFull = sessionRemovedFull;
        this.sessions = new GHashTable<>(mem, "seat sessions", heap, slots, heap::gFree, s -> heap.gObjectUnref(s, "seat sessions"));
    }

    /** ck_seat_add_session: the seat takes a reference ("session-added" and its scripts are not modelled). */
    void ckSeatAddSession(CkSession session) {
        sessions.gHashTableInsert(heap.gStrdup(session.ckSessionGetId()), heap.gObjectRef(session));
    }

    /** ck_seat_remove_session: steal it, emit "session-removed-full" (the handler runs the scripts), then unref. */
    boolean ckSeatRemoveSession(CkSession session) {
        String sid = session.ckSessionGetId();
        GHashTable.Extended<CkSession> orig = sessions.gHashTableLookupExtended(sid);   // the original key/value
        if (orig == null) {
            return false;                                        // "Session is not attached to this seat"
        }
        sessions.gHashTableSteal(sid);                           // don't unref until the signal is emitted
        sessionRemovedFull.accept(session);                      // g_signal_emit (seat, SESSION_REMOVED_FULL, 0, session)
        // console_kit_seat_emit_session_removed, maybe_update_active_session: not modelled
        heap.gObjectUnref(orig.value(), "seat sessions");
        heap.gFree(orig.origKey());
        return true;
    }
}
