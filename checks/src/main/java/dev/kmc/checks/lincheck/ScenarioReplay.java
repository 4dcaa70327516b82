package dev.kmc.checks.lincheck;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.kotlinx.lincheck.util.VoidResult;

/**
 * Re-executes a Lincheck scenario on a fresh instance of its test class, one operation at a
 * time on the calling thread, and prints each operation, its result (next to the result
 * Lincheck recorded, when they differ) and the structure's state after it, through the test
 * class's {@code toString()}. The init and post parts are replayed exactly; a parallel part of
 * more than one thread is replayed thread after thread, which is one of its interleavings and
 * not necessarily the failing one, and the text says so.
 */
public final class ScenarioReplay {
    private ScenarioReplay() { }

    /** One replayed operation. */
    public record Step(String part, String call, String result, String recorded, String state) { }

    /** A fresh instance of {@code testClass}, through its public no-arg constructor. */
    public static Object newInstance(Class<?> testClass) {
        try {
            return testClass.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + testClass.getName() + ": " + e, e);
        }
    }

    public static List<Step> steps(Class<?> testClass, ExecutionScenario scenario, ExecutionResult recorded) {
        Object instance = newInstance(testClass);
        List<Step> steps = new ArrayList<>();
        List<LincheckResult> init = recorded == null ? null : recorded.getInitResults();
        run(instance, "init", scenario.getInitExecution(), init, steps);
        List<List<Actor>> threads = scenario.getParallelExecution();
        for (int t = 0; t < threads.size(); t++) {
            List<LincheckResult> rec = null;
            if (recorded != null && t < recorded.getParallelResultsWithClock().size()) {
                rec = recorded.getParallelResultsWithClock().get(t).stream()
                        .map(ResultWithClock::getResult).collect(Collectors.toList());
            }
            run(instance, "thread " + (t + 1), threads.get(t), rec, steps);
        }
        run(instance, "post", scenario.getPostExecution(), recorded == null ? null : recorded.getPostResults(), steps);
        return steps;
    }

    /** The replay as text, for trace files. */
    public static String text(Class<?> testClass, ExecutionScenario scenario, ExecutionResult recorded) {
        StringBuilder sb = new StringBuilder();
        if (scenario.getParallelExecution().size() > 1) {
            sb.append("(The parallel part is replayed thread after thread: one sequential order of it, not\n"
                    + " necessarily the failing interleaving, which is Lincheck's trace above.)\n\n");
        }
        for (Step s : steps(testClass, scenario, recorded)) {
            sb.append("[").append(s.part()).append("] ").append(s.call()).append(": ").append(s.result());
            if (s.recorded() != null && !s.recorded().equals(s.result())) {
                sb.append("   (Lincheck recorded: ").append(s.recorded()).append(")");
            }
            sb.append('\n').append(indent(s.state())).append('\n');
        }
        return sb.toString();
    }

    private static void run(Object instance, String part, List<Actor> actors, List<LincheckResult> recorded, List<Step> out) {
        for (int i = 0; i < actors.size(); i++) {
            String rec = recorded != null && i < recorded.size() ? format(recorded.get(i)) : null;
            out.add(step(instance, part, actors.get(i), rec));
        }
    }

    /** Runs one operation on {@code instance}; {@code recorded} is what Lincheck saw it return, or null. */
    public static Step step(Object instance, String part, Actor a, String recorded) {
        String result;
        try {
            Object r = a.getMethod().invoke(instance, a.getArguments().toArray());
            result = a.getMethod().getReturnType() == void.class ? "void" : String.valueOf(r);
        } catch (InvocationTargetException e) {
            result = "threw " + e.getCause();
        } catch (ReflectiveOperationException e) {
            result = "could not run: " + e;
        }
        return new Step(part, call(a), result, recorded, instance.toString());
    }

    /** An actor as text, {@code "write(1)"}, as {@link Scenarios#text} writes it. */
    public static String call(Actor a) {
        return a.getMethod().getName() + "(" + a.getArguments().stream().map(String::valueOf)
                .collect(Collectors.joining(",")) + ")";
    }

    /** A result as Lincheck's tables print it: the value, or "void". */
    public static String format(LincheckResult r) {
        if (r instanceof ValueResult) return String.valueOf(((ValueResult) r).getValue());
        if (r instanceof VoidResult) return "void";
        return String.valueOf(r);
    }

    private static String indent(String s) {
        return s.lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
    }
}
