package dev.kmc.checks.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exhaustive exploration of the configurations small enough for every build. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExplorerTest {

    private static final Explorer.Limits LIMITS = Explorer.Limits.of(1_000_000, 200, 120_000);

    private static ExplorationReport ring(int pages, boolean overwrite, EmptyCheck c, int... sizes) {
        return Explorer.explore("ringbuffer", new RingBufferExplorable(Geometry.slots(pages, 4, overwrite), c, sizes), LIMITS);
    }

    @Test
    void preFixShortestCounterexampleIsTheKnownSevenOperations() {
        ExplorationReport r = ring(2, false, EmptyCheck.V5_13, 1, 2, 3, 4);
        assertTrue(r.complete(), r.summary());
        assertEquals(7, r.shortestPath().size(), r.counterexample());
        assertTrue(r.shortestViolation().startsWith("dead loop: peek() returns null but isEmpty() is false"), r.counterexample());
        assertEquals(Map.of("dead loop", 36L, "false empty", 288L), r.violationsByKind(), r.summary());
        assertTrue(r.shortestPath().stream().anyMatch(op -> op.startsWith("reserveDiscard(")), r.counterexample());
        assertTrue(r.shortestPathStates().get(6).contains("P0 (HEAD TAIL COMMIT)   write 0 commit 0 read 4 STALE"), r.counterexample());
    }

    @Test
    void fixedHasNoViolationInAnyReachableState() {
        for (boolean overwrite : new boolean[] {false, true}) {
            for (int[] sizes : new int[][] {{1, 2, 3, 4}, {1}}) {
                ExplorationReport r = ring(2, overwrite, EmptyCheck.FIXED_67F0D6D9, sizes);
                assertTrue(r.complete(), r.summary());
                assertEquals(0, r.violatingStates(), r.summary() + "\n" + r.counterexample());
            }
        }
        ExplorationReport three = ring(3, false, EmptyCheck.FIXED_67F0D6D9, 1);
        assertTrue(three.complete() && three.violatingStates() == 0, three.summary());
    }

    @Test
    void preFixUnitSizedEventsNeedAlongerSequence() {
        ExplorationReport r = ring(2, false, EmptyCheck.V5_13, 1);
        assertTrue(r.complete(), r.summary());
        assertEquals(Map.of("dead loop", 1L, "false empty", 1L), r.violationsByKind(), r.summary());
        assertEquals(25, r.shortestPath().size(), r.counterexample());
    }

    @Test
    void rcuUnguardedDoubleEnqueueIsTwoOperationsAndGuardedIsClean() {
        ExplorationReport bad = Explorer.explore("rcu", new RcuExplorable(EnqueueGuard.UNGUARDED, 2), LIMITS);
        assertTrue(bad.complete(), bad.summary());
        assertEquals(List.of("callRcu(cpu0, link)", "callRcu(cpu0, link)"), bad.shortestPath(), bad.counterexample());
        for (int callbacks = 2; callbacks <= 3; callbacks++) {
            ExplorationReport good = Explorer.explore("rcu", new RcuExplorable(EnqueueGuard.DEBUG_OBJECTS, callbacks), LIMITS);
            assertTrue(good.complete(), good.summary());
            assertEquals(0, good.violatingStates(), good.summary() + "\n" + good.counterexample());
        }
    }

    @Test
    void aLimitSaysHowFarItGot() {
        ExplorationReport r = Explorer.explore("rcu", new RcuExplorable(EnqueueGuard.DEBUG_OBJECTS, 4), Explorer.Limits.of(5_000, 200, 60_000));
        assertTrue(!r.complete() && r.stoppedBy().equals("state limit 5000") && r.states() == 5_000, r.summary());
        assertTrue(r.summary().contains("stopped by state limit 5000"), r.summary());
    }
}
