package dev.kmc.checks.lincheck;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One Lincheck check of a suite: how to run it on a variant within a budget, and what it must
 * come to on that variant. {@code V} is the suite's variant type (for the ring buffer, EmptyCheck).
 */
public record ModelCheck<V>(String id, String description,
                            BiFunction<V, Budget, LincheckVerdict> run,
                            Function<V, Expectation> expectation) {

    /** Runs the check and returns null if the expectation held, else why not. */
    public String runAndCompare(V variant, Budget budget) {
        return expectation.apply(variant).mismatch(run.apply(variant, budget));
    }
}
