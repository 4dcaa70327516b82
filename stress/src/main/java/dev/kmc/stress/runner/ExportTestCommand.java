package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.Regression;
import dev.kmc.checks.lincheck.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmc export-test FILE}: turns a failure of a pre-fix port, saved by {@code kmc run}, into
 * a JUnit regression test in the checks module: one test asserting the pre-fix port still fails
 * it as recorded, one asserting the fixed port passes it. The failure is pinned as a Lincheck
 * custom scenario, model checked, if that reproduces the recorded failure kind and results;
 * otherwise as a direct sequence of calls in the recorded order, if that reproduces the results
 * and the specification disagrees with them. The exporter runs exactly what the test will run
 * ({@link Regression}) before it writes anything, and never overwrites a file.
 */
@Command(name = "export-test", header = "write a JUnit regression test pinning a saved failure",
        description = "Write a JUnit regression test pinning a saved failure of a pre-fix port (a <variant>-model.txt trace): the pre-fix port must still fail it as recorded, the fixed port must pass it. Written to checks/src/test/java/dev/kmc/checks/regression/ (run from the project root) or --out DIR; an existing file is never overwritten. Exit 0: written; 1: the fixed port fails it too; 2: bad usage.",
        footer = {"", "Example:", "  kmc export-test kmc-results/run-20260101-120000/rcu/pre-fix-model.txt --check pinned-mc"})
final class ExportTestCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "a failure trace written by kmc run")
    Path file;

    @Option(names = "--check", paramLabel = "ID", description = "the failure to pin (default: the file's first)")
    String check;

    @Option(names = "--counterexample", paramLabel = "N", description = "explore traces: the counterexample to pin (default: the first)")
    Integer counterexample;

    @Option(names = "--name", paramLabel = "NameTest", description = "the test class name (default: <Suite><Check>RegressionTest)")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "write the test here instead of the checks module")
    Path dir;

    ExportTestCommand(PrintStream out) {
        this.out = out;
    }

    static final String PACKAGE = "dev.kmc.checks.regression";

    static int run(List<String> args, PrintStream out) throws IOException {
        return Cli.parse(new ExportTestCommand(out), args).call();
    }

    @Override
    public Integer call() throws IOException {
        Path dir = this.dir;
        String name = this.name;
        if (name != null && !name.matches("[A-Z][A-Za-z0-9_]*Test")) {
            throw new UsageException("--name takes a Java class name ending in Test (surefire runs *Test classes), got '" + name + "'");
        }
        if (dir == null) {
            Path root = Path.of("checks", "src", "test", "java");
            if (!Files.isDirectory(root)) {
                throw new UsageException("no checks/src/test/java under " + Path.of("").toAbsolutePath()
                        + ": run export-test from the kmc project root, or give --out DIR");
            }
            dir = root.resolve(PACKAGE.replace('.', '/'));
        }
        if (ExploreReplay.isExploreTrace(file)) {
            if (check != null) {
                throw new UsageException("--check picks a failure of a model-engine trace; " + file
                        + " is an explore trace: pick a counterexample with --counterexample N");
            }
            return ExploreExport.export(file, counterexample, name, dir, out);
        }
        if (counterexample != null) {
            throw new UsageException("--counterexample picks a counterexample of an explore trace (<variant>-explore.txt); " + file
                    + " is not one: pick a failure with --check ID");
        }
        FailureTrace trace = FailureTrace.read(file);
        FailureTrace.Failure f = trace.select(check).get(0);
        Class<?> preFix = f.testClass();
        Class<?> outer = preFix.getEnclosingClass();
        if (outer == null || !preFix.getSimpleName().startsWith("PreFix")) {
            throw new UsageException("check " + f.id() + " failed on " + f.className() + ", not on a nested PreFix class:"
                    + " export-test needs the pre-fix and fixed ports as nested classes PreFix and Fixed of one class,"
                    + " and takes failures of the pre-fix port");
        }
        Class<?> fixed;
        Class<?> spec;
        try {
            // PreFix pairs with Fixed, PreFixKernelLoop with FixedKernelLoop: the variants differ only in the prefix
            fixed = Class.forName(outer.getName() + "$Fixed" + preFix.getSimpleName().substring("PreFix".length()));
            spec = Regression.specOf(preFix);
        } catch (ClassNotFoundException | IllegalArgumentException e) {
            throw new UsageException("cannot pin check " + f.id() + ": " + (e instanceof ClassNotFoundException
                    ? outer.getName() + " has no nested class Fixed" + preFix.getSimpleName().substring("PreFix".length())
                    : e.getMessage()));
        }
        if (name == null) name = outer.getSimpleName().replace("Lincheck", "") + camel(f.id()) + "RegressionTest";
        Path target = dir.resolve(name + ".java");
        if (Files.exists(target)) {
            throw new UsageException(target + " already exists; kmc never overwrites a file: choose another --name");
        }
        out.println("kmc export-test: check " + f.id() + " of " + file + (check != null || trace.failures().size() == 1 ? ""
                : " (the first of its " + trace.failures().size() + " failures; --check picks one of: " + trace.ids() + ")"));

        String scenario = Scenarios.text(f.scenario());
        String recorded = f.recordedResults();
        out.println("model checking the scenario on " + preFix.getSimpleName() + " and " + fixed.getSimpleName() + ", as the test will ...");
        LincheckVerdict pre = Regression.modelCheck(preFix, scenario);
        boolean pinned = pre.kind().equals(f.kind()) && (recorded == null || recorded.equals(Regression.results(pre)));
        out.println("  PreFix: " + pre.kind() + (pinned ? ", as recorded" : ", NOT as recorded") + " (" + pre.millis() + " ms)");
        String source;
        if (pinned) {
            LincheckVerdict post = Regression.modelCheck(fixed, scenario);
            out.println("  Fixed:  " + post.kind() + " (" + post.millis() + " ms)");
            if (!post.passed() && !post.kind().equals(f.kind())) {
                out.println("kmc: not exported: the fixed port fails this scenario differently (" + post.kind()
                        + "), so no test can pin both:\n" + ModelWorker.withoutDetailedTrace(post.report()).strip());
                return 1;
            }
            if (!post.passed()) {
                out.println("  the fixed port fails this scenario too (" + post.kind() + "): exported as a finding on both"
                        + " variants, each must keep failing the same way");
            }
            source = lincheckTest(name, trace, f, outer, scenario, recorded, !post.passed());
        } else {
            FailureTrace.Order order = f.order();
            List<String> calls = order.ops().stream().map(FailureTrace.Op::call).toList();
            List<String> results = order.ops().stream().map(o -> o.call() + ": " + o.recorded()).toList();
            String why = order.stop() != null ? "the recording gives no complete order of the operations"
                    : order.ops().stream().anyMatch(o -> o.recorded() == null) ? "the report does not show every result"
                    : !Regression.sequence(preFix, calls).equals(results) ? "the pre-fix port, called in the recorded order, does not return the recorded results"
                    : Regression.sequence(spec, calls).equals(results) ? "the specification returns the recorded results in that order"
                    : !Regression.sequence(fixed, calls).equals(Regression.sequence(spec, calls)) ? "the fixed port, called in that order, disagrees with the specification"
                    : null;
            if (why != null) {
                out.println("kmc: not exported: model checking the scenario does not reproduce the recorded failure ("
                        + (pre.passed() ? "it passes" : "it finds " + pre.kind() + " with " + Regression.results(pre))
                        + "), and a direct sequence cannot pin it either: " + why + ".");
                return 1;
            }
            out.println("  a direct sequence of the calls in the recorded order reproduces it; the fixed port answers as the specification");
            source = sequenceTest(name, trace, f, outer, spec, order.how(), calls, results);
        }
        Files.createDirectories(dir);
        try {
            Files.writeString(target, source, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new UsageException(target + " already exists; kmc never overwrites a file: choose another --name");
        }
        out.println("wrote " + target + " (" + (pinned ? "a Lincheck custom scenario" : "a direct sequence") + ")");
        out.println("run it: mvn -B test -pl checks -am -Dtest=" + name + " -Dsurefire.failIfNoSpecifiedTests=false");
        return 0;
    }

    static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String w : id.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return sb.toString();
    }

    private static String header(String name, FailureTrace trace, FailureTrace.Failure f, String how, List<String> imports) {
        return "package " + PACKAGE + ";\n\n"
                + imports.stream().filter(i -> i.startsWith("static ")).map(i -> "import " + i + ";\n").collect(Collectors.joining())
                + "\n"
                + imports.stream().filter(i -> !i.startsWith("static ")).sorted().map(i -> "import " + i + ";\n").collect(Collectors.joining())
                + "\n/**\n"
                + javadoc("Regression test written by {@code kmc export-test} from the failure of check " + f.id() + " ("
                        + f.description() + ") in suite " + trace.suite() + ", variant " + trace.variant() + ": Lincheck reported "
                        + f.kind() + ". Trace: " + trace.file().toAbsolutePath().normalize())
                + " *\n"
                + javadoc("<p>" + how)
                + " */\n"
                + "@Timeout(value = 5, unit = TimeUnit.MINUTES)\n"
                + "class " + name + " {\n\n";
    }

    private static String lincheckTest(String name, FailureTrace trace, FailureTrace.Failure f, Class<?> outer,
                                       String scenario, String recorded, boolean fixedFailsToo) {
        String o = outer.getSimpleName();
        String fixedCls = o + ".Fixed" + f.testClass().getSimpleName().substring("PreFix".length());
        String fixedTest = fixedFailsToo
                ? "    @Test\n"
                + "    void fixedAlsoFailsTheSameWay() {\n"
                + "        LincheckVerdict v = Regression.modelCheck(" + fixedCls + ".class, SCENARIO);\n"
                + "        assertEquals(\"" + f.kind() + "\", v.kind(), \"the fixed port no longer fails this scenario:\\n\" + v.report());\n"
                + "    }\n"
                : "    @Test\n"
                + "    void fixedPasses() {\n"
                + "        LincheckVerdict v = Regression.modelCheck(" + fixedCls + ".class, SCENARIO);\n"
                + "        assertTrue(v.passed(), \"the fixed port fails the scenario:\\n\" + v.report());\n"
                + "    }\n";
        return header(name, trace, f, "The scenario is pinned as a Lincheck custom scenario and model checked (deterministic)"
                        + " against the suite's sequential specification: the pre-fix port must still fail it with the"
                        + " recorded results, " + (fixedFailsToo
                                ? "and the fixed port must fail it the same way too (a finding on both variants, as the suite's"
                                        + " expectations state)."
                                : "the fixed port must pass it."),
                List.of("static org.junit.jupiter.api.Assertions.assertEquals", "static org.junit.jupiter.api.Assertions.assertTrue",
                        "dev.kmc.checks.lincheck.LincheckVerdict", "dev.kmc.checks.lincheck.Regression", outer.getName(),
                        "java.util.concurrent.TimeUnit", "org.junit.jupiter.api.Test", "org.junit.jupiter.api.Timeout"))
                + "    static final String SCENARIO = " + literal(scenario) + ";\n\n"
                + (recorded == null ? "" : "    /** What the pre-fix port returned when Lincheck found the failure. */\n"
                        + "    static final String RECORDED = " + literal(recorded) + ";\n\n")
                + "    @Test\n"
                + "    void preFixStillFailsAsRecorded() {\n"
                + "        LincheckVerdict v = Regression.modelCheck(" + o + "." + f.testClass().getSimpleName() + ".class, SCENARIO);\n"
                + "        assertEquals(\"" + f.kind() + "\", v.kind(), \"the pre-fix port no longer fails as recorded:\\n\" + v.report());\n"
                + (recorded == null ? "" : "        assertEquals(RECORDED, Regression.results(v), v.report());\n")
                + "    }\n\n"
                + fixedTest
                + "}\n";
    }

    private static String sequenceTest(String name, FailureTrace trace, FailureTrace.Failure f, Class<?> outer, Class<?> spec,
                                       String how, List<String> calls, List<String> results) {
        String o = outer.getSimpleName();
        return header(name, trace, f, "Model checking the scenario, " + f.scenarioText() + ", finds another failure first,"
                        + " so the failure is pinned as its calls, run one after another in the recorded order (" + how + "):"
                        + " the pre-fix port must return the recorded results, which the sequential specification does not,"
                        + " and the fixed port must answer as the specification.",
                List.of("static org.junit.jupiter.api.Assertions.assertEquals", "static org.junit.jupiter.api.Assertions.assertNotEquals",
                        "dev.kmc.checks.lincheck.Regression", outer.getName(), spec.getName(), "java.util.List",
                        "java.util.concurrent.TimeUnit", "org.junit.jupiter.api.Test", "org.junit.jupiter.api.Timeout"))
                + "    static final List<String> CALLS = " + list(calls) + ";\n\n"
                + "    /** What the pre-fix port returned, call by call, when Lincheck found the failure. */\n"
                + "    static final List<String> RECORDED = " + list(results) + ";\n\n"
                + "    @Test\n"
                + "    void preFixStillReturnsTheRecordedResultsWhichTheSpecificationDoesNot() {\n"
                + "        assertEquals(RECORDED, Regression.sequence(" + o + "." + f.testClass().getSimpleName() + ".class, CALLS));\n"
                + "        assertNotEquals(RECORDED, Regression.sequence(" + spec.getSimpleName() + ".class, CALLS));\n"
                + "    }\n\n"
                + "    @Test\n"
                + "    void fixedAnswersAsTheSpecification() {\n"
                + "        assertEquals(Regression.sequence(" + spec.getSimpleName() + ".class, CALLS), Regression.sequence("
                + o + ".Fixed" + f.testClass().getSimpleName().substring("PreFix".length()) + ".class, CALLS));\n"
                + "    }\n"
                + "}\n";
    }

    /** A javadoc paragraph, wrapped at spaces to 100 columns. */
    static String javadoc(String text) {
        StringBuilder sb = new StringBuilder(), line = new StringBuilder(" *");
        for (String w : text.split(" ")) {
            if (line.length() > 2 && line.length() + 1 + w.length() > 100) {
                sb.append(line).append('\n');
                line = new StringBuilder(" *");
            }
            line.append(' ').append(w);
        }
        return sb.append(line).append('\n').toString();
    }

    /** A Java string literal, split before each " | " so each part of a scenario starts a line, and at spaces past 90 characters. */
    static String literal(String s) {
        List<String> pieces = new ArrayList<>();
        for (String part : s.split("(?= \\| )")) {
            String rest = part;
            for (int cut = rest.lastIndexOf(' ', 90); rest.length() > 90 && cut > 0; cut = rest.lastIndexOf(' ', 90)) {
                pieces.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            pieces.add(rest);
        }
        return pieces.stream().map(p -> "\"" + escape(p) + "\"").collect(Collectors.joining("\n            + "));
    }

    private static String list(List<String> items) {
        return "List.of(\n            " + items.stream().map(i -> "\"" + escape(i) + "\"")
                .collect(Collectors.joining(",\n            ")) + ")";
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
