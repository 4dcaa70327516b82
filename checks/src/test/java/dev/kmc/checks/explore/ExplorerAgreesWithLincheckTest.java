package dev.kmc.checks.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ScenarioReplay;
import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.checks.ringbuffer.RingBufferChecks;
import dev.kmc.checks.ringbuffer.RingBufferLincheck;
import dev.kmc.checks.ringbuffer.RingBufferSpec;
import dev.kmc.model.ringbuffer.EmptyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-check of kmc's explorer against Lincheck (issue 10, item 6): on pinned two-thread
 * ring-buffer scenarios small enough for Lincheck's model checker to exhaust its interleaving tree,
 * the set of result tuples kmc's explorer finds ({@link InterleavingExplorer.Result#outcomes()})
 * is exactly the set Lincheck's exhaustive run produces. Lincheck switches threads at every
 * shared field access of the port (cpu-private ones included) and caches nothing across
 * invocations; kmc schedules only visible accesses and skips states it has seen. Equal sets would
 * show that kmc's reduction and state caching prune nothing observable there.
 *
 * <p>Status: no two-thread ring-buffer scenario measured so far lets Lincheck 3.7 exhaust its tree
 * within 5,000 invocations (see the disabled test), so the equality is not established yet. What
 * runs: on write(1) | isEmpty() from the fresh buffer, every tuple of a bounded Lincheck run is one
 * kmc's complete exploration finds (both variants: the same 2 tuples on each side).
 *
 * <p>How Lincheck's results are collected: a {@link Verifier} that records every results tuple
 * it is asked to verify and accepts it. How exhaustion is known: as in {@link InterleavingTreeTest},
 * Lincheck makes one test instance per invocation and stops early only when the tree is fully
 * explored, so fewer instances than the invocation budget means it was exhausted.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ExplorerAgreesWithLincheckTest {

    private static final int BUDGET = 5_000;

    /** Every results tuple Lincheck asked the verifier about, in the explorer's outcome format. */
    static final Set<String> SEEN = new ConcurrentSkipListSet<>();

    /** Records the parallel part's results, per thread, and accepts them. */
    public static class RecordingVerifier implements Verifier {
        public RecordingVerifier(Class<?> sequentialSpecification) { }

        @Override
        public boolean verifyResults(ExecutionScenario scenario, ExecutionResult result) {
            List<String> parts = new ArrayList<>();
            for (int t = 0; t < scenario.getParallelExecution().size(); t++) {
                List<String> shown = new ArrayList<>();
                List<ResultWithClock> rs = result.getParallelResultsWithClock().get(t);
                for (int i = 0; i < rs.size(); i++) {
                    shown.add(ScenarioReplay.call(scenario.getParallelExecution().get(t).get(i)) + ": "
                            + ScenarioReplay.format(rs.get(i).getResult()));
                }
                parts.add(String.join(", ", shown));
            }
            SEEN.add(String.join(" | ", parts));
            return true;
        }
    }

    /** Counting subclasses: one instance per Lincheck invocation. */
    public static class CountingPreFix extends RingBufferLincheck.PreFix {
        static final AtomicInteger MADE = new AtomicInteger();

        public CountingPreFix() { MADE.incrementAndGet(); }
    }

    public static class CountingFixed extends RingBufferLincheck.Fixed {
        static final AtomicInteger MADE = new AtomicInteger();

        public CountingFixed() { MADE.incrementAndGet(); }
    }

    /** Lincheck's set of result tuples for the scenario, and how many invocations it took (budget: not exhausted). */
    private static Set<String> lincheck(String variant, List<String> init, List<String> writer, List<String> reader, int budget,
                                        int[] invocations) {
        Class<?> cls = variant.equals("pre-fix") ? CountingPreFix.class : CountingFixed.class;
        AtomicInteger made = variant.equals("pre-fix") ? CountingPreFix.MADE : CountingFixed.MADE;
        SEEN.clear();
        made.set(0);
        ExecutionScenario scenario = Scenarios.of(cls).init(init.toArray(String[]::new))
                .thread(writer.toArray(String[]::new)).thread(reader.toArray(String[]::new)).build();
        ModelCheckingOptions o = Scenarios.pinned(new ModelCheckingOptions(), budget, scenario)
                .sequentialSpecification(RingBufferSpec.class).verifier(RecordingVerifier.class);
        LincheckVerdict v = LincheckRunner.run("agree " + variant, o, cls);
        assertTrue(v.passed(), v.report());
        invocations[0] = made.get();
        System.out.println("AGREE lincheck " + variant + " init " + init + " | " + writer + " | " + reader + ": " + invocations[0]
                + " invocations for a budget of " + budget + ", " + v.millis() + " ms, " + SEEN.size() + " tuples: " + SEEN);
        return new TreeSet<>(SEEN);
    }

    /** kmc's explorer on the same scenario (write sizes 1 to 5: write(5) is longer than a page, as Lincheck may call it). */
    private static InterleavingExplorer.Result explorer(String variant, List<String> init, List<String> writer, List<String> reader) {
        Universe u = Universe.pinned("agree", init, List.of(writer, reader));
        InterleavingExplorer.Result r = InterleavingExplorer.explore("agree " + variant,
                m -> new RingBufferMachine(m, ExploreSuites.RB_GEOMETRY, variant.equals("pre-fix") ? EmptyCheck.V5_13
                        : EmptyCheck.FIXED_67F0D6D9, true, 1, 2, 3, 4, 5), u, InterleavingExplorer.Limits.of(1_000_000, 60_000));
        assertTrue(r.complete(), r.report());
        System.out.printf("AGREE kmc %s: %,d states, %d tuples: %s%n", variant, r.states(), r.outcomes().size(), r.outcomes());
        return r;
    }

    static Stream<Arguments> exhaustible() {
        return Stream.of(
                Arguments.of("pre-fix", List.of(RingBufferChecks.A72_PREFIX), List.of("write(5)"), List.of("isEmpty()")),
                Arguments.of("fixed", List.of(RingBufferChecks.A72_PREFIX), List.of("write(5)"), List.of("isEmpty()", "peek()")));
    }

    /**
     * On scenarios whose interleaving tree Lincheck exhausts, the two sets are equal. (Measured: the
     * smallest scenarios with a real writer operation, init - | write(1) | isEmpty() and the A.7.2
     * prefix | reserveDiscard(1) | isEmpty(), use up 1,500 and 5,000 invocations without exhausting
     * the tree, 30 to 150 s each; so the exhaustible ones have a writer that stops at its first
     * check, and the bounded test below covers the others in one direction.)
     */
    @Disabled("Lincheck 3.7 does not exhaust any two-thread ring-buffer scenario measured so far within 5,000 invocations"
            + " (A.7.2 prefix | write(5) | isEmpty(): 88 s; | write(5) | isEmpty() peek(): 103 s; init - | write(1) | isEmpty():"
            + " 1,500 used up in 38 s; A.7.2 prefix | reserveDiscard(1) | isEmpty(): 5,000 used up in 90 s; remeasured with"
            + " MemoryLayerGuarantees, each cell access one atomic step: the first two still use up 5,000, in 17 s and 21 s), even where the writer"
            + " makes one shared access; so no equality can be claimed yet. Why its tree is that large (the reader lock's spin"
            + " loop?) is open. The bounded inclusion test below runs meanwhile.")
    @ParameterizedTest(name = "{0}: init A.7.2 prefix | {2} | {3}")
    @MethodSource("exhaustible")
    void onAnExhaustedTreeTheExplorerFindsExactlyLincheckResultTuples(String variant, List<String> init, List<String> writer,
                                                                      List<String> reader) {
        int[] n = new int[1];
        Set<String> lincheck = lincheck(variant, init, writer, reader, BUDGET, n);
        assertTrue(n[0] < BUDGET, "Lincheck did not exhaust the interleaving tree within " + BUDGET
                + " invocations, so its set of results is not the whole set: choose a smaller scenario");
        InterleavingExplorer.Result r = explorer(variant, init, writer, reader);
        assertEquals(lincheck, r.outcomes(), "Lincheck's exhaustive run and kmc's explorer disagree on the results:\n" + r.report());
    }

    /**
     * On a scenario too large for Lincheck to exhaust, every result tuple Lincheck's bounded run
     * produces is one kmc's (complete) exploration finds: the reduction loses none of them.
     */
    @ParameterizedTest(name = "{0}: init - | write(1) | isEmpty(), Lincheck bounded")
    @MethodSource("variants")
    void everyTupleOfABoundedLincheckRunIsOneTheExplorerFinds(String variant) {
        int[] n = new int[1];
        Set<String> lincheck = lincheck(variant, List.of(), List.of("write(1)"), List.of("isEmpty()"), 300, n);
        InterleavingExplorer.Result r = explorer(variant, List.of(), List.of("write(1)"), List.of("isEmpty()"));
        assertTrue(r.outcomes().containsAll(lincheck), "Lincheck saw results kmc's explorer does not find: " + lincheck
                + " vs " + r.outcomes() + "\n" + r.report());
    }

    static Stream<String> variants() {
        return Stream.of("pre-fix", "fixed");
    }
}
