package dev.kmc.checks.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.checks.rcu.RcuChecks;
import dev.kmc.checks.rcu.RcuLincheck;
import dev.kmc.checks.rcu.RcuSpec;
import dev.kmc.checks.ringbuffer.RingBufferChecks;
import dev.kmc.checks.ringbuffer.RingBufferLincheck;
import dev.kmc.checks.ringbuffer.RingBufferSpec;
import dev.kmc.model.rcu.EnqueueGuard;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Does Lincheck explore the complete interleaving tree of the fixed variants' pinned scenarios? (RCU: the
 * guarded kernel with init_rcu_head'ed heads, which passes the pinned scenario; with fresh heads it fails it.)
 * Lincheck has no public answer: its model checker stops an iteration early when the tree is
 * fully explored (ModelCheckingStrategy.nextInvocation() returns false), and it makes one test
 * instance per invocation. So a subclass counts its constructions under a budget far above the
 * tree: fewer invocations than the budget means the tree was exhausted, and the count is its size;
 * as many as the budget means the tree is larger than the budget.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class InterleavingTreeTest {

    private static final int BUDGET = 1_000;

    /** Counting subclasses of the fixed variants (the operations are inherited). */
    public static class CountingRingBufferFixed extends RingBufferLincheck.Fixed {
        static final AtomicInteger MADE = new AtomicInteger();

        public CountingRingBufferFixed() { MADE.incrementAndGet(); }
    }

    public static class CountingRcuFixed extends RcuLincheck.FixedInitRcuHead {
        static final AtomicInteger MADE = new AtomicInteger();

        public CountingRcuFixed() { MADE.incrementAndGet(); }
    }

    private static int explore(String name, Class<?> cls, AtomicInteger made, Class<?> spec,
                               Function<Class<?>, ExecutionScenario> scenario) {
        made.set(0);
        ModelCheckingOptions o = Scenarios.pinned(new ModelCheckingOptions(), BUDGET, scenario.apply(cls))
                .sequentialSpecification(spec);
        LincheckVerdict v = LincheckRunner.run(name, o, cls);
        assertTrue(v.passed(), v.report());
        int n = made.get();
        System.out.printf("INTERLEAVINGS %s: %d test instances for a budget of %d invocations, %d ms: %s%n", name, n, BUDGET,
                v.millis(), n < BUDGET ? "the interleaving tree was explored completely" : "the budget ran out first");
        return n;
    }

    @Test
    void lincheckStopsEarlyOnlyWhenTheInterleavingTreeIsExhausted() {
        int single = explore("ringbuffer pinned-mc", CountingRingBufferFixed.class, CountingRingBufferFixed.MADE, RingBufferSpec.class,
                c -> Scenarios.of(c).init(RingBufferChecks.A72).thread("peek()", "isEmpty()").build());
        int concurrent = explore("ringbuffer concurrent-mc", CountingRingBufferFixed.class, CountingRingBufferFixed.MADE,
                RingBufferSpec.class, c -> Scenarios.of(c).init(RingBufferChecks.A72_PREFIX)
                        .thread("reserveDiscard(4)").thread("isEmpty()", "peek()", "readPipe()").build());
        int rcu = explore("rcu pinned-mc", CountingRcuFixed.class, CountingRcuFixed.MADE, RcuSpec.class,
                c -> Scenarios.parse(c, Scenarios.text(RcuChecks.pinnedScenario(EnqueueGuard.DEBUG_OBJECTS))));
        assertTrue(single < 10, "a one-thread scenario has a single interleaving: Lincheck stopped after " + single);
        // Measured with a budget of 3,000 too: both two-thread pinned scenarios use it up, so their QUICK
        // budgets (ring buffer 2,000, RCU 200) explore part of the tree, not all of it.
        assertTrue(concurrent >= BUDGET && rcu >= BUDGET, "two-thread pinned scenarios have more than " + BUDGET
                + " interleavings: ring buffer " + concurrent + ", RCU " + rcu);
    }
}
