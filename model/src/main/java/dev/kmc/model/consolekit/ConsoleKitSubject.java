package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.MainLoopEvent.NameOwnerChanged;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations every check drives, on a manager with the sessions of {@link #POPULATION}
 * already open. Results come in the form the checks compare and print: sorted cookie lists
 * such as {@code "[1u, 3a, 3d]"}, and the clients a dispatch handled such as
 * {@code "[:1.1, :1.2]"}.
 *
 * <p>Clients are D-Bus connections {@code :1.1} .. {@code :1.4}, numbered 1..4 in the
 * operations; {@code :1.4} has no session (the daemon sees NameOwnerChanged for every client on
 * the bus). Eight leaders: the fewest for which GLib's table has grown to 32 slots and a removal
 * can shrink it, so a nested removal can reallocate the arrays under an outer iteration. The
 * cookies are two characters (client, letter); the letters were chosen so that the nested
 * removals of different clients hit a connected client's leader, an UNUSED slot and a slot past
 * the end, which are the three things a stale index can do. (Real cookies are long random
 * strings: which of the three happens is up to their hashes.)
 */
public final class ConsoleKitSubject {
    /** {client, cookie} in the order the sessions were opened; session ids Session1.. follow it. */
    public static final List<String[]> POPULATION = List.of(
            new String[] {":1.1", "1f"}, new String[] {":1.2", "2e"}, new String[] {":1.3", "3a"},
            new String[] {":1.1", "1u"}, new String[] {":1.2", "2k"}, new String[] {":1.3", "3d"},
            new String[] {":1.2", "2s"}, new String[] {":1.3", "3h"});
    public static final int CLIENTS = 4;

    private final CkManager manager;

    public ConsoleKitSubject(RemovalStrategy strategy) {
        this(populated(new CkManager(strategy)));
    }

    /**
     * On {@code mem} (kmc's explorer's), with room for {@code capacity} leaders and tables of two
     * banks of {@code slots} slots.
     */
    public ConsoleKitSubject(RemovalStrategy strategy, dev.kmc.model.mem.Memory mem, int capacity, int slots) {
        this(populated(new CkManager(strategy, mem, capacity, slots)));
    }

    public ConsoleKitSubject(CkManager manager) {
        this.manager = manager;
    }

    private static CkManager populated(CkManager m) {
        int n = 0;
        for (String[] p : POPULATION) {
            m.openSession(p[0], p[1], "Session" + (++n));
        }
        return m;
    }

    public static String client(int n) {
        return ":1." + n;
    }

    public CkManager manager() { return manager; }

    /** A deep copy (between top-level dispatches). */
    public ConsoleKitSubject copy() { return new ConsoleKitSubject(manager.copy()); }

    /**
     * The bus's NameOwnerChanged for client {@code n} (1..4) disconnecting becomes ready on the
     * daemon's context. Any thread: this is GDBus's worker thread handing the signal over.
     */
    public void nameOwnerChanged(int n) {
        manager.context().post(NameOwnerChanged.vanished(client(n)));
    }

    /**
     * One iteration of the daemon's main loop, g_main_context_iteration(NULL, FALSE): dispatch
     * the first ready source, with any nested dispatches inside it. Returns the clients whose
     * NameOwnerChanged it handled (nested ones included), in order; "[]" if nothing was ready.
     * Main-loop thread only.
     */
    public String dispatch() {
        if (manager.heap().isHung()) {
            return DEADLOOP;
        }
        int before = manager.ownersChangedCount();
        try {
            manager.context().gMainContextIteration(false);
        } catch (GHashTable.DeadLoop e) {
            return DEADLOOP;
        }
        return manager.ownersChangedSince(before).toString();
    }

    /** What an operation returns when the daemon's thread is (or already was) stuck in a GLib loop that never ends. */
    public static final String DEADLOOP = "DEADLOOP";

    /** True once the main-loop thread has entered a loop that never ends: nothing else ever runs on it. */
    public boolean hung() {
        return manager.heap().hung.peek() != 0;
    }

    /**
     * A login: client {@code n} (1..4) calls OpenSession, handled on the main loop by
     * {@link CkManager#createSessionForSender}; its first step looks up a new random cookie in the
     * leaders table. The cookie stands for the random one: {@code n} and the first letter no
     * leader of the run has used; the session id is the next SessionN. Returns the cookie, or
     * "DEADLOOP" if the lookup (or anything after it) can never finish. Main-loop thread only.
     */
    public String login(int n) {
        if (manager.heap().isHung()) {
            return DEADLOOP;
        }
        String cookie = null;
        for (char c = 'a'; c <= 'z' && cookie == null; c++) {
            String candidate = n + String.valueOf(c);
            if (!manager.cookieUsed(candidate)) {
                cookie = candidate;
            }
        }
        if (cookie == null) {
            throw new IllegalStateException("client " + n + " has used all 26 cookies of the model");
        }
        try {
            manager.createSessionForSender(client(n), cookie, "Session" + (manager.leadersCreated() + 1));
        } catch (GHashTable.DeadLoop e) {
            return DEADLOOP;
        }
        return cookie;
    }

    /** The cookies in the leaders table, sorted. Main-loop thread only. */
    public String leaders() {
        List<String> out = new ArrayList<>();
        for (CkSessionLeader l : manager.leaders().liveValues()) out.add(l.cookie());
        out.sort(null);
        return out.toString();
    }

    /** One entry per g_object_unref that reached a leader, sorted: "[2e, 2k, 2s, 3h]", a leader twice if destroyed twice. */
    public String destroyed() {
        List<String> out = new ArrayList<>();
        for (CkSessionLeader l : manager.created()) {
            for (int i = 0; i < l.unrefs(); i++) out.add(l.cookie());
        }
        out.sort(null);
        return out.toString();
    }

    /**
     * A canonical key of the state between top-level dispatches, for exhaustive exploration:
     * the leaders table (size, counters and, per slot, UNUSED/TOMBSTONE or the leader's index in
     * {@link #POPULATION}), each leader's table membership, unrefs and cookie state, the live
     * sessions, the ready sources, the set of clients gone and the kinds of finding made. Left
     * out, because no later step reads them: version, pids, the order of past frees.
     */
    public int[] stateKey() {
        GHashTable<CkSessionLeader> t = manager.leaders();
        List<CkSessionLeader> created = manager.created();
        List<Integer> k = new ArrayList<>(List.of(t.size(), t.nnodes(), t.noccupied()));
        for (int i = 0; i < t.size(); i++) {
            int h = t.hashAt(i);
            k.add(GHashTable.isReal(h) ? 2 + manager.indexOf(t.valueAt(i)) : h);
        }
        for (CkSessionLeader l : created) {
            k.add((l.unrefs() << 2) | (l.tableKey().freed() ? 2 : 0) | (l.cancelled() ? 1 : 0));
        }
        for (CkSession s : manager.sessions().liveValues()) k.add(-Integer.parseInt(s.id().substring("Session".length())));
        k.add(Integer.MIN_VALUE);
        for (long w : manager.pendingWords()) {
            k.add(w < 0 ? -1 : (int) w);
        }
        k.add(Integer.MIN_VALUE);
        int gone = 0;
        for (String c : manager.ownersChanged()) gone |= 1 << Integer.parseInt(c.substring(3));
        k.add(gone);
        List<Class<?>> kinds = List.of(CkFinding.class.getPermittedSubclasses());
        int found = 0;
        for (CkFinding f : manager.heap().findings()) found |= 1 << kinds.indexOf(f.getClass());
        k.add(found);
        return k.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() { return manager.toString(); }
}
