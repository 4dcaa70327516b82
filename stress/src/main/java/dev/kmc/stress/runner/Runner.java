package dev.kmc.stress.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code kmc run}: the canary first, then every selected suite variant on every selected
 * engine, each check group in a child JVM with a hard time limit; a progress line per check,
 * then the summary table, the failure traces and summary.md under the output folder.
 */
public final class Runner {
    private final RunOptions options;
    private final PrintStream out;
    private final long t0 = System.nanoTime();
    private final List<CheckResult> results = new ArrayList<>();
    private final String canaryClass;

    public Runner(RunOptions options, PrintStream out) {
        this(options, out, dev.kmc.checks.canary.RacyCounterLincheck.class.getName());
    }

    /** With another canary (tests): a class with a static {@code check()} and a static {@code EXPECTED}. */
    Runner(RunOptions options, PrintStream out, String canaryClass) {
        this.options = options;
        this.out = out;
        this.canaryClass = canaryClass;
    }

    /** The results so far, in the order the summary lists them. */
    List<CheckResult> results() {
        return List.copyOf(results);
    }

    /** Exit codes: 0 every expectation held; 1 one did not (or the canary was not found); 2 nothing ran. */
    public int run() throws IOException {
        Path dir = prepareOutput(options.out());
        Path log = dir.resolve("kmc-children.log");
        out.printf("kmc run: suites %s; engines %s; budget %s%nresults: %s%n%n",
                String.join(", ", options.suites().stream().map(Suite::name).toList()),
                String.join(", ", options.engines()), options.budget().name().toLowerCase(Locale.ROOT), dir);

        List<Runnable> work = new ArrayList<>();
        for (Suite s : options.suites()) {
            for (Suite.Variant v : selected(s)) {
                if (options.engines().contains("model") && !s.modelChecks(v).isEmpty()) {
                    work.add(() -> model(s, v, dir, log));
                }
            }
            if (options.engines().contains("stress") && selected(s).stream().anyMatch(v -> !s.stressHarnesses(v).isEmpty())) {
                work.add(() -> StressEngine.run(s, selected(s), options.budget(), dir, log, this::record, out));
            }
        }
        if (work.isEmpty()) {
            out.println("kmc: the selection runs nothing: no suite among " + options.suites().stream().map(Suite::name).toList()
                    + " has checks for variant(s) " + options.variants() + " on engine(s) " + options.engines());
            return 2;
        }
        if (!canary(dir, log)) {
            Summary.write(dir, results, out);
            out.println("\nkmc: the canary (a deliberately racy counter) was NOT found: Lincheck's instrumentation is broken,"
                    + " so no verdict of this run can be trusted. Stopped.");
            return 1;
        }
        work.forEach(Runnable::run);
        boolean allMet = Summary.write(dir, results, out);
        out.printf("%nwall time %.1f s; %s%n", seconds(), allMet ? "every expectation held" : "SOME EXPECTATIONS DID NOT HOLD");
        return allMet ? 0 : 1;
    }

    private boolean canary(Path dir, Path log) {
        List<String> args = List.of(ModelWorker.class.getName(), "canary", canaryClass, dir.toString());
        int rc = ChildJvm.run(args, dir, Duration.ofMinutes(3), log, this::onLine);
        boolean found = results.stream().anyMatch(r -> r.suite().equals("canary") && r.met());
        if (!found && rc != 0) {
            record(new CheckResult("canary", "racy-counter", "model", "canary-mc", "bug found", "no verdict", 0, false,
                    null, "the canary's JVM exited with " + (rc == ChildJvm.TIMED_OUT ? "a timeout" : "code " + rc)));
        }
        return found;
    }

    private void model(Suite s, Suite.Variant v, Path dir, Path log) {
        out.printf("[%7.1fs] %s %s: model checks (Lincheck), %d checks ...%n", seconds(), s.name(), v.name(), s.modelChecks(v).size());
        int before = results.size();
        Duration limit = options.budget() == dev.kmc.checks.lincheck.Budget.QUICK ? Duration.ofMinutes(10) : Duration.ofHours(6);
        List<String> args = List.of(ModelWorker.class.getName(), s.getClass().getName(), v.name(), options.budget().name(), dir.toString());
        int rc = ChildJvm.run(args, dir, limit, log, this::onLine);
        List<String> done = results.subList(before, results.size()).stream().map(CheckResult::check).toList();
        for (Suite.ModelCheckRun c : s.modelChecks(v)) {
            if (!done.contains(c.id())) {
                String why = rc == ChildJvm.TIMED_OUT ? "killed after its time limit of " + limit.toMinutes() + " min"
                        : "its JVM exited with code " + rc + " (see kmc-children.log)";
                record(new CheckResult(s.name(), v.name(), "model", c.id(), c.expectation().label(), "no verdict",
                        0, false, null, why));
            }
        }
    }

    private List<Suite.Variant> selected(Suite s) {
        return s.variants().stream().filter(v -> options.variants().contains(v.name())).toList();
    }

    private void onLine(String line) {
        CheckResult r = CheckResult.fromLine(line);
        if (r != null) record(r);
    }

    void record(CheckResult r) {
        results.add(r);
        out.printf("[%7.1fs] %-10s %-8s %-6s %-34s %-10s %7.1f s  %s%n", seconds(), r.suite(), r.variant(), r.engine(),
                r.check(), r.observed(), r.millis() / 1000.0, r.met() ? "as expected" : "NOT AS EXPECTED: " + r.note());
    }

    private double seconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A new folder: never an existing non-empty one, so no earlier results are overwritten. */
    static Path prepareOutput(Path requested) throws IOException {
        Path dir = requested;
        if (dir == null) {
            return newResultsFolder("run");
        } else if (Files.exists(dir) && (!Files.isDirectory(dir) || hasEntries(dir))) {
            throw new UsageException("output folder '" + dir + "' already exists and is not empty; kmc never overwrites"
                    + " results: pass a new folder, or leave out --out for a timestamped one under kmc-results/");
        }
        Files.createDirectories(dir);
        return dir.toAbsolutePath();
    }

    /** A new folder kmc-results/PREFIX-yyyyMMdd-HHmmss (with -2, -3 ... if that exists), created, absolute. */
    static Path newResultsFolder(String prefix) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dir = Path.of("kmc-results", prefix + "-" + stamp);
        for (int i = 2; Files.exists(dir); i++) dir = Path.of("kmc-results", prefix + "-" + stamp + "-" + i);
        return Files.createDirectories(dir).toAbsolutePath();
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
