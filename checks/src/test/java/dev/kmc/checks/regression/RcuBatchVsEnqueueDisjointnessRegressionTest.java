package dev.kmc.checks.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.kmc.checks.explore.Counterexample;
import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.Universe;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression test written by {@code kmc export-test} from counterexample 1 (disjointness) of an
 * explore trace of suite rcu, variant pre-fix, exploration batch-vs-enqueue: disjointness: link is
 * reachable from cpu0 and cpu1. Trace: a scratch pre-fix-explore.txt, not kept (written by kmc explore
 * --suite rcu --exploration batch-vs-enqueue).
 *
 * <p>The interleaving is replayed step by step on a fresh port of each variant through kmc's
 * explorer (deterministic): the pre-fix port must still show the disjointness, the fixed port must
 * take the same interleaving without it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RcuBatchVsEnqueueDisjointnessRegressionTest {

    static final String SUITE = "rcu";
    static final String EXPLORATION = "batch-vs-enqueue";
    static final String KIND = "disjointness";

    static final Universe UNIVERSE = Universe.parse(
            "name=batch-vs-enqueue; init=callRcu(link) gracePeriod(); cpu0=doBatch();"
            + " cpu1=callRcu(link) doBatch(); cpu2=gracePeriod()");

    /** The interleaving, one token per atomic step (cpuN+op(): starts op; cpuN: its next step; cpuN!op(): an interrupt). */
    static final List<String> INTERLEAVING = Counterexample.tokens(
            "cpu1+callRcu(link) cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1");

    private static Counterexample replay(String variant) {
        return InterleavingExplorer.replay(ExploreSuites.machine(SUITE, EXPLORATION, variant), UNIVERSE, INTERLEAVING, KIND);
    }

    @Test
    void preFixStillShowsTheRecordedViolation() {
        Counterexample c = replay("pre-fix");
        assertEquals(KIND, c.kind(), c.text());
    }

    @Test
    void fixedTakesTheInterleavingWithoutIt() {
        Counterexample c = replay("fixed");
        assertNotEquals(KIND, c.kind(), c.text());
    }
}
