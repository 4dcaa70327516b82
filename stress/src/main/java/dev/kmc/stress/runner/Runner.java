package dev.kmc.stress.runner;

import dev.kmc.stress.Children;
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
    private final PrintStream rawOut;
    private final long t0 = System.nanoTime();
    private final List<CheckResult> results = new ArrayList<>();   // guarded by itself
    private final String canaryClass;
    private final long logEveryMillis;
    private PrintStream out;
    private Progress progress;
    private final List<String> planned = new ArrayList<>();
    private final List<dev.kmc.stress.report.ReportData.Histogram> histograms = new ArrayList<>();   // guarded by itself
    private final List<String> finished = new ArrayList<>();       // guarded by results
    private boolean summaryWritten;                                 // guarded by results

    public Runner(RunOptions options, PrintStream out) {
        this(options, out, dev.kmc.checks.canary.RacyCounterLincheck.class.getName());
    }

    /** With another canary (tests): a class with a static {@code check()} and a static {@code EXPECTED}. */
    Runner(RunOptions options, PrintStream out, String canaryClass) {
        this(options, out, canaryClass, 30_000);
    }

    /** With a progress line every {@code logEveryMillis} when the console is not a terminal (tests: shorter). */
    Runner(RunOptions options, PrintStream out, String canaryClass, long logEveryMillis) {
        this.options = options;
        this.rawOut = out;
        this.out = out;
        this.canaryClass = canaryClass;
        this.logEveryMillis = logEveryMillis;
    }

    /** The results so far, in the order the summary lists them. */
    List<CheckResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    /**
     * Exit codes: 0 every expectation held; 1 one did not (or the canary was not found); 2 nothing ran.
     * On SIGINT or SIGTERM the child JVMs are killed at once and the folder gets a summary.md that
     * says the run was interrupted and which checks finished.
     */
    public int run() throws IOException {
        Path dir = prepareOutput(options.out());
        progress = new Progress(rawOut, rawOut == System.out && System.console() != null, logEveryMillis, t0);
        out = progress.console();
        Thread hook = new Thread(() -> interrupted(dir), "kmc-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runIn(dir);
        } finally {
            progress.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    private int runIn(Path dir) throws IOException {
        Path log = dir.resolve("kmc-children.log");
        out.printf("kmc run: suites %s; engines %s; budget %s%nresults: %s%n%n",
                String.join(", ", options.suites().stream().map(Suite::name).toList()),
                String.join(", ", options.engines()), options.budget().name().toLowerCase(Locale.ROOT), dir);

        List<Runnable> work = new ArrayList<>();
        for (Suite s : options.suites()) {
            List<Suite.Variant> withChecks = selected(s).stream().filter(v -> !s.modelChecks(v).isEmpty()).toList();
            if (options.engines().contains("model") && !withChecks.isEmpty()) {
                String label = s.name() + " model (" + withChecks.stream().mapToInt(v -> s.modelChecks(v).size()).sum() + " checks)";
                planned.add(label);
                work.add(() -> {
                    model(s, withChecks, dir, log);
                    done(label);
                });
            }
            if (options.engines().contains("explore") && explorable(s)) {
                for (Suite.Variant v : selected(s)) {
                    String label = s.name() + " " + v.name() + " explore";
                    planned.add(label);
                    work.add(() -> {
                        explore(s, v, dir, log);
                        done(label);
                    });
                }
            }
        }
        // JCStress last, one run for every suite's harnesses: its start-up is paid once.
        List<Suite> stressed = options.suites().stream()
                .filter(s -> selected(s).stream().anyMatch(v -> !s.stressHarnesses(v).isEmpty())).toList();
        if (options.engines().contains("stress") && !stressed.isEmpty()) {
            String label = "JCStress (" + String.join(", ", stressed.stream().map(Suite::name).toList()) + ")";
            planned.add(label);
            work.add(() -> {
                progress.start("JCStress");
                StressEngine.run(stressed, this::selected, options.budget(), dir, log, this::record, out, h -> {
                    synchronized (histograms) {
                        histograms.add(h);
                    }
                });
                progress.idle();
                done(label);
            });
        }
        if (work.isEmpty()) {
            out.println("kmc: the selection runs nothing: no suite among " + options.suites().stream().map(Suite::name).toList()
                    + " has checks for variant(s) " + options.variants() + " on engine(s) " + options.engines());
            return 2;
        }
        if (!canary(dir, log)) {
            Summary.write(dir, results(), out);
            out.println("\nkmc: the canary (a deliberately racy counter) was NOT found: Lincheck's instrumentation is broken,"
                    + " so no verdict of this run can be trusted. Stopped.");
            return 1;
        }
        for (Runnable w : work) {
            if (Children.stopping()) break;
            try {
                w.run();
            } catch (IllegalStateException e) {
                if (!Children.stopping()) throw e;
            }
        }
        boolean allMet;
        synchronized (results) {
            if (summaryWritten) return 1;      // interrupted: the hook wrote the summary
            summaryWritten = true;
            allMet = Summary.write(dir, results, out);
        }
        try {
            List<dev.kmc.stress.report.ReportData.Histogram> hs;
            synchronized (histograms) {
                hs = List.copyOf(histograms);
            }
            Path report = dev.kmc.stress.report.ResultsReport.write(dir, "kmc run", "kmc run " + describeSelection(), results(), hs);
            out.println("report (open from disk): " + report);
        } catch (IOException | RuntimeException e) {
            out.println("kmc: report.html could not be written: " + e);
        }
        out.printf("%nwall time %.1f s; %s%nresults: %s%n", seconds(), allMet ? "every expectation held" : "SOME EXPECTATIONS DID NOT HOLD",
                dir);
        return allMet ? 0 : 1;
    }

    /** A group of checks ran to its end (not if the run is being interrupted: then its child was killed). */
    private void done(String label) {
        synchronized (results) {
            if (!Children.stopping() && !summaryWritten) finished.add(label);
        }
    }

    /** The shutdown hook: on SIGINT/SIGTERM before the run ended, stop the children and write what finished. */
    private void interrupted(Path dir) {
        synchronized (results) {
            if (summaryWritten) return;
            summaryWritten = true;
        }
        int stopped = Children.stopAll();
        try {
            synchronized (results) {
                List<String> notFinished = planned.stream().filter(p -> !finished.contains(p)).toList();
                String note = String.format(Locale.ROOT, "The run was interrupted (SIGINT or SIGTERM) after %.1f s; %d child JVM(s)"
                        + " were stopped. The checks in the table finished; these did not run to the end: %s.", seconds(), stopped,
                        notFinished.isEmpty() ? "none" : String.join("; ", notFinished));
                Summary.write(dir, results, out, note);
            }
            out.println("\nkmc: interrupted; child JVMs stopped; what finished is in " + dir.resolve("summary.md"));
        } catch (IOException | RuntimeException e) {
            rawOut.println("kmc: interrupted; could not write " + dir.resolve("summary.md") + ": " + e);
        }
        out.flush();
    }

    private boolean canary(Path dir, Path log) {
        List<String> args = List.of(ModelWorker.class.getName(), "canary", canaryClass, dir.toString());
        progress.start("the canary (canary-mc)");
        int rc = ChildJvm.run(args, dir, Duration.ofMinutes(3), log, this::onLine);
        progress.idle();
        boolean found = results().stream().anyMatch(r -> r.suite().equals("canary") && r.met());
        if (!found && rc != 0) {
            record(new CheckResult("canary", "racy-counter", "model", "canary-mc", "bug found", "no verdict", 0, false,
                    null, "the canary's JVM exited with " + (rc == ChildJvm.TIMED_OUT ? "a timeout" : "code " + rc)));
        }
        return found;
    }

    /** The Lincheck checks of the selected variants of a suite, in one child JVM with a hard time limit. */
    private void model(Suite s, List<Suite.Variant> variants, Path dir, Path log) {
        progress.start(s.name() + " model: starting its JVM");
        out.printf("[%7.1fs] %s: model checks (Lincheck), %s ...%n", seconds(), s.name(),
                String.join(" + ", variants.stream().map(v -> v.name() + " " + s.modelChecks(v).size()).toList()));
        int before = results().size();
        Duration limit = options.budget() == dev.kmc.checks.lincheck.Budget.QUICK ? Duration.ofMinutes(10 * variants.size())
                : Duration.ofHours(6L * variants.size());
        List<String> args = List.of(ModelWorker.class.getName(), s.getClass().getName(),
                String.join(",", variants.stream().map(Suite.Variant::name).toList()), options.budget().name(), dir.toString());
        int rc = ChildJvm.run(args, dir, limit, log, line -> {
            if (line.startsWith(ModelWorker.START)) progress.start(s.name() + " model " + line.substring(ModelWorker.START.length()));
            onLine(line);
        });
        progress.idle();
        if (Children.stopping()) return;
        List<CheckResult> done = results().subList(before, results().size());
        for (Suite.Variant v : variants) {
            for (Suite.ModelCheckRun c : s.modelChecks(v)) {
                if (done.stream().noneMatch(r -> r.variant().equals(v.name()) && r.check().equals(c.id()))) {
                    String why = rc == ChildJvm.TIMED_OUT ? "killed after its time limit of " + limit.toMinutes() + " min"
                            : "its JVM exited with code " + rc + " (see kmc-children.log)";
                    record(new CheckResult(s.name(), v.name(), "model", c.id(), c.expectation().label(), "no verdict",
                            0, false, null, why));
                }
            }
        }
    }

    private String describeSelection() {
        return "--suite " + String.join(",", options.suites().stream().map(Suite::name).toList()) + " --variant "
                + String.join(",", options.variants()) + " --engine " + String.join(",", options.engines()) + " --budget "
                + options.budget().name().toLowerCase(Locale.ROOT);
    }

    private static boolean explorable(Suite s) {
        return dev.kmc.checks.explore.ExploreSuites.find(s.name()).isPresent();
    }

    /** The explorer on one suite variant's stated universes, in a child JVM with a hard time limit. */
    private void explore(Suite s, Suite.Variant v, Path dir, Path log) {
        progress.start(s.name() + " " + v.name() + " explore: starting its JVM");
        out.printf("[%7.1fs] %s %s: kmc's explorer ...%n", seconds(), s.name(), v.name());
        int before = results().size();
        boolean quick = options.budget() == dev.kmc.checks.lincheck.Budget.QUICK;
        Duration limit = quick ? Duration.ofMinutes(10) : Duration.ofHours(6);
        List<String> args = List.of(ExploreWorker.class.getName(), s.name(), v.name(), quick ? "quick" : "thorough", dir.toString());
        int rc = ChildJvm.run(List.of("-Xmx2g"), args, dir, limit, log, line -> {
            if (line.startsWith(ModelWorker.START)) progress.start(s.name() + " " + v.name() + " explore " + line.substring(ModelWorker.START.length()));
            onLine(line);
        });
        progress.idle();
        if (Children.stopping()) return;
        List<String> done = results().subList(before, results().size()).stream().map(CheckResult::check).toList();
        for (var x : dev.kmc.checks.explore.ExploreSuites.suite(s.name()).explorations()) {
            if (!done.contains(x.name())) {
                String why = rc == ChildJvm.TIMED_OUT ? "killed after its time limit of " + limit.toMinutes() + " min"
                        : "its JVM exited with code " + rc + " (see kmc-children.log)";
                record(new CheckResult(s.name(), v.name(), "explore", x.name(), x.expect().apply(v.name()).describe(), "no verdict",
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
        synchronized (results) {
            if (summaryWritten) return;      // interrupted: the summary is written
            results.add(r);
        }
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
        } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out '" + dir + "' is a file, not a folder; kmc writes a results folder there:"
                    + " pass a new folder, or leave out --out for a timestamped one under kmc-results/");
        } else if (Files.exists(dir) && hasEntries(dir)) {
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
