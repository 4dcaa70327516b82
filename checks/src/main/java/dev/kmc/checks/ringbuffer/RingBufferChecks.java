package dev.kmc.checks.ringbuffer;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.model.ringbuffer.EmptyCheck;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The Lincheck checks of the ring-buffer suite, each with its budgets and its expected verdict
 * per variant. JUnit (RingBufferLincheckTest) and the kmc runner both run {@link #ALL}.
 *
 * <p>Budgets were measured on a 2-core machine (see the README); QUICK keeps the whole
 * suite within about two minutes there.
 */
public final class RingBufferChecks {
    private RingBufferChecks() { }

    /**
     * Invocations of concurrent-mc at QUICK: the pre-fix dead loop is found in the first few; the fixed variant
     * pays all of them (about 7 s here, 26 s at 2,000, on a quiet 2-core machine).
     * kmc's explorer proves the fixed variant on the same scenario (every interleaving), so at QUICK Lincheck's
     * share is a sampled cross-check that keeps {@code kmc run --budget quick} within its time target; THOROUGH
     * keeps the large budget.
     */
    static final int QUICK_CONCURRENT_INVOCATIONS = 500;

    /** kernel-spec A.7.2: the 7 operations that leave C == H with commit 0 and a stale read of 4. */
    public static final String[] A72 = {
        "write(1)", "write(4)", "consume()", "write(1)", "consume()", "consume()", "reserveDiscard(4)"};

    /** A.7.2's first six operations: the writer on the reader page, the head page with a stale read. */
    public static final String[] A72_PREFIX = {
        "write(1)", "write(4)", "consume()", "write(1)", "consume()", "consume()"};

    public static Class<? extends RingBufferLincheck> testClass(EmptyCheck check) {
        return check == EmptyCheck.V5_13 ? RingBufferLincheck.PreFix.class : RingBufferLincheck.Fixed.class;
    }

    private static String name(String check, EmptyCheck variant) {
        return "ringbuffer/" + check + " [" + variant.label() + "]";
    }

    private static ModelCheckingOptions pinnedOptions(ExecutionScenario scenario, int invocations) {
        return Scenarios.pinned(new ModelCheckingOptions(), invocations, scenario)
                .sequentialSpecification(RingBufferSpec.class);
    }

    private static Expectation preFixOnly(EmptyCheck check, Expectation onPreFix) {
        return check == EmptyCheck.V5_13 ? onPreFix : Expectation.clean();
    }

    // ---- 1. the minimal failing scenario, pinned --------------------------------------------

    /** A.7.2, then peek() and isEmpty() on one reader thread. */
    public static ExecutionScenario pinnedScenario(EmptyCheck check) {
        return Scenarios.of(testClass(check)).init(A72).thread("peek()", "isEmpty()").build();
    }

    public static LincheckVerdict pinned(EmptyCheck check, Budget budget) {
        return LincheckRunner.run(name("pinned-mc", check), pinnedOptions(pinnedScenario(check), 10), testClass(check));
    }

    /** A.7.2, then tracing_read_pipe: the v5.13 reader spins (bounded) where it should sleep. */
    public static LincheckVerdict pinnedReadPipe(EmptyCheck check, Budget budget) {
        ExecutionScenario s = Scenarios.of(testClass(check)).init(A72).thread("readPipe()").build();
        return LincheckRunner.run(name("pinned-readpipe-mc", check), pinnedOptions(s, 10), testClass(check));
    }

    // ---- 2. random scenarios only ------------------------------------------------------------

    /**
     * Random scenarios, model checked, on one thread: the shipped bug is sequential (A.7), so
     * one thread reaches it, and keeping the writer alone keeps this check about that bug. (Two
     * threads also reach the move-tail race: {@link #randomConcurrent}.)
     */
    public static LincheckVerdict random(EmptyCheck check, Budget budget) {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .threads(1)
                .iterations(budget == Budget.QUICK ? 100 : 3000)
                .invocationsPerIteration(1)
                .actorsBefore(10)
                .actorsPerThread(4)
                .actorsAfter(6)
                .sequentialSpecification(RingBufferSpec.class);
        return LincheckRunner.run(name("random-mc", check), o, testClass(check));
    }

    /**
     * Random scenarios on two threads: a writer and readers interleaved by the model checker. At QUICK the
     * failing scenario is reported as found, not minimized: Lincheck's minimization reruns the budget for
     * every shorter candidate and took 30 of this check's 35 s (pre-fix) on a quiet 2-core machine; the
     * explorer's counterexample of the same race ({@code move-tail}) is the shortest there is. THOROUGH
     * minimizes.
     */
    public static LincheckVerdict randomConcurrent(EmptyCheck check, Budget budget) {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .threads(2)
                .iterations(budget == Budget.QUICK ? 300 : 3000)
                .invocationsPerIteration(budget == Budget.QUICK ? 20 : 500)
                .actorsBefore(8)
                .actorsPerThread(3)
                .actorsAfter(4)
                .minimizeFailedScenario(budget != Budget.QUICK)
                .sequentialSpecification(RingBufferSpec.class);
        return LincheckRunner.run(name("random-concurrent-mc", check), o, testClass(check));
    }

    // ---- 3. a concurrent scenario -------------------------------------------------------------

    /** A.7.2's prefix, then the writer's reserve(4)+discard races a reader's isEmpty, peek, readPipe. */
    public static ExecutionScenario concurrentScenario(EmptyCheck check) {
        return Scenarios.of(testClass(check)).init(A72_PREFIX)
                .thread("reserveDiscard(4)")
                .thread("isEmpty()", "peek()", "readPipe()")
                .build();
    }

    public static LincheckVerdict concurrent(EmptyCheck check, Budget budget) {
        return LincheckRunner.run(name("concurrent-mc", check),
                pinnedOptions(concurrentScenario(check), budget == Budget.QUICK ? QUICK_CONCURRENT_INVOCATIONS : 50_000), testClass(check));
    }

    // ---- 4. stress mode ---------------------------------------------------------------------

    /** Real threads on the pinned scenarios (stress mode has no interleaving trace, only results). */
    public static LincheckVerdict stress(EmptyCheck check, Budget budget) {
        StressOptions o = Scenarios.pinned(new StressOptions(), budget == Budget.QUICK ? 3000 : 100_000,
                concurrentScenario(check), pinnedScenario(check)).sequentialSpecification(RingBufferSpec.class);
        return LincheckRunner.run(name("stress", check), o, testClass(check));
    }

    /** Every Lincheck check of the suite with its expected verdict per variant. */
    public static final List<ModelCheck<EmptyCheck>> ALL = List.of(
            new ModelCheck<>("pinned-mc", "A.7.2 + peek, isEmpty; model checking",
                    RingBufferChecks::pinned,
                    c -> preFixOnly(c, Expectation.bug("IncorrectResultsFailure",
                            "= Invalid execution results =", "peek(): null", "isEmpty(): false"))),
            new ModelCheck<>("pinned-readpipe-mc", "A.7.2 + tracing_read_pipe; model checking",
                    RingBufferChecks::pinnedReadPipe,
                    c -> preFixOnly(c, Expectation.bug("IncorrectResultsFailure",
                            "= Invalid execution results =", "readPipe(): DEADLOOP"))),
            new ModelCheck<>("random-mc", "random scenarios, one thread; model checking",
                    RingBufferChecks::random,
                    c -> preFixOnly(c, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =", "isEmpty(): false"))),
            new ModelCheck<>("concurrent-mc", "reserve+discard vs isEmpty, peek, readPipe; model checking",
                    RingBufferChecks::concurrent,
                    c -> preFixOnly(c, Expectation.bug("IncorrectResultsFailure",
                            "= Invalid execution results =", "readPipe(): DEADLOOP"))),
            new ModelCheck<>("random-concurrent-mc", "random scenarios, writer vs reader threads; model checking",
                    RingBufferChecks::randomConcurrent,
                    // Both variants: the reader can swap the writer's tail page inside rb_move_tail (not fixed by 67f0d6d9).
                    c -> c == EmptyCheck.V5_13
                            ? Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =")
                            : Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =", "rbMoveTail(", "switch")),
            new ModelCheck<>("stress", "pinned scenarios on real threads; Lincheck stress mode",
                    RingBufferChecks::stress,
                    c -> preFixOnly(c, Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =")))
    );

    public static ModelCheck<EmptyCheck> byId(String id) {
        return ALL.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no ring-buffer check '" + id + "'"));
    }
}
