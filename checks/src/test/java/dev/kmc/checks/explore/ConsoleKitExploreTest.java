package dev.kmc.checks.explore;

import static dev.kmc.checks.explore.ExploreAssertions.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.consolekit.RemovalStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kmc's explorer on ConsoleKit2 (kernel-spec C1): GDBus's worker thread (cpu1) handing over a
 * NameOwnerChanged while the main loop (cpu0) dispatches another, every interleaving of their
 * accesses of the context's ready list. Each test pins the exact verdict per variant: the
 * violation kinds with the length of the shortest interleaving, or "proven ... complete". A
 * pre-fix exploration that finds nothing fails.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ConsoleKitExploreTest {

    static final InterleavingExplorer.Limits LIMITS = InterleavingExplorer.Limits.of(2_000_000, 50_000);
    static final RemovalStrategy PRE = RemovalStrategy.FOREACH_REMOVE_1_1_0;
    static final RemovalStrategy FIXED = RemovalStrategy.FOREACH_STEAL_9DC77DE;

    static InterleavingExplorer.Result explore(RemovalStrategy v, Universe u) {
        List<String> main = new ArrayList<>();
        for (String op : u.programs().get(0)) if (!main.contains(op)) main.add(op);
        List<String> worker = new ArrayList<>();
        for (String op : u.programs().get(1)) if (!worker.contains(op)) worker.add(op);
        for (String op : u.init()) {                            // the init signals are the worker's, before the run
            if (!worker.contains(op)) worker.add(op);
            if (!main.contains(op)) main.add(op);
        }
        InterleavingExplorer.Result r = InterleavingExplorer.explore("consolekit " + u.name() + " [" + v.label() + "]",
                m -> new ConsoleKitMachine(m, v, 20, main, worker), u, LIMITS);
        System.out.println(r.report().lines().limit(6).reduce("", (a, b) -> a + b + "\n") + "findings " + shortest(r));
        return r;
    }




    /** The JCStress race: :1.1's signal is ready, the main loop dispatches it while the worker hands over :1.2's. */
    static final Universe SIGNAL_DURING_REMOVAL = Universe.pinned("signal-during-removal",
            List.of("nameOwnerChanged(1)"), List.of(List.of("dispatch()"), List.of("nameOwnerChanged(2)")));

    /**
     * Issue 11: :1.3's signal lands during :1.1's removal; then client 4 logs in twelve times. If the
     * nested removal left the counters one low, a login's cookie lookup probes forever.
     */
    static final Universe LOGINS_AFTER_REMOVAL = Universe.pinned("logins-after-removal",
            List.of("nameOwnerChanged(1)"),
            List.of(concat(List.of("dispatch()"), Collections.nCopies(12, "login(4)")), List.of("nameOwnerChanged(3)")));

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void preFixSignalDuringRemovalDestroysTheWrongLeader() {
        // 118/110 states, complete: :1.2's signal before :1.1's first script -> 3h of connected :1.3 destroyed;
        // between the two scripts -> remove_node(24) past the 16 slots, then the version CRITICAL
        assertFound(explore(PRE, SIGNAL_DURING_REMOVAL), Map.of("wrong leader destroyed", 22, "version CRITICAL", 26));
    }

    @Test
    void fixedSignalDuringRemovalIsProven() {
        assertProven(explore(FIXED, SIGNAL_DURING_REMOVAL));
    }

    @Test
    void preFixLoginsAfterANestedRemovalDeadLoop() {
        // 182 states, complete: the nested :1.3 removal (g_object_unref(NULL) on the stale UNUSED slot 9) leaves
        // both counters one low; the twelfth login's lookup of 4l probes all 16 slots forever
        assertFound(explore(PRE, LOGINS_AFTER_REMOVAL), Map.of("double destroy", 22, "version CRITICAL", 26, "dead loop", 34));
    }

    @Test
    void fixedLoginsAfterRemovalIsProven() {
        assertProven(explore(FIXED, LOGINS_AFTER_REMOVAL));
    }
}
