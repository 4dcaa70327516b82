package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.Budget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A suite's JCStress harnesses run as {@code kmc run --engine stress} runs them (one JCStress child for
 * both variants, a pre-fix harness that missed its race rerun up to {@link StressEngine#RETRIES} times),
 * for a JUnit test that needs nothing but the suite's registration: every harness it lists comes to its
 * expected verdict, or the test fails with the runner's note.
 */
public final class StressChecks {
    private StressChecks() { }

    /** One result per harness of every variant, in {@code out} (a new or empty folder). */
    public static List<CheckResult> run(Suite suite, Budget budget, Path out) {
        List<CheckResult> results = new ArrayList<>();
        StressEngine.run(suite, suite.variants(), budget, out, out.resolve("kmc-children.log"), results::add, System.out);
        return results;
    }
}
