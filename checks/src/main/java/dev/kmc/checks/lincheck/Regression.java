package dev.kmc.checks.lincheck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * What the regression tests that {@code kmc export-test} writes run, in one place, so the
 * exporter checks a failure with exactly the code its test will run: a pinned scenario, model
 * checked against the test class's {@link SequentialSpec} (model checking is deterministic in
 * Lincheck 3.7), or a plain sequence of calls.
 */
public final class Regression {
    private Regression() { }

    /**
     * Invocations per pinned scenario: the QUICK budget of the ring buffer's pinned concurrent
     * check, within which the model checker reaches its concurrent failures; a fixed port passes
     * a two-thread scenario in about 10 s on 2 cores.
     */
    public static final int INVOCATIONS = 2000;

    /** Model-checks one scenario, written as {@link Scenarios#text}, on {@code testClass}; not minimized. */
    public static LincheckVerdict modelCheck(Class<?> testClass, String scenario) {
        ModelCheckingOptions o = Scenarios.pinned(new ModelCheckingOptions(), INVOCATIONS, Scenarios.parse(testClass, scenario))
                .minimizeFailedScenario(false)
                .sequentialSpecification(specOf(testClass));
        return LincheckRunner.run("regression " + testClass.getSimpleName(), o, testClass);
    }

    /** The specification {@code testClass} names with {@link SequentialSpec}, or an error saying how to name one. */
    public static Class<?> specOf(Class<?> testClass) {
        SequentialSpec s = testClass.getAnnotation(SequentialSpec.class);
        if (s == null) {
            throw new IllegalArgumentException(testClass.getName() + " names no sequential specification:"
                    + " annotate its outer class with @SequentialSpec(TheSpec.class)");
        }
        return s.value();
    }

    /**
     * The results of a failed check in the scenario's shape, e.g.
     * {@code "init: write(1): true, consume(): e1 | thread: peek(): null | post: -"}; "" if none.
     */
    public static String results(LincheckVerdict v) {
        ExecutionResult r = v.failure() == null ? null : v.failure().getResults();
        if (r == null) return "";
        ExecutionScenario s = v.failure().getScenario();
        List<List<String>> threads = new ArrayList<>();
        for (int t = 0; t < r.getParallelResultsWithClock().size(); t++) {
            threads.add(r.getParallelResultsWithClock().get(t).stream().map(ResultWithClock::getResult)
                    .map(ScenarioReplay::format).collect(Collectors.toList()));
        }
        return results(s, formatted(r.getInitResults()), threads, formatted(r.getPostResults()));
    }

    /** {@link #results(LincheckVerdict)}'s form from results as text, one list per part. */
    public static String results(ExecutionScenario s, List<String> init, List<List<String>> threads, List<String> post) {
        StringBuilder sb = new StringBuilder("init: ").append(part(s.getInitExecution(), init));
        for (int t = 0; t < s.getParallelExecution().size(); t++) {
            sb.append(" | thread: ").append(part(s.getParallelExecution().get(t), t < threads.size() ? threads.get(t) : List.of()));
        }
        return sb.append(" | post: ").append(part(s.getPostExecution(), post)).toString();
    }

    /** Runs {@code calls} one after another on a fresh {@code cls} (a port or a specification): "call: result" each. */
    public static List<String> sequence(Class<?> cls, List<String> calls) {
        Object instance = ScenarioReplay.newInstance(cls);
        List<String> out = new ArrayList<>();
        for (String c : calls) {
            ScenarioReplay.Step s = ScenarioReplay.step(instance, "", Scenarios.call(cls, c), null);
            out.add(s.call() + ": " + s.result());
        }
        return out;
    }

    private static List<String> formatted(List<LincheckResult> rs) {
        return rs == null ? List.of() : rs.stream().map(ScenarioReplay::format).collect(Collectors.toList());
    }

    private static String part(List<Actor> actors, List<String> results) {
        if (actors.isEmpty()) return "-";
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < actors.size(); i++) {
            cells.add(ScenarioReplay.call(actors.get(i)) + ": " + (i < results.size() ? results.get(i) : "-"));
        }
        return String.join(", ", cells);
    }
}
