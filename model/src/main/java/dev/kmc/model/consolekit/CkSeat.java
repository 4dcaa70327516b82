package dev.kmc.model.consolekit;

import java.util.function.Consumer;
import java.util.function.Function;

/** CkSeat (src/ck-seat.c), reduced to its sessions table and the "session-removed-full" signal. */
final class CkSeat {
    final String id;
    /** seat-&gt;priv-&gt;sessions: session id -&gt; session, g_free / g_object_unref. */
    final GHashTable<CkSession> sessions;
    private final Heap heap;
    /** The manager's handler of "session-removed-full" (on_seat_session_removed_full). */
    private final Consumer<CkSession> sessionRemovedFull;

    CkSeat(String id, Heap heap, Consumer<CkSession> sessionRemovedFull) {
        this(id, heap, sessionRemovedFull, new GHashTable<>("seat sessions", heap, heap::gFree, s -> heap.gObjectUnref(s, "seat sessions")));
    }

    private CkSeat(String id, Heap heap, Consumer<CkSession> sessionRemovedFull, GHashTable<CkSession> sessions) {
        this.id = id;
        this.heap = heap;
        this.sessionRemovedFull = sessionRemovedFull;
        this.sessions = sessions;
    }

    CkSeat copy(Heap heap, Consumer<CkSession> handler, Function<CString, CString> keyMap,
                Function<CkSession, CkSession> sessionMap) {
        return new CkSeat(id, heap, handler, sessions.copy(heap, keyMap, sessionMap, heap::gFree,
                s -> heap.gObjectUnref(s, "seat sessions")));
    }

    /** ck_seat_add_session: the seat takes a reference ("session-added" and its scripts are not modelled). */
    void ckSeatAddSession(CkSession session) {
        sessions.gHashTableInsert(heap.gStrdup(session.id()), heap.gObjectRef(session));
    }

    /** ck_seat_remove_session: steal it, emit "session-removed-full" (the handler runs the scripts), then unref. */
    boolean ckSeatRemoveSession(CkSession session) {
        GHashTable.Extended<CkSession> orig = sessions.gHashTableLookupExtended(session.id());   // the original key/value
        if (orig == null) {
            return false;                                        // "Session is not attached to this seat"
        }
        sessions.gHashTableSteal(session.id());                  // don't unref until the signal is emitted
        sessionRemovedFull.accept(session);                      // g_signal_emit (seat, SESSION_REMOVED_FULL, 0, session)
        // console_kit_seat_emit_session_removed, maybe_update_active_session: not modelled
        heap.gObjectUnref(orig.value(), "seat sessions");
        heap.gFree(orig.origKey());
        return true;
    }
}
