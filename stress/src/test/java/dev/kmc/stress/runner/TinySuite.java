package dev.kmc.stress.runner;

import dev.kmc.checks.canary.RacyCounterLincheck;
import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckRunner;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;

/** A two-second suite for runner tests: "pre-fix" is a racy counter, "fixed" an atomic one. */
public class TinySuite implements Suite {

    /** The fixed counter. */
    public static class AtomicCounterLincheck {
        private final AtomicInteger value = new AtomicInteger();

        @Operation
        public int inc() { return value.incrementAndGet(); }

        @Override
        public String toString() { return "value=" + value.get(); }
    }

    static ModelCheckingOptions options() {
        return new ModelCheckingOptions().iterations(5).invocationsPerIteration(100).threads(2).actorsPerThread(2)
                .actorsBefore(0).actorsAfter(0);
    }

    private static final Variant PRE = new Variant("pre-fix", "racy");
    private static final Variant FIXED = new Variant("fixed", "atomic");

    @Override
    public String name() { return "tiny"; }

    @Override
    public String incident() { return "A counter incremented with ++ on a volatile loses updates."; }

    @Override
    public String property() { return "Every increment returns a distinct value."; }

    @Override
    public List<Variant> variants() { return List.of(PRE, FIXED); }

    /** What the checks expect of each variant; {@link UnmetSuite} gets it wrong on purpose. */
    protected Expectation expectation(Variant v) {
        return v == PRE ? Expectation.bug("IncorrectResultsFailure", "inc(): 1") : Expectation.clean();
    }

    @Override
    public List<ModelCheckRun> modelChecks(Variant v) {
        Class<?> cls = v == PRE ? RacyCounterLincheck.class : AtomicCounterLincheck.class;
        return List.of(new ModelCheckRun("counter-mc", "two threads increment", b -> LincheckRunner.run(
                "tiny/counter-mc [" + v.name() + "]", options(), cls), expectation(v), cls));
    }

    @Override
    public List<StressHarness> stressHarnesses(Variant v) { return List.of(); }

    /** Expects the racy counter to be clean: its run must end with exit 1. */
    public static class UnmetSuite extends TinySuite {
        @Override
        protected Expectation expectation(Variant v) { return Expectation.clean(); }
    }

    /** The pre-fix check only, as "slow-mc", after a sleep: the runner's progress line has something to show. */
    public static class SlowSuite extends TinySuite {
        protected long sleepMillis() { return 2500; }

        @Override
        public List<ModelCheckRun> modelChecks(Variant v) {
            if (!v.name().equals("pre-fix")) return List.of();
            ModelCheckRun c = super.modelChecks(v).get(0);
            return List.of(new ModelCheckRun("slow-mc", "sleeps, then two threads increment", b -> {
                try {
                    Thread.sleep(sleepMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return c.run().apply(b);
            }, c.expectation(), c.testClass()));
        }
    }

    /** A check that runs for ten minutes: only an interrupted run ends before it. */
    public static class HangingSuite extends SlowSuite {
        @Override
        protected long sleepMillis() { return 600_000; }
    }

    /** A canary that cannot be found: an atomic counter expected to lose updates. */
    public static class DeadCanary {
        public static final Expectation EXPECTED = Expectation.bug("IncorrectResultsFailure");

        public static dev.kmc.checks.lincheck.LincheckVerdict check() {
            return LincheckRunner.run("dead-canary", options(), AtomicCounterLincheck.class);
        }
    }
}
