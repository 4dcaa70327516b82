package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckVerdict;
import java.util.List;
import java.util.function.Function;

/**
 * One incident: its port's variants and the checks each engine runs on them. A suite is
 * registered by adding one entry to {@link Suites#ALL}.
 */
public interface Suite {

    /** Short name used on the command line and in result paths, e.g. "ringbuffer". */
    String name();

    /** The incident in one sentence, for trace headers. */
    String incident();

    /** The property the pre-fix variant violates, in one sentence. */
    String property();

    /** "pre-fix" and "fixed", in that order. */
    List<Variant> variants();

    /** A variant of the port: its name on the command line and what it is. */
    record Variant(String name, String label) { }

    /** A Lincheck check bound to one variant. {@code testClass} is replayed in traces. */
    record ModelCheckRun(String id, String description, Function<Budget, LincheckVerdict> run,
                         Expectation expectation, Class<?> testClass) { }

    /** A JCStress harness bound to one variant, with the outcome that marks the bug. */
    record StressHarness(String testClass, String bugOutcome, String bugOutcomeDescription, boolean expectBug) {
        /** "Outer.Inner", e.g. "EmptyVsPeekAfterDiscard.PreFix". */
        public String shortName() {
            int inner = testClass.lastIndexOf('.');
            return testClass.substring(testClass.lastIndexOf('.', inner - 1) + 1);
        }
    }

    List<ModelCheckRun> modelChecks(Variant v);

    List<StressHarness> stressHarnesses(Variant v);

    default Variant variant(String name) {
        return variants().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("suite " + name() + " has no variant '" + name
                        + "'; variants: " + variants().stream().map(Variant::name).toList()));
    }
}
