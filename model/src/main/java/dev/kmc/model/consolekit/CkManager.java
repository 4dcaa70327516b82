package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.MainLoopEvent.ChildData;
import dev.kmc.model.consolekit.MainLoopEvent.ChildExited;
import dev.kmc.model.consolekit.MainLoopEvent.NameOwnerChanged;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;
import java.util.ArrayList;
import java.util.List;

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
 * <li>On kmc's memory layer: every object is allocated in the constructor (pools of leaders,
 *     sessions, heap strings and ChildData, sized by {@code capacity}), every field that changes
 *     is a cell, and the record of the run (leaders created, owners changed, pids) is cells too,
 *     so that an operation is a deterministic function of what its accesses return. All of it is
 *     main-loop data ({@code cpuPrivate}) except the context's ready list, which GDBus's worker
 *     thread shares under the context lock. A copy is a fresh manager with the same shape whose
 *     memory is restored from this one's snapshot.</li>
 * </ul>
 */
public final class CkManager {
    static final String SEAT_ID = "Seat1";
    /** Leaders (and sessions) a manager can create by default: the population and two dozen logins. */
    public static final int DEFAULT_CAPACITY = 32;
    /** Slots per bank of each table's arrays by default (a table of DEFAULT_CAPACITY leaders needs 64). */
    public static final int DEFAULT_SLOTS = 64;
    /** The clients the model's strings cover: :1.1 .. :1.9, cookies "1a" .. "9z". */
    static final int MAX_CLIENTS = 9;

    private final RemovalStrategy strategy;
    private final Memory mem;
    private final int capacity;
    private final int slots;
    final Heap heap;
    /** manager-&gt;priv-&gt;sessions: g_str_hash, g_str_equal, g_free, g_object_unref. */
    final GHashTable<CkSession> sessions;
    /** manager-&gt;priv-&gt;leaders: g_str_hash, g_str_equal, g_free, g_object_unref. */
    final GHashTable<CkSessionLeader> leaders;
    final CkSeat seat;
    final GMainContext context;
    /** The pools: leaders and sessions in creation order, ChildData by pid. */
    private final CkSessionLeader[] leaderPool;
    private final CkSession[] sessionPool;
    private final ChildData[] children;
    /** The model's record: how many leaders were created, and the old owner of every NameOwnerChanged dispatched. */
    private final Word nleaders;
    private final Word[] owners;
    private final Word nowners;
    private final Word pids;
    private WorkerHook workerHook = WorkerHook.NONE;

    public CkManager(RemovalStrategy strategy) {
        this(strategy, new Memory(), DEFAULT_CAPACITY, DEFAULT_SLOTS);
    }

    /**
     * A manager on {@code mem} that can create {@code capacity} leaders (and sessions), whose
     * tables have two banks of {@code slots} slots each.
     */
    public CkManager(RemovalStrategy strategy, Memory mem, int capacity, int slots) {
        this.strategy = strategy;
        this.mem = mem;
        this.capacity = capacity;
        this.slots = slots;
        List<String> strings = new ArrayList<>(List.of(SEAT_ID, "leaders", "sessions", "seat sessions", "destroy_entity",
                "g_object_unref", "ck_session_leader_peek_service_name", "ck_session_leader_peek_session_id",
                "ck_session_leader_cancel"));
        for (int n = 1; n <= MAX_CLIENTS; n++) {
            strings.add(ConsoleKitSubject.client(n));
            for (char c = 'a'; c <= 'z'; c++) strings.add(n + String.valueOf(c));
        }
        for (int i = 1; i <= capacity; i++) strings.add("Session" + i);
        this.heap = new Heap(mem, strings, 3 * capacity, 16, 8 * capacity);
        this.sessions = new GHashTable<>(mem, "sessions", heap, slots, heap::gFree, s -> heap.gObjectUnref(s, "sessions"));
        this.leaders = new GHashTable<>(mem, "leaders", heap, slots, heap::gFree, l -> heap.gObjectUnref(l, "leaders"));
        this.seat = new CkSeat(mem, SEAT_ID, heap, slots, this::onSeatSessionRemovedFull);
        leaderPool = new CkSessionLeader[capacity];
        sessionPool = new CkSession[capacity];
        for (int i = 0; i < capacity; i++) {
            leaderPool[i] = new CkSessionLeader(mem, heap, i);
            sessionPool[i] = new CkSession(mem, heap, i);
        }
        children = new ChildData[capacity + 1];
        for (int pid = 1; pid <= capacity; pid++) children[pid] = new ChildData(mem, pid);
        this.context = new GMainContext(mem, 32, children, this::dispatch);
        nleaders = mem.word("model.leaders_created", 0).cpuPrivate();
        owners = new Word[32];
        for (int i = 0; i < owners.length; i++) owners[i] = mem.word("model.owners_changed[" + i + "]", 0).cpuPrivate();
        nowners = mem.word("model.owners_changed.n", 0).cpuPrivate();
        pids = mem.word("model.pids", 0).cpuPrivate();
    }

    /** A deep copy on a memory of its own (direct mode). Call it on the main-loop thread between top-level dispatches. */
    public CkManager copy() {
        CkManager c = new CkManager(strategy, new Memory(), capacity, slots);
        c.mem.restore(mem.snapshot());
        c.workerHook = workerHook;
        return c;
    }

    public RemovalStrategy strategy() { return strategy; }

    public Memory memory() { return mem; }

    public Heap heap() { return heap; }

    public GHashTable<CkSessionLeader> leaders() { return leaders; }

    public GHashTable<CkSession> sessions() { return sessions; }

    public GHashTable<CkSession> seatSessions() { return seat.sessions; }

    public GMainContext context() { return context; }

    /** Every leader ever created, in creation order (no scheduling). */
    public List<CkSessionLeader> created() { return List.of(leaderPool).subList(0, (int) nleaders.peek()); }

    /** The clients (old owners) of the NameOwnerChanged signals dispatched so far, in dispatch order (no scheduling). */
    public List<String> ownersChanged() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nowners.peek(); i++) out.add(ConsoleKitSubject.client((int) owners[i].peek()));
        return out;
    }

    /** How many NameOwnerChanged signals were dispatched: a plain load, for operations. */
    int ownersChangedCount() { return (int) nowners.load(); }

    /** The old owners of the signals dispatched from the {@code from}-th on: plain loads, for operations. */
    List<String> ownersChangedSince(int from) {
        List<String> out = new ArrayList<>();
        for (int i = from, n = (int) nowners.load(); i < n; i++) out.add(ConsoleKitSubject.client((int) owners[i].load()));
        return out;
    }

    /** How many leaders were created: a plain load, for operations. */
    int leadersCreated() { return (int) nleaders.load(); }

    /** True if a leader of the run was created with {@code cookie}: plain loads, for operations. */
    boolean cookieUsed(String cookie) {
        for (int i = 0, n = (int) nleaders.load(); i < n; i++) {
            if (leaderPool[i].ckSessionLeaderPeekCookie().equals(cookie)) return true;
        }
        return false;
    }

    /** The ready sources as words, for state keys. */
    long[] pendingWords() { return context.pendingWords(); }

    /** Which pool entry a leader is (its creation index). */
    int indexOf(CkSessionLeader l) { return List.of(leaderPool).indexOf(l); }

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
        int n = (int) nleaders.load();
        if (n == capacity) {
            throw new IllegalStateException("the model's " + capacity + " leaders are used up");
        }
        nleaders.store(n + 1);
        CkSessionLeader leader = leaderPool[n];                  // ck_session_leader_new + setters
        leader.gObjectInit();
        leader.cookie.store(heap.known(cookie));
        leader.serviceName.store(heap.known(sender));
        leader.sessionId.store(heap.known(ssid));
        leader.cancelled.store(0);
        // g_hash_table_insert (leaders, g_strdup (cookie), g_object_ref (leader)), then g_object_unref (leader):
        // the creator's reference ends up in the table
        leader.tableKey.store(heap.gStrdup(cookie));
        leaders.gHashTableInsert(leader.tableKey.load(), leader);
        CkSession session = sessionPool[n];                      // the job's ck_session_new
        session.gObjectInit();
        session.id.store(heap.known(ssid));
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
            c.cd().childIsRunning.store(0);                      // _child_watch
        }
    }

    /** on_name_owner_notify: a client lost its name (new owner ""): remove its sessions. */
    private void onNameOwnerNotify(NameOwnerChanged s) {
        int n = (int) nowners.load();
        if (n == owners.length) {
            throw new IllegalStateException("the model records " + owners.length + " NameOwnerChanged signals");
        }
        owners[n].store(Integer.parseInt(s.oldOwner().substring(3)));
        nowners.store(n + 1);
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
            leader = leaders.gHashTableLookup(cookie.read());
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
        int pid = (int) pids.load() + 1;
        workerHook.beforeSpawn(pid, context);
        if (pid == children.length) {
            throw new IllegalStateException("the model's " + (children.length - 1) + " ChildData are used up");
        }
        pids.store(pid);
        ChildData cd = children[pid];                            // g_new0 (ChildData, 1); g_spawn_async (.., &cd->pid, ..)
        cd.childIsRunning.store(1);
        context.post(new ChildExited(cd));                       // g_child_watch_add; the script exits at once
        while (cd.childIsRunning.load() != 0) {
            context.gMainContextIteration(true);                 // NOTE: the nested dispatch, re-entering any handler
        }
    }

    /**
     * The state as data (maps, lists, strings, numbers, booleans): exactly what {@link #toString()}
     * prints, which is formatted from this same tree; the HTML report draws from it. Keys in
     * {@code ConsoleKitPrinter.data}. Peeks only: no scheduling.
     */
    public java.util.Map<String, Object> snapshotData() {
        return ConsoleKitPrinter.data(this);
    }

    @Override
    public String toString() {
        return ConsoleKitPrinter.print(this);
    }
}
