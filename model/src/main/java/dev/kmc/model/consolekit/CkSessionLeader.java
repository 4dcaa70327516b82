package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.CkFinding.UseAfterFree;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.Word;

/**
 * CkSessionLeader (src/ck-session-leader.c): the process that opened a session, with its
 * cookie and the D-Bus unique name of its connection. The accessors ConsoleKit calls on it
 * report a use after free when it has been finalized, then read the stale fields. One of the
 * manager's preallocated leaders: its fields are main-loop cells set when it is created.
 */
public final class CkSessionLeader extends GObject {
    private final Heap heap;
    /** Strings as ids of {@link Heap#string}. */
    final Word cookie;
    final Word serviceName;
    final Word sessionId;
    final Word cancelled;
    /** The model's record of the key inserted with this leader (no ConsoleKit counterpart). */
    final Ptr<CString> tableKey;

    CkSessionLeader(Memory mem, Heap heap, int index) {
        super(mem, "leader[" + index + "]");
        this.heap = heap;
        String n = "leader[" + index + "].";
        cookie = mem.word(n + "cookie", 0).cpuPrivate();
        serviceName = mem.word(n + "service_name", 0).cpuPrivate();
        sessionId = mem.word(n + "session_id", 0).cpuPrivate();
        cancelled = mem.word(n + "cancelled", 0).cpuPrivate();
        tableKey = mem.<CString>ptr(n + "table_key", null).cpuPrivate();
        mem.register(this);
    }

    @Override
    public String name() { return "leader " + cookie(); }

    public String cookie() { return heap.string(cookie.peek()); }

    public String serviceName() { return heap.string(serviceName.peek()); }

    public String sessionId() { return heap.string(sessionId.peek()); }

    public boolean cancelled() { return cancelled.peek() != 0; }

    /** The cookie string the leaders table owned for this leader. */
    public CString tableKey() { return tableKey.peekPtr(); }

    /** ck_session_leader_peek_cookie, as the port reads it. */
    String ckSessionLeaderPeekCookie() { return heap.string(cookie.load()); }

    /** ck_session_leader_peek_service_name. */
    String ckSessionLeaderPeekServiceName(Heap heap) {
        checkAlive(heap, "ck_session_leader_peek_service_name");
        return heap.string(serviceName.load());
    }

    /** ck_session_leader_peek_session_id. */
    String ckSessionLeaderPeekSessionId(Heap heap) {
        checkAlive(heap, "ck_session_leader_peek_session_id");
        return heap.string(sessionId.load());
    }

    /** ck_session_leader_cancel: drop pending jobs (none in the model), mark cancelled. */
    void ckSessionLeaderCancel(Heap heap) {
        checkAlive(heap, "ck_session_leader_cancel");
        cancelled.store(1);
    }

    private void checkAlive(Heap heap, String operation) {
        if (finalized.load() != 0) {
            heap.report(UseAfterFree.KIND, heap.id(operation), heap.memory().addrOf(this), 0, 0);
        }
    }
}
