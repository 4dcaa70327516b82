package dev.kmc.stress.suites;

import dev.kmc.checks.consolekit.ConsoleKitChecks;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.model.consolekit.RemovalStrategy;
import dev.kmc.stress.runner.Suite;
import java.util.List;

/** ConsoleKit2: g_hash_table_foreach_remove made re-entrant by a nested main loop, before and after 9dc77de. */
public final class ConsoleKitSuite implements Suite {

    private static final Variant PRE = new Variant("pre-fix", "ConsoleKit2 1.1.0 on GLib 2.46.2");
    private static final Variant FIXED = new Variant("fixed", "with 9dc77de (ConsoleKit2 1.1.1)");

    @Override
    public String name() { return "consolekit"; }

    @Override
    public String incident() {
        return "ConsoleKit2 before 1.1.1 (issue #80): a session_removed script's nested main loop dispatches another"
                + " client's NameOwnerChanged inside g_hash_table_foreach_remove over the leaders table; its removal"
                + " resizes the table and the outer loop removes and destroys a stale slot (fix 9dc77de).";
    }

    @Override
    public String property() {
        return "Once a client is gone, its session leaders are removed from the leaders table and destroyed exactly"
                + " once, and no other leader is (kernel-spec C1): the table is not changed while it is iterated.";
    }

    @Override
    public List<Variant> variants() { return List.of(PRE, FIXED); }

    private static RemovalStrategy strategy(Variant v) {
        return v == PRE ? RemovalStrategy.FOREACH_REMOVE_1_1_0 : RemovalStrategy.FOREACH_STEAL_9DC77DE;
    }

    @Override
    public List<ModelCheckRun> modelChecks(Variant v) {
        RemovalStrategy s = strategy(v);
        return ConsoleKitChecks.ALL.stream().map((ModelCheck<RemovalStrategy> m) -> new ModelCheckRun(
                m.id(), m.description(), b -> m.run().apply(s, b), m.expectation().apply(s),
                ConsoleKitChecks.testClass(s))).toList();
    }

    /**
     * r2 (a connected client's leader destroyed), r3 (a gone client's leader left in the table)
     * or r4 (a GLib-CRITICAL or memory error) not 0.
     */
    private static final String CORRUPTION = "[01], ([1-9]\\d*, \\d+, \\d+|\\d+, [1-9]\\d*, \\d+|\\d+, \\d+, [1-9]\\d*)";

    @Override
    public List<StressHarness> stressHarnesses(Variant v) {
        return List.of(new StressHarness(
                "dev.kmc.stress.consolekit.NameOwnerChangedDuringRemoval." + (v == PRE ? "PreFix" : "Fixed"), CORRUPTION,
                "the signal handled nested corrupted the leaders table (a wrong leader destroyed, leaders left, or a"
                        + " write past the arrays)", v == PRE));
    }
}
