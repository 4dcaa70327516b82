package dev.kmc.model.consolekit;

/** CkSession (src/ck-session.c), reduced to its id and seat: referenced by the manager's and the seat's tables. */
public final class CkSession extends GObject {
    private final String id;
    private final String seatId;

    CkSession(String id, String seatId) {
        this.id = id;
        this.seatId = seatId;
    }

    CkSession copy() {
        CkSession c = new CkSession(id, seatId);
        c.refCount = refCount;
        c.finalized = finalized;
        c.unrefs = unrefs;
        return c;
    }

    @Override
    public String name() { return "session " + id; }

    /** ck_session_get_id. */
    public String id() { return id; }

    /** ck_session_get_seat_id. */
    public String seatId() { return seatId; }
}
