package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.CkFinding.UseAfterFree;

/**
 * CkSessionLeader (src/ck-session-leader.c): the process that opened a session, with its
 * cookie and the D-Bus unique name of its connection. The accessors ConsoleKit calls on it
 * report a use after free when it has been finalized, then read the stale fields.
 */
public final class CkSessionLeader extends GObject {
    private final String cookie;
    private final String serviceName;
    private final String sessionId;
    boolean cancelled;
    /** The model's record of the key inserted with this leader (no ConsoleKit counterpart). */
    CString tableKey;

    CkSessionLeader(String cookie, String serviceName, String sessionId) {
        this.cookie = cookie;
        this.serviceName = serviceName;
        this.sessionId = sessionId;
    }

    CkSessionLeader copy() {
        CkSessionLeader c = new CkSessionLeader(cookie, serviceName, sessionId);
        c.refCount = refCount;
        c.finalized = finalized;
        c.unrefs = unrefs;
        c.cancelled = cancelled;
        c.tableKey = tableKey;                                   // remapped by CkManager's copy
        return c;
    }

    @Override
    public String name() { return "leader " + cookie; }

    public String cookie() { return cookie; }

    public String serviceName() { return serviceName; }

    public String sessionId() { return sessionId; }

    public boolean cancelled() { return cancelled; }

    /** The cookie string the leaders table owned for this leader. */
    public CString tableKey() { return tableKey; }

    /** ck_session_leader_peek_service_name. */
    String ckSessionLeaderPeekServiceName(Heap heap) {
        checkAlive(heap, "ck_session_leader_peek_service_name");
        return serviceName;
    }

    /** ck_session_leader_peek_session_id. */
    String ckSessionLeaderPeekSessionId(Heap heap) {
        checkAlive(heap, "ck_session_leader_peek_session_id");
        return sessionId;
    }

    /** ck_session_leader_cancel: drop pending jobs (none in the model), mark cancelled. */
    void ckSessionLeaderCancel(Heap heap) {
        checkAlive(heap, "ck_session_leader_cancel");
        cancelled = true;
    }

    private void checkAlive(Heap heap, String operation) {
        if (finalized) {
            heap.report(new UseAfterFree(operation, name()));
        }
    }
}
