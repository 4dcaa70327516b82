package dev.kmc.stress.consolekit;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.kmc.model.consolekit.CkManager;
import dev.kmc.model.consolekit.ConsoleKitInvariants;
import dev.kmc.model.consolekit.ConsoleKitSubject;
import dev.kmc.model.consolekit.RemovalStrategy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Client :1.2's NameOwnerChanged arriving while the daemon removes client :1.1's sessions
 * (kernel-spec C1, raced).
 * <p>
 * The corruption is re-entrancy on the main-loop thread, which no second thread can cause;
 * what is concurrent in the real daemon is the arrival of the signal. GDBus reads the bus on
 * its worker thread and hands each signal to the daemon's main context; where it lands among
 * the exits of the session_removed scripts decides whether a script's nested main loop
 * dispatches it inside :1.1's g_hash_table_foreach_remove. So the actors are the main-loop
 * thread, dispatching :1.1's signal (ready before the sample starts), and the GDBus worker,
 * handing over :1.2's. The arbiter lets the daemon go on (dispatches what is left), then
 * judges the tables.
 * <p>
 * :1.1's leaders sit in slots 9 and 24 of the 32-slot table, and each removal runs one script.
 * Handed over before the first script, :1.2's signal is handled nested, its removal shrinks the
 * table to 16 slots, and the stale remove_node(9) destroys connected :1.3's leader 3h. Between
 * the two scripts, the stale index is 24, past the end of the new arrays. After the second, it
 * is handled on its own and nothing goes wrong. The fixed port handles it nested or not, and
 * every outcome is clean.
 * <p>
 * Result: r1 = 1 if the main loop's one iteration handled :1.2 too (nested), r2 = leaders of
 * connected clients destroyed, r3 = leaders of gone clients left in the table, r4 = findings
 * (GLib-CRITICALs and memory errors). Both variants list the same outcomes; any other is
 * impossible in the port and jcstress grades it FORBIDDEN.
 * <p>
 * Run alone (both variants): {@code java -cp stress/target/kmc.jar org.openjdk.jcstress.Main
 * -t NameOwnerChangedDuringRemoval -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50};
 * {@code -t NameOwnerChangedDuringRemoval.PreFix} or {@code .Fixed} for one.
 */
public final class NameOwnerChangedDuringRemoval {
    private NameOwnerChangedDuringRemoval() { }

    static final String SEQUENTIAL = "0, 0, 0, 0";
    static final String SEQUENTIAL_DESC = "GDBus handed :1.2's signal over after :1.1's last script had exited: the main "
            + "loop handled it on its own, after :1.1's removal; every leader of :1.1 and :1.2 destroyed once, no other.";
    static final String NESTED_CLEAN = "1, 0, 0, 0";
    static final String NESTED_CLEAN_DESC = "Handed over during :1.1's removal, :1.2's signal was dispatched by a "
            + "script's nested main loop; the table was no longer being iterated (stolen first, 9dc77de): all clean.";
    static final String WRONG_LEADER = "1, 1, 2, 1";
    static final String WRONG_LEADER_DESC = "Handed over before :1.1's first script: dispatched nested inside "
            + "g_hash_table_foreach_remove; :1.2's removal shrank the table, the stale remove_node(9) destroyed connected "
            + ":1.3's leader 3h, then the GLib-CRITICAL version check ended the loop, leaving :1.1's 1f and 1u in the table.";
    static final String PAST_THE_END = "1, 0, 1, 2";
    static final String PAST_THE_END_DESC = "Handed over between :1.1's two scripts: dispatched nested; after the "
            + "shrink the stale remove_node(24) wrote past the end of the 16-slot arrays (heap corruption), then the "
            + "GLib-CRITICAL ended the loop, leaving :1.1's 1f in the table.";

    /** What each thread does; the variants only bind the removal strategy and grade. */
    abstract static class Race {
        final ConsoleKitSubject ck;
        String handledByMainLoop;

        Race(RemovalStrategy strategy) {
            ck = new ConsoleKitSubject(strategy);
            ck.nameOwnerChanged(1);                              // :1.1 disconnected: its signal is ready
        }

        /** The main-loop thread: one g_main_context_iteration. */
        final void mainLoop() {
            handledByMainLoop = ck.dispatch();
        }

        /** GDBus's worker thread: :1.2 disconnected, its signal is handed to the main context. */
        final void gdbusWorker() {
            ck.nameOwnerChanged(2);
        }

        /** The daemon goes on (handles :1.2's signal if the main loop's iteration did not), then the tables are judged. */
        final void daemonGoesOn(IIII_Result r) {
            ck.dispatch();
            CkManager m = ck.manager();
            r.r1 = handledByMainLoop.contains(ConsoleKitSubject.client(2)) ? 1 : 0;
            r.r2 = ConsoleKitInvariants.connectedLeadersDestroyed(m).size();
            r.r3 = ConsoleKitInvariants.goneLeadersLeft(m).size();
            r.r4 = m.heap().findings().size();
        }
    }

    /** ConsoleKit2 1.1.0: the corruption is the bug, expected here. */
    @JCStressTest
    @State
    @Outcome(id = SEQUENTIAL, expect = ACCEPTABLE, desc = SEQUENTIAL_DESC)
    @Outcome(id = NESTED_CLEAN, expect = ACCEPTABLE, desc = NESTED_CLEAN_DESC)
    @Outcome(id = WRONG_LEADER, expect = ACCEPTABLE_INTERESTING, desc = WRONG_LEADER_DESC)
    @Outcome(id = PAST_THE_END, expect = ACCEPTABLE_INTERESTING, desc = PAST_THE_END_DESC)
    public static class PreFix extends Race {
        public PreFix() {
            super(RemovalStrategy.FOREACH_REMOVE_1_1_0);
        }

        @Actor
        public void mainLoopThread() {
            mainLoop();
        }

        @Actor
        public void gdbusWorkerThread() {
            gdbusWorker();
        }

        @Arbiter
        public void afterwards(IIII_Result r) {
            daemonGoesOn(r);
        }
    }

    /** 9dc77de: nested or not, nothing but :1.1's and :1.2's leaders is touched, each once. */
    @JCStressTest
    @State
    @Outcome(id = SEQUENTIAL, expect = ACCEPTABLE, desc = SEQUENTIAL_DESC)
    @Outcome(id = NESTED_CLEAN, expect = ACCEPTABLE, desc = NESTED_CLEAN_DESC)
    @Outcome(id = WRONG_LEADER, expect = FORBIDDEN, desc = WRONG_LEADER_DESC)
    @Outcome(id = PAST_THE_END, expect = FORBIDDEN, desc = PAST_THE_END_DESC)
    public static class Fixed extends Race {
        public Fixed() {
            super(RemovalStrategy.FOREACH_STEAL_9DC77DE);
        }

        @Actor
        public void mainLoopThread() {
            mainLoop();
        }

        @Actor
        public void gdbusWorkerThread() {
            gdbusWorker();
        }

        @Arbiter
        public void afterwards(IIII_Result r) {
            daemonGoesOn(r);
        }
    }
}
