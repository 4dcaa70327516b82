package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.MainLoopEvent.ChildData;
import dev.kmc.model.consolekit.MainLoopEvent.ChildExited;
import dev.kmc.model.consolekit.MainLoopEvent.NameOwnerChanged;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CkManager (src/ck-manager.c of ConsoleKit2 1.1.0) on its main loop: the {@code leaders} table
 * (cookie -&gt; session leader), the {@code sessions} table (session id -&gt; session), one static
 * seat, and the daemon's GMainContext. The {@link RemovalStrategy} chooses the variant.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>Everything but {@link GMainContext#post} runs on the main-loop thread: the daemon is
 *     single-threaded, and the bug is re-entrancy on that thread, not a data race.</li>
 * <li>The re-entry point: {@link #ckRunPrograms} spawns a run-session.d script and spins
 *     {@code g_main_context_iteration(NULL, TRUE)} until it exits, dispatching whatever is
 *     ready before the child's exit, including another client's NameOwnerChanged, whose
 *     handler iterates the leaders table again.</li>
 * <li>A script exits at once: its exit becomes ready when it is spawned, behind every source
 *     already ready. A slower script only lets more sources in ahead of it.</li>
 * <li>Invariants of a correct run, checked by {@link ConsoleKitInvariants}: every leader of a
 *     client that is gone is removed from the table and destroyed exactly once (its cookie
 *     g_free'd, the table's reference dropped), no other leader is, nnodes and noccupied match
 *     the slots, and no iteration saw the table change.</li>
 * </ul>
 */
public final class CkManager {
    static final String SEAT_ID = "Seat1";

    private final RemovalStrategy strategy;
    final Heap heap;
    /** manager-&gt;priv-&gt;sessions: g_str_hash, g_str_equal, g_free, g_object_unref. */
    final GHashTable<CkSession> sessions;
    /** manager-&gt;priv-&gt;leaders: g_str_hash, g_str_equal, g_free, g_object_unref. */
    final GHashTable<CkSessionLeader> leaders;
    final CkSeat seat;
    final GMainContext context;
    /** The model's record: every leader created, in order, and the old owner of every NameOwnerChanged dispatched. */
    private final List<CkSessionLeader> created = new ArrayList<>();
    private final List<String> ownersChanged = new ArrayList<>();
    private int pids;
    private WorkerHook workerHook = WorkerHook.NONE;

    public CkManager(RemovalStrategy strategy) {
        this.strategy = strategy;
        this.heap = new Heap();
        this.sessions = new GHashTable<>("sessions", heap, heap::gFree, s -> heap.gObjectUnref(s, "sessions"));
        this.leaders = new GHashTable<>("leaders", heap, heap::gFree, l -> heap.gObjectUnref(l, "leaders"));
        this.seat = new CkSeat(SEAT_ID, heap, this::onSeatSessionRemovedFull);
        this.context = new GMainContext(this::dispatch);
    }

    /** A deep copy with its own objects. Call it on the main-loop thread between top-level dispatches. */
    public CkManager copy() {
        return new CkManager(this);
    }

    private CkManager(CkManager src) {
        strategy = src.strategy;
        heap = src.heap.copy();
        Map<CString, CString> keyMap = new IdentityHashMap<>();
        Map<GObject, GObject> objMap = new IdentityHashMap<>();
        Function<CString, CString> keys = k -> keyMap.computeIfAbsent(k, o -> {
            CString c = new CString(o.text());
            c.freed = o.freed;
            return c;
        });
        Function<CkSession, CkSession> sessionsMap = s -> (CkSession) objMap.computeIfAbsent(s, o -> s.copy());
        for (CkSessionLeader l : src.created) {
            CkSessionLeader c = (CkSessionLeader) objMap.computeIfAbsent(l, o -> l.copy());
            c.tableKey = keys.apply(l.tableKey);
            created.add(c);
        }
        leaders = src.leaders.copy(heap, keys, l -> (CkSessionLeader) objMap.computeIfAbsent(l, o -> l.copy()),
                heap::gFree, l -> heap.gObjectUnref(l, "leaders"));
        sessions = src.sessions.copy(heap, keys, sessionsMap, heap::gFree, s -> heap.gObjectUnref(s, "sessions"));
        seat = src.seat.copy(heap, this::onSeatSessionRemovedFull, keys, sessionsMap);
        context = src.context.copy(this::dispatch);
        ownersChanged.addAll(src.ownersChanged);
        pids = src.pids;
        workerHook = src.workerHook;
    }

    public RemovalStrategy strategy() { return strategy; }

    public Heap heap() { return heap; }

    public GHashTable<CkSessionLeader> leaders() { return leaders; }

    public GHashTable<CkSession> sessions() { return sessions; }

    public GHashTable<CkSession> seatSessions() { return seat.sessions; }

    public GMainContext context() { return context; }

    /** Every leader ever created, in creation order. */
    public List<CkSessionLeader> created() { return List.copyOf(created); }

    /** The clients (old owners) of the NameOwnerChanged signals dispatched so far, in dispatch order. */
    public List<String> ownersChanged() { return List.copyOf(ownersChanged); }

    public void setWorkerHook(WorkerHook hook) { this.workerHook = hook; }

    // =========================================================================================
    // Opening sessions (before the scenario: no scripts run)
    // =========================================================================================

    /**
     * create_session_for_sender, then the job's add_new_session_for_leader: a leader for
     * {@code sender} with {@code cookie} in the leaders table, and session {@code ssid} in the
     * sessions table and on the seat. The session_added scripts are not run: sessions are opened
     * before the main loop of a scenario starts.
     */
    public void openSession(String sender, String cookie, String ssid) {
        CkSessionLeader leader = new CkSessionLeader(cookie, sender, ssid);   // ck_session_leader_new + setters
        created.add(leader);
        // g_hash_table_insert (leaders, g_strdup (cookie), g_object_ref (leader)), then g_object_unref (leader):
        // the creator's reference ends up in the table
        leader.tableKey = heap.gStrdup(cookie);
        leaders.gHashTableInsert(leader.tableKey, leader);
        CkSession session = new CkSession(ssid, SEAT_ID);
        sessions.gHashTableInsert(heap.gStrdup(ssid), session);
        seat.ckSeatAddSession(session);
    }

    /**
     * A login during the scenario: the D-Bus OpenSession call of {@code sender}, as
     * create_session_for_sender (ck-manager.c 2956) runs it on the main loop. First
     * generate_session_cookie (548-575): a new random cookie, looked up in the leaders table
     * ({@code if (g_hash_table_lookup (manager->priv->leaders, cookie)) goto again;}, line 570): a
     * lookup of a key that is not there, which is exactly what spins forever on a leaders table
     * left with no UNUSED slot. Then generate_session_id (the same lookup on the sessions table),
     * the leader's insert, and the session's. {@code cookie} stands for the random cookie
     * (the caller passes one never used before, so the "goto again" never fires). Departures:
     * the collect-session-info job completes at once and the session_added scripts are not run
     * (as for {@link #openSession}).
     */
    public void createSessionForSender(String sender, String cookie, String ssid) {
        if (leaders.gHashTableLookup(cookie) != null) {          // generate_session_cookie: lookup of the new cookie
            throw new IllegalArgumentException("cookie " + cookie + " is in use: the model's cookies must be new");
        }
        if (sessions.gHashTableLookup(ssid) != null) {           // generate_session_id: lookup of the new ssid
            throw new IllegalArgumentException("session id " + ssid + " is in use");
        }
        openSession(sender, cookie, ssid);                       // g_hash_table_insert (leaders, ...), then the job's open_session_for_leader
    }

    // =========================================================================================
    // The main loop's handlers
    // =========================================================================================

    private void dispatch(MainLoopEvent e) {
        if (e instanceof NameOwnerChanged s) {
            onNameOwnerNotify(s);
        } else if (e instanceof ChildExited c) {
            c.cd().childIsRunning = false;                       // _child_watch
        }
    }

    /** on_name_owner_notify: a client lost its name (new owner ""): remove its sessions. */
    private void onNameOwnerNotify(NameOwnerChanged s) {
        ownersChanged.add(s.oldOwner());
        if (s.newOwner().isEmpty()) {
            strategy.removeSessionsForConnection(this, s.oldOwner());
        }
    }

    /**
     * remove_session_for_cookie in 9dc77de's form: {@code leader} NULL means "look it up by
     * cookie", which is the whole 1.1.0 body. Removes the leader's session from the seat (the
     * seat's "session-removed-full" runs the session_removed scripts: the main loop runs here),
     * then steals it from the sessions table and frees the original key and value.
     * Returns FALSE with "Unable to find session for cookie" if the leader or its session is gone.
     */
    boolean removeSessionForCookie(CString cookie, CkSessionLeader leader) {
        if (leader == null) {
            leader = leaders.gHashTableLookup(cookie.text());
            if (leader == null) {
                return false;                                    // "Unable to find session for cookie"
            }
        }
        GHashTable.Extended<CkSession> orig = sessions.gHashTableLookupExtended(leader.ckSessionLeaderPeekSessionId(heap));
        if (orig == null) {
            return false;                                        // "Unable to find session for cookie"
        }
        CkSession origSession = orig.value();
        // console_kit_session_get_unix_user: for the runtime dir, not modelled
        if (seat.id.equals(origSession.seatId())) {              // ck_session_get_seat_id, g_hash_table_lookup (seats, sid)
            seat.ckSeatRemoveSession(origSession);               // static seat: no remove_seat
        }
        sessions.gHashTableSteal(leader.ckSessionLeaderPeekSessionId(heap));
        // ck_manager_dump, manager_update_system_idle_hint, the runtime dir: not modelled
        heap.gObjectUnref(origSession, "sessions");              // out: the stolen original key and value
        heap.gFree(orig.origKey());
        return true;
    }

    /** on_seat_session_removed_full -&gt; ck_session_run_programs (session, "session_removed"). */
    private void onSeatSessionRemovedFull(CkSession session) {
        ckRunPrograms();
    }

    /**
     * ck_run_programs for a run-session.d with one script: spawn it, then run the main loop until
     * its child watch has fired. Each iteration dispatches one ready source, and the child's exit
     * is among them, so the loop ends.
     */
    private void ckRunPrograms() {
        workerHook.beforeSpawn(pids + 1, context);
        ChildData cd = new ChildData(++pids);                   // g_spawn_async (.., G_SPAWN_DO_NOT_REAP_CHILD, .., &cd->pid, ..)
        context.post(new ChildExited(cd));                       // g_child_watch_add; the script exits at once
        while (cd.childIsRunning) {
            context.gMainContextIteration(true);                 // NOTE: the nested dispatch, re-entering any handler
        }
    }

    @Override
    public String toString() {
        return ConsoleKitPrinter.print(this);
    }
}
