package dev.kmc.checks.lincheck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;

/**
 * Pinned Lincheck scenarios written as text, one call per entry: {@code "write(4)"},
 * {@code "consume()"}. Methods are looked up on the test class by name and int arity, so a
 * scenario reads like the kernel-spec tables it comes from.
 */
public final class Scenarios {
    private final Class<?> testClass;
    private final List<Actor> init = new ArrayList<>();
    private final List<List<Actor>> threads = new ArrayList<>();
    private final List<Actor> post = new ArrayList<>();

    private Scenarios(Class<?> testClass) {
        this.testClass = testClass;
    }

    public static Scenarios of(Class<?> testClass) {
        return new Scenarios(testClass);
    }

    public Scenarios init(String... calls) {
        for (String c : calls) init.add(actor(c));
        return this;
    }

    public Scenarios thread(String... calls) {
        List<Actor> t = new ArrayList<>();
        for (String c : calls) t.add(actor(c));
        threads.add(t);
        return this;
    }

    public Scenarios post(String... calls) {
        for (String c : calls) post.add(actor(c));
        return this;
    }

    public ExecutionScenario build() {
        if (threads.isEmpty()) {
            throw new IllegalStateException("a Lincheck scenario needs at least one thread in its parallel part");
        }
        return new ExecutionScenario(init, threads, post, null);
    }

    /** The scenario in the same text form, e.g. {@code init: write(1) consume() | t1: peek() | post: -}. */
    public String describe() {
        return "init: " + text(init) + " | "
                + threads.stream().map(Scenarios::text).map(s -> "thread: " + s).collect(Collectors.joining(" | "))
                + " | post: " + text(post);
    }

    private static String text(List<Actor> actors) {
        if (actors.isEmpty()) return "-";
        return actors.stream().map(a -> a.getMethod().getName() + "(" + a.getArguments().stream()
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(" "));
    }

    private Actor actor(String call) {
        String c = call.trim();
        int open = c.indexOf('(');
        if (open < 0 || !c.endsWith(")")) {
            throw new IllegalArgumentException("bad call '" + call + "': expected name(args), e.g. write(4) or peek()");
        }
        String name = c.substring(0, open);
        String inside = c.substring(open + 1, c.length() - 1).trim();
        List<Object> args = new ArrayList<>();
        if (!inside.isEmpty()) {
            for (String a : inside.split(",")) {
                try {
                    args.add(Integer.parseInt(a.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad argument '" + a.trim() + "' in '" + call + "': only int arguments are accepted");
                }
            }
        }
        for (Method m : testClass.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.size()) {
                return new Actor(m, args);
            }
        }
        throw new IllegalArgumentException("no operation " + name + " with " + args.size() + " argument(s) on "
                + testClass.getSimpleName() + "; operations: " + Arrays.stream(testClass.getMethods())
                .filter(m -> m.isAnnotationPresent(org.jetbrains.lincheck.datastructures.Operation.class))
                .map(Method::getName).distinct().sorted().collect(Collectors.joining(", ")));
    }
}
