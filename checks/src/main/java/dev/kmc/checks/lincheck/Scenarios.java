package dev.kmc.checks.lincheck;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.Options;

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

    /**
     * Configures {@code options} to run exactly these scenarios and no random ones
     * (iterations 0), each for up to {@code invocations} invocations: interleavings in model
     * checking, runs on real threads in stress mode.
     */
    public static <O extends Options<O, ?>> O pinned(O options, int invocations, ExecutionScenario... scenarios) {
        options.iterations(0).invocationsPerIteration(invocations);
        for (ExecutionScenario s : scenarios) options.addCustomScenario(s);
        return options;
    }

    public ExecutionScenario build() {
        if (threads.isEmpty()) {
            throw new IllegalStateException("a Lincheck scenario needs at least one thread in its parallel part");
        }
        return new ExecutionScenario(init, threads, post, null);
    }

    /**
     * A scenario as one line of text: {@code init: write(1) consume() | thread: peek() | post: -},
     * with a {@code thread:} part per thread; {@link #parse} reads it back.
     */
    public static String text(ExecutionScenario s) {
        StringBuilder sb = new StringBuilder("init: ").append(text(s.getInitExecution()));
        for (List<Actor> t : s.getParallelExecution()) sb.append(" | thread: ").append(text(t));
        return sb.append(" | post: ").append(text(s.getPostExecution())).toString();
    }

    /** Reads {@link #text} back, resolving the calls on {@code testClass}. */
    public static ExecutionScenario parse(Class<?> testClass, String text) {
        Scenarios b = of(testClass);
        for (String part : text.split("\\|")) {
            String p = part.trim();
            int colon = p.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("bad scenario part '" + p + "': expected init:, thread: or post:");
            String kind = p.substring(0, colon).trim();
            String body = p.substring(colon + 1).trim();
            String[] calls = body.equals("-") || body.isEmpty() ? new String[0] : body.split("\\s+");
            switch (kind) {
                case "init": b.init(calls); break;
                case "thread": b.thread(calls); break;
                case "post": b.post(calls); break;
                default: throw new IllegalArgumentException("bad scenario part '" + kind + ":': expected init:, thread: or post:");
            }
        }
        return b.build();
    }

    private static String text(List<Actor> actors) {
        if (actors.isEmpty()) return "-";
        return actors.stream().map(a -> a.getMethod().getName() + "(" + a.getArguments().stream()
                .map(String::valueOf).collect(Collectors.joining(",")) + ")").collect(Collectors.joining(" "));
    }

    private Actor actor(String call) {
        return call(testClass, call);
    }

    /** One call as text, {@code "write(4)"}, resolved on {@code testClass} by name and int arity. */
    public static Actor call(Class<?> testClass, String call) {
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
