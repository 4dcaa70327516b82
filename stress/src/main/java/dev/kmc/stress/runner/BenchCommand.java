package dev.kmc.stress.runner;

import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.Universe;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.LincheckRunner;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.checks.lincheck.SequentialSpec;
import dev.kmc.checks.consolekit.ConsoleKitChecks;
import dev.kmc.checks.explore.LincheckTwin;
import dev.kmc.model.mem.Memory;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import dev.kmc.stress.JCStressRun;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code kmc bench}: for every registered suite, the time each engine needs to detect the
 * pre-fix bug (Lincheck checks without scenario minimization, JCStress in the short
 * configuration), and the explorer's time to first violation, states per second and peak heap
 * in a 512 MiB JVM; after one warm-up round, the median and the spread (min–max) over the
 * repetitions. A markdown table goes to stdout and to a new file.
 */
final class BenchCommand {
    private BenchCommand() { }

    static final String USAGE = "kmc bench [--repeat N] [--suite S ...] [--out FILE]";

    /** One measured row. */
    private record Row(String suite, String bug, String engine, String metric, long[] samples, String unit, String note) {
        String cells() {
            if (samples.length == 0) {
                return String.format(Locale.ROOT, "| %s | %s | %s | %s | - | - | 0 | %s |", suite, bug, engine, metric, note);
            }
            long[] s = samples.clone();
            Arrays.sort(s);
            long median = s[s.length / 2];
            return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s–%s | %d | %s |", suite, bug, engine, metric,
                    fmt(median), fmt(s[0]), fmt(s[s.length - 1]), s.length, note);
        }

        private String fmt(long v) {
            if (unit.equals("ms")) return v < 10 ? "<0.01 s" : String.format(Locale.ROOT, "%.2f s", v / 1000.0);
            return String.format(Locale.ROOT, "%,d %s", v, unit);
        }
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        int repeat = 5;
        List<Suite> suites = new ArrayList<>();
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!List.of("--repeat", "--suite", "--out").contains(a)) {
                throw new UsageException("unknown option '" + a + "' for bench; accepted: --repeat N, --suite S, --out FILE");
            }
            if (i + 1 >= args.size()) throw new UsageException(a + " needs a value; usage: " + USAGE);
            String v = args.get(++i);
            switch (a) {
                case "--repeat":
                    try {
                        repeat = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        repeat = -1;
                    }
                    if (repeat < 1 || repeat > 100) throw new UsageException("--repeat takes a whole number from 1 to 100, got '" + v + "'");
                    break;
                case "--suite": suites.add(Suites.byName(v)); break;
                default: file = Path.of(v);
            }
        }
        if (suites.isEmpty()) suites = Suites.ALL;
        if (file == null) file = Path.of("kmc-results", "bench-" + System.currentTimeMillis() + ".md");
        if (Files.exists(file)) throw new UsageException("output file '" + file + "' already exists; kmc never overwrites results: name a new file");

        LincheckRunner.neverMinimize();
        List<Row> rows = new ArrayList<>();
        String header = "| suite | bug | engine | measure | median | spread (min–max) | runs | note |\n|---|---|---|---|---|---|---|---|";
        out.println(header);
        for (Suite s : suites) {
            Suite.Variant pre = s.variants().get(0);
            for (Suite.ModelCheckRun c : s.modelChecks(pre)) {
                if (!c.expectation().expectsBug()) continue;
                Row r = measure(s.name(), c.id(), "Lincheck " + (c.id().contains("stress") ? "stress" : "model checking"),
                        "time to detection", repeat, "ms", "", () -> {
                            LincheckVerdict v = c.run().apply(Budget.QUICK);
                            if (v.passed()) throw new IllegalStateException(c.id() + " did not find the bug");
                            return v.millis();
                        });
                rows.add(r);
                out.println(r.cells());
            }
            for (Suite.StressHarness h : s.stressHarnesses(pre)) {
                if (!h.expectBug()) continue;
                Path base = Files.createTempDirectory("kmc-bench-jcstress");
                List<String> jargs = StressEngine.jcstressArgs(List.of(h), Budget.QUICK);
                Row r = measure(s.name(), h.shortName(),
                        "JCStress (short)", "runs until observed", repeat, "ms", "includes the ~5 s harness start-up of each run;"
                                + " a run that misses the race is followed by another, as kmc run does, and counted", () -> {
                            long t0 = System.nanoTime();
                            for (int run = 0; run <= StressEngine.RETRIES; run++) {
                                JCStressRun.Result res = JCStressRun.run(base, Duration.ofMinutes(5), jargs.toArray(new String[0]));
                                if (StressEngine.hits(h, res.verdicts().get(0)) > 0) return (System.nanoTime() - t0) / 1_000_000;
                            }
                            throw new IllegalStateException(h.testClass() + " did not observe the bug in " + (1 + StressEngine.RETRIES) + " runs");
                        });
                rows.add(r);
                out.println(r.cells());
            }
        }
        for (ExploreSuites.Suite xs : ExploreSuites.ALL) {
            if (suites.stream().noneMatch(st -> st.name().equals(xs.name()))) continue;
            Suite suite = Suites.byName(xs.name());
            for (ExploreSuites.Exploration x : xs.explorations()) {
                for (ExploreSuites.Variant v : xs.variants()) {
                    List<long[]> runs = explore(xs.name(), x.name(), v.name(), null, repeat);
                    long[] first = runs.get(0);
                    String note = String.format(Locale.ROOT, "%,d states, %,d transitions, %s; %.0f bytes per stored state",
                            first[1], first[2], first[5] == 1 ? "complete" : "NOT complete", first[4] / 100.0);
                    for (Row r : List.of(
                            new Row(xs.name(), x.name() + " [" + v.name() + "]", "kmc explorer", "exhaustive exploration",
                                    runs.stream().mapToLong(a -> a[0]).toArray(), "ms", note),
                            new Row(xs.name(), x.name() + " [" + v.name() + "]", "kmc explorer", "peak heap (-Xmx" + EXPLORER_HEAP_MIB + "m)",
                                    runs.stream().mapToLong(a -> a[3] >> 20).toArray(), "MiB", "sum of the heap pools' peaks"))) {
                        rows.add(r);
                        out.println(r.cells());
                    }
                    // Lincheck on the same pinned scenario (LincheckTwin), with the same variant's test class
                    Row twin = lincheckTwin(suite, xs.name(), x, v.name(), repeat);
                    if (twin != null) {
                        rows.add(twin);
                        out.println(twin.cells());
                    }
                }
            }
            if (xs.name().equals("ringbuffer")) {
                ExploreSuites.Exploration open = xs.exploration("open-irq");
                for (int bound = 1; bound <= 4; bound++) {
                    List<long[]> runs = explore(xs.name(), "open-irq", "fixed", bound, 1);
                    long[] a = runs.get(0);
                    Row r = new Row(xs.name(), "open-irq, bound " + bound + " operations [fixed]", "kmc explorer",
                            "growth with the bound", new long[] {a[0]}, "ms", String.format(Locale.ROOT,
                            "%,d states, %,d transitions, %s, %,d states/s, %.0f bytes per stored state, peak heap %d MiB",
                            a[1], a[2], a[5] == 1 ? "complete" : "NOT complete (state or time bound)", a[1] * 1000 / Math.max(1, a[0]),
                            a[4] / 100.0, a[3] >> 20));
                    rows.add(r);
                    out.println(r.cells());
                    if (a[5] != 1) break;
                }
                if (open == null) throw new IllegalStateException("no open-irq universe");
            }
        }
        String machine = machine();
        StringBuilder md = new StringBuilder("# kmc bench\n\n" + machine + "\n\n" + header + "\n");
        rows.forEach(r -> md.append(r.cells()).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
        out.println("\n" + machine + "\ntable written to " + file);
        return 0;
    }

    /** Lincheck's invocation budget on an explorer's pinned scenario: far above the small trees, so exhaustion shows. */
    static final int TWIN_INVOCATIONS = 2_000;

    /**
     * Lincheck model checking on the pinned universe of {@code x} ({@link LincheckTwin}): the test class
     * of the variant's first model check, its {@code @SequentialSpec}, the suite's options, a budget of
     * {@link #TWIN_INVOCATIONS}, no minimization. Whether Lincheck exhausted its interleaving tree is
     * read from how many test instances (one memory each) it built: fewer than the budget means it stopped
     * because nothing was left. Null when the universe has no twin; a row saying why when the suite's
     * Lincheck class lacks one of its operations.
     */
    private static Row lincheckTwin(Suite suite, String suiteName, ExploreSuites.Exploration x, String variant, int repeat)
            throws Exception {
        String text = LincheckTwin.scenarioText(suiteName, x.universe());
        if (text == null) return null;
        String bug = x.name() + " [" + variant + "]";
        Suite.Variant sv = suite.variants().stream().filter(s -> s.name().equals(variant)).findFirst().orElse(null);
        if (sv == null || suite.modelChecks(sv).isEmpty()) return null;
        Class<?> testClass = suite.modelChecks(sv).get(0).testClass();
        ExecutionScenario scenario;
        try {
            scenario = Scenarios.parse(testClass, text);
        } catch (IllegalArgumentException e) {
            return new Row(suiteName, bug, "Lincheck model checking", "same scenario", new long[0], "ms",
                    "not run: " + e.getMessage());
        }
        SequentialSpec spec = testClass.getAnnotation(SequentialSpec.class);
        long[] made = new long[1];
        String[] outcome = new String[1];
        Row r = measure(suiteName, bug, "Lincheck model checking", "same scenario", repeat, "ms", "", () -> {
            ModelCheckingOptions o = suiteName.equals("consolekit") ? ConsoleKitChecks.modelChecking() : new ModelCheckingOptions();
            Scenarios.pinned(o, TWIN_INVOCATIONS, scenario).minimizeFailedScenario(false);
            if (spec != null) o.sequentialSpecification(spec.value());
            long before = Memory.built();
            LincheckVerdict lv = LincheckRunner.run(suiteName + "/" + bug, o, testClass);
            made[0] = Memory.built() - before;
            outcome[0] = lv.passed() ? "passed" : "failed (" + lv.kind() + ")";
            return lv.millis();
        });
        String exhausted = made[0] < TWIN_INVOCATIONS
                ? String.format(Locale.ROOT, "tree exhausted: %,d interleavings", made[0])
                : String.format(Locale.ROOT, "tree not exhausted in %,d invocations", TWIN_INVOCATIONS);
        if (outcome[0].startsWith("failed")) {
            exhausted = String.format(Locale.ROOT, "stopped at the first failure, invocation %,d", made[0]);
        }
        return new Row(r.suite(), r.bug(), r.engine(), r.metric(), r.samples(), r.unit(), outcome[0] + "; " + exhausted
                + "; scenario " + text);
    }

    private interface Measured {
        long millis() throws Exception;
    }

    private static Row measure(String suite, String bug, String engine, String metric, int repeat, String unit, String note, Measured m)
            throws Exception {
        m.millis();   // warm-up
        long[] samples = new long[repeat];
        for (int i = 0; i < repeat; i++) samples[i] = m.millis();
        return new Row(suite, bug, engine, metric, samples, unit, note);
    }

    static final int EXPLORER_HEAP_MIB = 2048;

    /** Runs an exploration in its own JVM (-Xmx2g): a warm-up, then {@code repeat} measured runs. */
    private static List<long[]> explore(String suite, String exploration, String variant, Integer openBound, int repeat)
            throws IOException {
        List<long[]> runs = new ArrayList<>();
        Path log = Files.createTempFile("kmc-bench-explore", ".log");
        List<String> args = new ArrayList<>(List.of(BenchExplore.class.getName(), suite, exploration, variant,
                openBound == null ? "-" : openBound.toString(), Integer.toString(repeat)));
        int rc = ChildJvm.run(List.of("-Xmx" + EXPLORER_HEAP_MIB + "m"), args, Path.of("."), Duration.ofMinutes(30), log, line -> {
            if (line.startsWith("EXPLORE\t")) {
                runs.add(Arrays.stream(line.substring(8).split("\t")).mapToLong(Long::parseLong).toArray());
            }
        });
        if (rc != 0 || runs.size() != repeat) {
            throw new IllegalStateException("the explorer run of " + suite + "/" + exploration + " [" + variant + "] failed in a "
                    + EXPLORER_HEAP_MIB + " MiB JVM (exit " + rc + "); see " + log);
        }
        return runs;
    }

    /**
     * One exploration in its own JVM: a warm-up, then N runs, each printed as
     * {@code EXPLORE millis states transitions peakHeapBytes bytesPerState*100 complete(0|1)}.
     * Arguments: SUITE EXPLORATION VARIANT OPEN-BOUND|- REPEAT.
     */
    public static final class BenchExplore {
        private BenchExplore() { }

        public static void main(String[] args) {
            ExploreSuites.Exploration x = ExploreSuites.suite(args[0]).exploration(args[1]);
            String variant = args[2];
            Universe u = args[3].equals("-") ? x.universe() : new Universe(x.universe().name() + "-" + args[3], List.of(), null,
                    Integer.parseInt(args[3]), x.universe().irqCpu(), x.universe().irqOps(), x.universe().irqDepth(),
                    x.universe().maxInterrupts(), x.universe().atomicOps());
            int repeat = Integer.parseInt(args[4]);
            InterleavingExplorer.Limits limits = InterleavingExplorer.Limits.of(50_000_000, 300_000);
            if (repeat > 1) InterleavingExplorer.explore("warm-up", m -> x.machine().apply(variant, m), u, limits);
            for (int i = 0; i < repeat; i++) {
                System.gc();
                InterleavingExplorer.Result r = InterleavingExplorer.explore("bench", m -> x.machine().apply(variant, m), u, limits);
                System.out.println("EXPLORE\t" + r.millis() + "\t" + r.states() + "\t" + r.transitions() + "\t" + r.peakHeapBytes()
                        + "\t" + Math.round(r.bytesPerState() * 100) + "\t" + (r.complete() ? 1 : 0));
                System.out.flush();
            }
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // keep "unknown CPU"
        }
        return String.format("Machine: %d cores (%s), %d MiB max heap, Java %s, %s.", Runtime.getRuntime().availableProcessors(), cpu,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-Xmx"))
                        ? "run with " + ManagementFactory.getRuntimeMXBean().getInputArguments() : "default JVM options");
    }
}
