package dev.kmc.checks.consolekit;

import static dev.kmc.model.consolekit.RemovalStrategy.FOREACH_REMOVE_1_1_0;
import static dev.kmc.model.consolekit.RemovalStrategy.FOREACH_STEAL_9DC77DE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.consolekit.CkFinding;
import dev.kmc.model.consolekit.CkFinding.DoubleFree;
import dev.kmc.model.consolekit.CkFinding.OutOfBounds;
import dev.kmc.model.consolekit.CkFinding.UnrefNull;
import dev.kmc.model.consolekit.CkFinding.UseAfterFree;
import dev.kmc.model.consolekit.CkFinding.VersionChanged;
import dev.kmc.model.consolekit.CkManager;
import dev.kmc.model.consolekit.CkSessionLeader;
import dev.kmc.model.consolekit.ConsoleKitInvariants;
import dev.kmc.model.consolekit.ConsoleKitSubject;
import dev.kmc.model.consolekit.GHashTable;
import dev.kmc.model.consolekit.RemovalStrategy;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Deterministic sequences of kernel-spec C1 on the eight sessions of
 * {@link ConsoleKitSubject#POPULATION}, each asserted exactly: results, findings and the
 * violated invariants. Then an exhaustive exploration of every order of up to three signals,
 * including every point at which GDBus's worker thread can hand one over during a removal.
 */
class ConsoleKitSequenceTest {

    /** Posts the signals, runs one top-level dispatch and checks nothing else is left to dispatch. */
    private static ConsoleKitSubject goneThenDispatch(RemovalStrategy s, String expectHandled, int... clients) {
        ConsoleKitSubject ck = new ConsoleKitSubject(s);
        for (int c : clients) ck.nameOwnerChanged(c);
        assertEquals(expectHandled, ck.dispatch(), ck.toString());
        assertEquals("[]", ck.dispatch(), "every signal was handled within the first dispatch\n" + ck);
        return ck;
    }

    /** Posts {@code client}'s signal from "the GDBus worker" just before the {@code spawn}-th script of the next dispatch. */
    private static boolean postBeforeScript(ConsoleKitSubject ck, int client, int spawn) {
        boolean[] fired = {false};
        int[] scripts = {0};
        ck.manager().setWorkerHook((pid, context) -> {
            if (++scripts[0] == spawn) {
                fired[0] = true;
                ck.nameOwnerChanged(client);
            }
        });
        ck.dispatch();
        ck.manager().setWorkerHook((pid, context) -> { });
        return fired[0];
    }

    private static CkSessionLeader leader(ConsoleKitSubject ck, String cookie) {
        return ck.manager().created().stream().filter(l -> l.cookie().equals(cookie)).findFirst().orElseThrow();
    }

    private static List<String> violations(ConsoleKitSubject ck) {
        return ConsoleKitInvariants.violations(ck.manager());
    }

    private static final String CRITICAL = "GLib-CRITICAL **: g_hash_table_foreach_remove_or_steal: assertion "
            + "'version == hash_table->version' failed (leaders changed during iteration: version 8 -> 9 after slot ";

    @Test
    void populationFillsAThirtyTwoSlotTable() {
        GHashTable<CkSessionLeader> t = new ConsoleKitSubject(FOREACH_REMOVE_1_1_0).manager().leaders();
        assertEquals(32, t.size(), "the 8th insert fills the 8 slots: g_hash_table_maybe_resize grows to 1 << 5");
        assertEquals(8, t.nnodes());
        assertEquals(0x005970fc, GHashTable.gStrHash("1f"), "g_str_hash: djb2");
        assertEquals(5381, GHashTable.gStrHash(""));
        assertEquals("[2k@0, 2s@8, 1u@9, 3a@23, 1f@24, 2e@25, 3d@26, 3h@30]", layout(t));
    }

    private static String layout(GHashTable<CkSessionLeader> t) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < t.size(); i++) {
            if (GHashTable.isReal(t.hashAt(i))) sb.append(sb.length() > 1 ? ", " : "").append(t.keyAt(i)).append('@').append(i);
        }
        return sb.append(']').toString();
    }

    // ---- pre-fix: the re-entrant sequences ---------------------------------------------------

    /**
     * :1.1 and :1.2 gone. :1.1's foreach calls back on 1u (slot 9); its script's main loop runs
     * :1.2's handler, which removes 2k, 2s, 2e and shrinks the table to 16 slots, where 3h now
     * sits in slot 9. The outer remove_node(9) destroys 3h, whose client is connected; the
     * version check ends the loop, so 1f is never removed and 1u is left cancelled in the table.
     */
    @Test
    void preFixNestedRemovalDestroysAConnectedClientsLeader() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_REMOVE_1_1_0, "[:1.1, :1.2]", 1, 2);
        assertEquals("[1f, 1u, 3a, 3d]", ck.leaders());
        assertEquals("[2e, 2k, 2s, 3h]", ck.destroyed());
        assertEquals(List.of(new VersionChanged("leaders", 9, 8, 9)), ck.manager().heap().findings());
        assertTrue(leader(ck, "3h").finalized() && leader(ck, "3h").tableKey().freed(), ck.toString());
        assertTrue(leader(ck, "1u").cancelled() && !leader(ck, "1u").finalized(), ck.toString());
        assertFalse(leader(ck, "1f").cancelled(), "the loop ended before 1f\n" + ck);
        assertEquals(List.of(
                "exactly once: leader 1f of gone :1.1 is still in the leaders table",
                "exactly once: leader 1u of gone :1.1 is still in the leaders table",
                "removed set [2e, 2k, 2s, 3h] != predicate set [1f, 1u, 2e, 2k, 2s] (the leaders of [:1.1, :1.2])",
                "changed during iteration: " + CRITICAL + "9)",
                "live leader destroyed: leader 3h of connected :1.3 was finalized"), violations(ck));
        assertTrue(ck.toString().contains("[ 9] TOMBSTONE"), ck.toString());
    }

    /**
     * A client that owned a well-known name disconnects: two signals with old owner :1.1. The
     * nested handler removes 1u and 1f, including the session the outer callback is still
     * removing: the outer one then reads the finalized leader, unrefs the finalized session and
     * frees its id a second time; its stale remove_node(9) destroys 3h.
     */
    @Test
    void preFixSecondSignalForTheSameClientDestroysTwice() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_REMOVE_1_1_0, "[:1.1, :1.1]", 1, 1);
        assertEquals(List.<CkFinding>of(
                new UseAfterFree("ck_session_leader_peek_session_id", "leader 1u"),
                new UseAfterFree("g_object_unref", "session Session4"),
                new DoubleFree("Session4"),
                new UseAfterFree("ck_session_leader_cancel", "leader 1u"),
                new VersionChanged("leaders", 9, 8, 9)), ck.manager().heap().findings());
        assertEquals("[1f, 1u, 3h]", ck.destroyed());
        assertEquals("[2e, 2k, 2s, 3a, 3d]", ck.leaders());
        assertEquals("live leader destroyed: leader 3h of connected :1.3 was finalized", violations(ck).get(violations(ck).size() - 1));
        assertEquals("exactly once: ck_session_leader_peek_session_id(leader 1u): leader 1u was already finalized (use after free)",
                ConsoleKitInvariants.firstViolation(ck.manager()));
    }

    /** :1.1 then :1.3: after the shrink, slot 9 is UNUSED: the notifiers get NULL and nnodes drops below the slots. */
    @Test
    void preFixStaleIndexOnAnEmptySlotDestroysNull() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_REMOVE_1_1_0, "[:1.1, :1.3]", 1, 3);
        assertEquals(List.of(new UnrefNull("leaders"), new VersionChanged("leaders", 9, 8, 9)), ck.manager().heap().findings());
        assertTrue(ck.manager().heap().events().contains("g_object_unref(NULL)"), ck.toString());
        GHashTable<CkSessionLeader> t = ck.manager().leaders();
        assertEquals(4, t.nnodes());
        assertEquals(5, t.realSlots());
        assertTrue(violations(ck).containsAll(List.of("nnodes 4 != 5 REAL slots",
                "noccupied 5 != 5 REAL + 1 TOMBSTONE slots")), violations(ck).toString());
    }

    /** :1.3 then :1.1: the outer callback was on slot 23, past the end of the 16-slot arrays after the shrink. */
    @Test
    void preFixStaleIndexPastTheEndOfTheShrunkArrays() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_REMOVE_1_1_0, "[:1.3, :1.1]", 3, 1);
        assertEquals(List.of(new OutOfBounds("leaders", 23, 16), new VersionChanged("leaders", 23, 8, 9)),
                ck.manager().heap().findings());
        assertEquals("[2e, 2k, 2s, 3a, 3d, 3h]", ck.leaders());
        assertEquals("[1f, 1u]", ck.destroyed());
    }

    /**
     * The race: while :1.2's leaders are removed, :1.4 (no sessions) disconnects and its signal
     * lands between the first and the second script. Its handler removes nothing, so version
     * stays 8, but g_hash_table_maybe_resize shrinks the table (7 nodes in 32 slots). The outer
     * remove_node(8) then destroys 1u, whose client is connected, and the loop goes on over the
     * new arrays: no GLib-CRITICAL, no warning at all.
     */
    @Test
    void preFixSignalOfAClientWithoutSessionsCorruptsSilently() {
        ConsoleKitSubject ck = new ConsoleKitSubject(FOREACH_REMOVE_1_1_0);
        ck.nameOwnerChanged(2);
        assertTrue(postBeforeScript(ck, 4, 2));
        assertEquals(List.of(), ck.manager().heap().findings(), ck.toString());
        assertEquals("[1f, 2s, 3a, 3d, 3h]", ck.leaders());
        assertEquals("[1u, 2e, 2k]", ck.destroyed());
        assertEquals(List.of(
                "exactly once: leader 2s of gone :1.2 is still in the leaders table",
                "removed set [1u, 2e, 2k] != predicate set [2e, 2k, 2s] (the leaders of [:1.2, :1.4])",
                "live leader destroyed: leader 1u of connected :1.1 was finalized"), violations(ck));
    }

    /** Without a nested signal the pre-fix code is correct: one client, or a signal after the removal. */
    @Test
    void preFixIsCorrectWhenNothingIsDispatchedNested() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_REMOVE_1_1_0, "[:1.2]", 2);
        ck.nameOwnerChanged(1);
        assertEquals("[:1.1]", ck.dispatch());
        assertEquals("[3a, 3d, 3h]", ck.leaders());
        assertEquals("[1f, 1u, 2e, 2k, 2s]", ck.destroyed());
        assertNull(ConsoleKitInvariants.firstViolation(ck.manager()), ck.toString());
        ConsoleKitSubject alone = new ConsoleKitSubject(FOREACH_REMOVE_1_1_0);
        alone.nameOwnerChanged(4);
        alone.nameOwnerChanged(1);
        assertEquals("[:1.4]", alone.dispatch());
        assertEquals("[:1.1]", alone.dispatch(), ":1.4 has no session, so no script ran and :1.1 waited");
        assertNull(ConsoleKitInvariants.firstViolation(alone.manager()), alone.toString());
    }

    // ---- the dead loop: 100% CPU, logins hang (issue 11) ---------------------------------------

    /** Client 4 logs in {@code n} times; every login must return its cookie. */
    private static void logins(ConsoleKitSubject ck, int n) {
        for (int k = 0; k < n; k++) {
            String cookie = ck.login(4);
            assertEquals("4" + (char) ('a' + k), cookie, "login " + (k + 1) + "\n" + ck);
        }
    }

    /**
     * GLib's probe, recomputed here from the slots alone (not through the port): the slots
     * g_hash_table_lookup_node visits for {@code key} before it could stop, or null if it stops
     * (meets the key or an UNUSED slot) within one pass.
     */
    private static List<Integer> probeWithoutExit(GHashTable<CkSessionLeader> t, String key) {
        int h = GHashTable.gStrHash(key);
        int mod = List.of(1, 2, 3, 7, 13, 31, 61, 127).get(Integer.numberOfTrailingZeros(t.size()));
        int i = Integer.remainderUnsigned(h, mod);
        List<Integer> visited = new java.util.ArrayList<>();
        for (int step = 1; step <= t.size(); step++) {
            if (t.hashAt(i) == 0 || (t.hashAt(i) == h && t.keyAt(i).text().equals(key))) {
                return null;
            }
            visited.add(i);
            i = (i + step) & (t.size() - 1);
        }
        return visited;
    }

    /**
     * Issue 11's headline symptom. :1.1's foreach is on 1u (slot 9) when the nested :1.3 handler
     * shrinks the table to 16 slots, where slot 9 is UNUSED: the stale remove_node(9) erects a
     * tombstone there without noccupied++ and drops nnodes, so both counters are one low. Eleven
     * ordinary logins then fill the last UNUSED slots: 16 REAL slots, noccupied 15, and
     * g_hash_table_maybe_resize's grow test (16 &lt;= 15 + 15/16) never fires. The twelfth login's
     * generate_session_cookie looks its new cookie up: every slot probed, none UNUSED, no match:
     * GLib's loop never ends. The daemon's thread is gone; every later dispatch hangs too.
     */
    @Test
    void preFixStaleRemovalOnAnEmptySlotLetsLoginsFillTheTableUntilALookupProbesForever() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_REMOVE_1_1_0, "[:1.1, :1.3]", 1, 3);
        GHashTable<CkSessionLeader> t = ck.manager().leaders();
        assertEquals(List.of(16, 4, 5, 5, 1), List.of(t.size(), t.nnodes(), t.noccupied(), t.realSlots(), t.tombstones()),
                "size, nnodes, noccupied, REAL, TOMBSTONE after the stale remove_node(9)");
        logins(ck, 11);
        assertEquals(List.of(16, 15, 15, 16, 0), List.of(t.size(), t.nnodes(), t.noccupied(), t.realSlots(), t.tombstones()),
                "every slot REAL, both counters one low\n" + ck);
        assertFalse(t.size() <= t.noccupied() + t.noccupied() / 16, "g_hash_table_maybe_resize would not grow it");
        List<Integer> probed = probeWithoutExit(t, "4l");
        assertEquals(16, probed == null ? 0 : new TreeSet<>(probed).size(),
                "GLib's probe for the new cookie 4l visits all 16 slots without an exit, so it repeats them forever");
        assertEquals("DEADLOOP", ck.login(4), ck.toString());
        assertEquals(new CkFinding.ProbesForever("leaders", "g_hash_table_lookup_node", "4l", 16),
                ck.manager().heap().findings(CkFinding.ProbesForever.class).get(0));
        assertTrue(violations(ck).contains("dead loop: DEADLOOP: g_hash_table_lookup_node(leaders, \"4l\"): all 16 slots "
                + "probed, none UNUSED and none holds the key: GLib probes forever (100% CPU)"), violations(ck).toString());
        ck.nameOwnerChanged(2);
        assertEquals("DEADLOOP", ck.dispatch(), "the main-loop thread never comes back to dispatch anything");
    }

    /** Without the nested removal, the same logins grow the table as GLib intends: no dead loop on the pre-fix code. */
    @Test
    void preFixLoginsNeverSpinWhenNothingWasDispatchedNested() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_REMOVE_1_1_0, "[:1.1]", 1);
        ck.nameOwnerChanged(3);
        assertEquals("[:1.3]", ck.dispatch());
        logins(ck, 20);
        GHashTable<CkSessionLeader> t = ck.manager().leaders();
        assertEquals(List.of(32, 23, 23, 23, 0), List.of(t.size(), t.nnodes(), t.noccupied(), t.realSlots(), t.tombstones()));
        assertNull(ConsoleKitInvariants.firstViolation(ck.manager()), ck.toString());
    }

    /** 9dc77de: the same signals and logins; the table grows from 8 to 32 slots and every lookup ends. */
    @Test
    void fixedSameSignalsAndLoginsNeverSpin() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_STEAL_9DC77DE, "[:1.1, :1.3]", 1, 3);
        logins(ck, 20);
        GHashTable<CkSessionLeader> t = ck.manager().leaders();
        assertEquals(List.of(32, 23, 23, 23, 0), List.of(t.size(), t.nnodes(), t.noccupied(), t.realSlots(), t.tombstones()));
        assertEquals(List.of(), ck.manager().heap().findings());
        assertNull(ConsoleKitInvariants.firstViolation(ck.manager()), ck.toString());
    }

    // ---- fixed: the same sequences ------------------------------------------------------------

    @Test
    void fixedRemovesExactlyTheGoneClientsLeadersOnce() {
        String[][] cases = {   // clients, handled, leaders left
            {"1 2", "[:1.1, :1.2]", "[3a, 3d, 3h]"},
            {"1 1", "[:1.1, :1.1]", "[2e, 2k, 2s, 3a, 3d, 3h]"},
            {"1 3", "[:1.1, :1.3]", "[2e, 2k, 2s]"},
            {"3 1", "[:1.3, :1.1]", "[2e, 2k, 2s]"},
            {"2 3 1", "[:1.2, :1.3, :1.1]", "[]"}};
        for (String[] c : cases) {
            int[] clients = Arrays.stream(c[0].split(" ")).mapToInt(Integer::parseInt).toArray();
            ConsoleKitSubject ck = goneThenDispatch(FOREACH_STEAL_9DC77DE, c[1], clients);
            assertEquals(c[2], ck.leaders(), c[0]);
            assertEquals(List.of(), ck.manager().heap().findings(), c[0] + "\n" + ck);
            assertNull(ConsoleKitInvariants.firstViolation(ck.manager()), c[0] + "\n" + ck);
            for (CkSessionLeader l : ck.manager().created()) {
                boolean gone = ck.manager().ownersChanged().contains(l.serviceName());
                assertEquals(gone ? 1 : 0, l.unrefs(), l.name());
                assertEquals(gone, l.finalized() && l.tableKey().freed() && l.cancelled(), l.name());
            }
        }
    }

    @Test
    void fixedHandlesTheWorkerRaceCleanly() {
        ConsoleKitSubject ck = new ConsoleKitSubject(FOREACH_STEAL_9DC77DE);
        ck.nameOwnerChanged(2);
        assertTrue(postBeforeScript(ck, 4, 2));
        assertEquals("[1f, 1u, 3a, 3d, 3h]", ck.leaders());
        assertEquals("[2e, 2k, 2s]", ck.destroyed());
        assertNull(ConsoleKitInvariants.firstViolation(ck.manager()), ck.toString());
    }

    /** destroy_entity runs in g_ptr_array_remove_index_fast order: element 0, then the last moved into 0. */
    @Test
    void fixedDestroysTheStolenEntriesInRemoveIndexFastOrder() {
        ConsoleKitSubject ck = goneThenDispatch(FOREACH_STEAL_9DC77DE, "[:1.2]", 2);
        List<String> leaderFrees = ck.manager().heap().events().stream().filter(e -> e.startsWith("g_free(\"2")).toList();
        assertEquals(List.of("g_free(\"2k\")", "g_free(\"2e\")", "g_free(\"2s\")"), leaderFrees,
                "stolen in slot order 2k@0, 2s@8, 2e@25; destroyed 2k, then 2e moved into 0, then 2s");
    }

    // ---- exhaustive exploration --------------------------------------------------------------

    /** What an exploration reached. */
    private record Explored(int states, Set<String> firstViolations, Set<String> findingKinds, boolean silentLiveDestroy) { }

    /**
     * Every state reachable with at most {@code maxSignals} NameOwnerChanged signals (clients
     * 1..4, repeats allowed): a signal posted between dispatches, a dispatch, or a dispatch
     * during which the worker posts a signal just before its k-th script. Those points are all
     * that matter: the ready list is FIFO and only the scripts' exits are posted by the main
     * loop, so a post's effect depends only on which exits it precedes. States are deduplicated
     * by {@link ConsoleKitSubject#stateKey()}.
     */
    private static Explored explore(RemovalStrategy strategy, int maxSignals) {
        ArrayDeque<ConsoleKitSubject> todo = new ArrayDeque<>(List.of(new ConsoleKitSubject(strategy)));
        Set<List<Integer>> seen = new HashSet<>();
        Set<String> first = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        boolean silent = false;
        while (!todo.isEmpty()) {
            ConsoleKitSubject cur = todo.pop();
            if (!seen.add(Arrays.stream(cur.stateKey()).boxed().toList())) continue;
            CkManager m = cur.manager();
            String v = ConsoleKitInvariants.firstViolation(m);
            if (v != null) first.add(v);
            m.heap().findings().forEach(f -> kinds.add(f.getClass().getSimpleName()));
            silent |= m.heap().findings().isEmpty()
                    && ConsoleKitInvariants.violations(m).stream().anyMatch(s -> s.startsWith("live leader destroyed"));
            int signals = m.ownersChanged().size() + m.context().pending().size();
            for (int c = 1; c <= ConsoleKitSubject.CLIENTS && signals < maxSignals; c++) {
                ConsoleKitSubject next = cur.copy();
                next.nameOwnerChanged(c);
                todo.push(next);
            }
            if (m.context().pending().isEmpty()) continue;
            ConsoleKitSubject plain = cur.copy();
            plain.dispatch();
            todo.push(plain);
            for (int c = 1; c <= ConsoleKitSubject.CLIENTS && signals < maxSignals; c++) {
                for (int k = 1; ; k++) {
                    ConsoleKitSubject next = cur.copy();
                    if (!postBeforeScript(next, c, k)) break;
                    todo.push(next);
                }
            }
        }
        return new Explored(seen.size(), first, kinds, silent);
    }

    @Test
    void fixedHoldsEveryInvariantInEveryReachableState() {
        Explored e = explore(FOREACH_STEAL_9DC77DE, 4);
        assertTrue(e.states() > 300, "explored " + e.states() + " states");
        assertEquals(Set.of(), e.firstViolations(), e.states() + " states");
        assertEquals(Set.of(), e.findingKinds());
    }

    @Test
    void preFixReachesEveryKindOfCorruption() {
        Explored e = explore(FOREACH_REMOVE_1_1_0, 3);
        assertEquals(new TreeSet<>(List.of("DoubleFree", "OutOfBounds", "UnrefNull", "UseAfterFree", "VersionChanged")),
                e.findingKinds(), e.states() + " states");
        assertTrue(e.silentLiveDestroy(), "a connected client's leader destroyed with no finding at all");
        assertTrue(e.firstViolations().size() > 10, e.firstViolations().toString());
    }
}
