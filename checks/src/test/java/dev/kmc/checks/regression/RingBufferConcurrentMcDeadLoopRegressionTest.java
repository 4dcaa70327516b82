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
 * Regression test written by {@code kmc export-test} from counterexample 2 (dead loop) of an
 * explore trace of suite ringbuffer, variant pre-fix, exploration concurrent-mc: dead loop:
 * readPipe() on cpu1 (reader) goes round 'tracing_read_pipe: goto waitagain' forever: a round
 * changes no cell and every other CPU is quiescent. Trace:
 * kmc-results/explore-concurrent-mc/ringbuffer/pre-fix-explore.txt (written by kmc explore --suite
 * ringbuffer --exploration concurrent-mc).
 *
 * <p>The interleaving is replayed step by step on a fresh port of each variant through kmc's
 * explorer (deterministic): the pre-fix port must still show the dead loop, the fixed port must
 * take the same interleaving without it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RingBufferConcurrentMcDeadLoopRegressionTest {

    static final String SUITE = "ringbuffer";
    static final String EXPLORATION = "concurrent-mc";
    static final String KIND = "dead loop";

    static final Universe UNIVERSE = Universe.parse(
            "name=concurrent-mc; init=write(1) write(4) consume() write(1) consume() consume();"
            + " cpu0=reserveDiscard(4); cpu1=isEmpty() peek() readPipe()");

    /** The interleaving, one token per atomic step (cpuN+op(): starts op; cpuN: its next step; cpuN!op(): an interrupt). */
    static final List<String> INTERLEAVING = Counterexample.tokens(
            "cpu0+reserveDiscard(4) cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0"
            + " cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu1+isEmpty()"
            + " cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1+peek() cpu1 cpu1 cpu1 cpu0 cpu0 cpu0 cpu1"
            + " cpu1 cpu1 cpu1 cpu1 cpu1+readPipe() cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1"
            + " cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1 cpu1"
            + " cpu1 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0"
            + " cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0 cpu0"
            + " cpu0 cpu0 cpu0 cpu0 cpu0 cpu1 cpu1 cpu1");

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
