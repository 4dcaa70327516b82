package dev.kmc.checks.canary;

import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The canary: a deliberately racy counter ({@code ++} on a volatile is a read and a write, not
 * one atomic step). Every kmc run model-checks it first. If Lincheck does not report the lost
 * update, its instrumentation is broken and no "clean" verdict of that run can be trusted.
 */
public class RacyCounterLincheck {
    private volatile int value;

    @Operation
    public int inc() { return ++value; }

    @Operation
    public int get() { return value; }

    @Override
    public String toString() { return "value=" + value; }

    public static LincheckVerdict check() {
        ModelCheckingOptions o = new ModelCheckingOptions()
                .iterations(10).invocationsPerIteration(200)
                .threads(2).actorsPerThread(2).actorsBefore(0).actorsAfter(1);
        return LincheckRunner.run("canary/racy-counter-mc", o, RacyCounterLincheck.class);
    }

    public static final Expectation EXPECTED = Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =", "inc(): 1");
}
