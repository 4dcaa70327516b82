package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.stress.JCStressRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jcstress.annotations.Outcome;

/**
 * The JCStress engine: one child JCStress run covering every selected suite's and variant's harnesses
 * (the harness start-up costs seconds, so it is paid once), then a verdict per harness: on a
 * pre-fix harness the bug's outcome must have been observed; on a fixed one it must never
 * have been, and nothing FORBIDDEN either.
 */
final class StressEngine {
    private StressEngine() { }

    /** The tuned short line of the JCStress notes (2 forks of 50 ms per test), and JCStress's default mode. */
    static List<String> modeArgs(Budget budget) {
        return budget == Budget.QUICK
                ? List.of("-sc", "false", "-jvmArgs", "-XX:-TieredCompilation", "-iters", "1", "-time", "50")
                : List.of("-m", "default");
    }

    static void run(Suite suite, List<Suite.Variant> selected, Budget budget, Path out, Path log,
                    Consumer<CheckResult> record, PrintStream console) {
        run(List.of(suite), s -> selected, budget, out, log, record, console, h -> { });
    }

    /**
     * The harnesses of every suite in {@code suites} (its {@code selected} variants) in one JCStress run, in
     * {@code jcstress/<suite>} for one suite and {@code jcstress/all} for several: JCStress's start-up (about
     * 5 s) is paid once. Each harness's outcome histogram goes to {@code histograms} (for report.html).
     */
    static void run(List<Suite> suites, java.util.function.Function<Suite, List<Suite.Variant>> selected, Budget budget, Path out,
                    Path log, Consumer<CheckResult> record, PrintStream console,
                    Consumer<dev.kmc.stress.report.ReportData.Histogram> histograms) {
        List<Suite> owners = new ArrayList<>();
        List<Suite.Variant> variants = new ArrayList<>();
        List<Suite.StressHarness> harnesses = new ArrayList<>();
        int cpus = Runtime.getRuntime().availableProcessors();
        for (Suite suite : suites) {
            for (Suite.Variant v : selected.apply(suite)) {
                for (Suite.StressHarness h : suite.stressHarnesses(v)) {
                    try {
                        JCStressRun.requireCpus(h.testClass(), cpus);
                    } catch (IllegalStateException | IllegalArgumentException e) {   // JCStress would skip it (too many actors) or not find it: say so, as an unmet expectation
                        record.accept(new CheckResult(suite.name(), v.name(), "stress", h.shortName(), expected(h), "no verdict",
                                0, false, null, e.getMessage()));
                        continue;
                    }
                    owners.add(suite);
                    variants.add(v);
                    harnesses.add(h);
                }
            }
        }
        String folder = suites.size() == 1 ? suites.get(0).name() : "all";
        if (harnesses.isEmpty()) return;
        List<String> args = jcstressArgs(harnesses, budget);
        console.printf("           %s: JCStress, %d harnesses (%s) ...%n", String.join(", ", suites.stream().map(Suite::name).toList()),
                harnesses.size(), String.join(" ", modeArgs(budget)));
        Duration limit = budget == Budget.QUICK ? Duration.ofMinutes(10) : Duration.ofHours(8);
        long t0 = System.nanoTime();
        JCStressRun.Result result;
        try {
            result = JCStressRun.runIn(out.resolve("jcstress").resolve(folder), limit, args.toArray(new String[0]));
        } catch (Exception e) {
            for (int i = 0; i < harnesses.size(); i++) {
                Suite.StressHarness h = harnesses.get(i);
                record.accept(new CheckResult(owners.get(i).name(), variants.get(i).name(), "stress", h.shortName(),
                        expected(h), "no verdict", 0, false, null, "JCStress run failed: " + e.getMessage()));
            }
            return;
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        // A pre-fix race that is rare on this machine (systemd's is about 4 in 10^4 samples) can be missed by one short
        // run: rerun only the pre-fix harnesses that missed it, up to RETRIES more runs, before believing "not found".
        Map<String, JCStressRun.Verdict> verdicts = new java.util.HashMap<>();
        Map<String, long[]> earlier = new java.util.HashMap<>();   // samples and runs before the verdict kept
        for (JCStressRun.Verdict x : result.verdicts()) verdicts.put(x.test(), x);
        for (int retry = 1; retry <= RETRIES; retry++) {
            List<Suite.StressHarness> missed = new ArrayList<>();
            for (Suite.StressHarness h : harnesses) {
                JCStressRun.Verdict x = verdicts.get(h.testClass());
                if (h.expectBug() && x != null && hits(h, x) == 0) missed.add(h);
            }
            if (missed.isEmpty()) break;
            List<String> again = jcstressArgs(missed, budget);
            console.printf("           %s: %d pre-fix harness%s missed the race; JCStress run %d of up to %d ...%n", folder,
                    missed.size(), missed.size() == 1 ? "" : "es", retry + 1, RETRIES + 1);
            try {
                JCStressRun.Result more = JCStressRun.runIn(out.resolve("jcstress").resolve(folder + "-run" + (retry + 1)), limit,
                        again.toArray(new String[0]));
                for (JCStressRun.Verdict x : more.verdicts()) {
                    JCStressRun.Verdict before = verdicts.put(x.test(), x);
                    long[] e = earlier.computeIfAbsent(x.test(), k -> new long[2]);
                    if (before != null) {
                        e[0] += before.samples();
                        e[1]++;
                    }
                }
            } catch (Exception e) {
                break;   // keep the verdicts we have
            }
            millis = (System.nanoTime() - t0) / 1_000_000;
        }
        for (int i = 0; i < harnesses.size(); i++) {
            Suite suite = owners.get(i);
            Suite.StressHarness h = harnesses.get(i);
            Suite.Variant v = variants.get(i);
            JCStressRun.Verdict verdict = verdicts.get(h.testClass());
            if (verdict == null) {
                record.accept(new CheckResult(suite.name(), v.name(), "stress", h.shortName(), expected(h),
                        "no verdict", millis, false, null, "JCStress did not run " + h.testClass() + "; ran " + result.tests()));
                continue;
            }
            long[] prior = earlier.getOrDefault(h.testClass(), new long[2]);
            String runs = prior[1] == 0 ? "" : String.format(java.util.Locale.ROOT, " (run %d of up to %d; the %d before it missed it"
                    + " in %,d samples)", prior[1] + 1, RETRIES + 1, prior[1], prior[0]);
            long hits = hits(h, verdict);
            boolean bug = hits > 0;
            String note;
            boolean met;
            if (h.expectBug()) {
                met = bug;
                note = bug ? hits + " of " + verdict.samples() + " samples showed it" + runs
                        : "BUG NOT FOUND: no sample of " + (verdict.samples() + prior[0]) + " in " + (prior[1] + 1) + " runs showed "
                                + h.bugOutcomeDescription();
            } else {
                met = !bug && verdict.passed();
                note = met ? "0 of " + verdict.samples() + " samples showed it"
                        : (bug ? hits + " samples showed " + h.bugOutcomeDescription() : "failed: " + verdict.failures());
            }
            String trace = null;
            if (bug || !met) {
                trace = TraceWriter.relativePath(suite, v, "stress");
                TraceWriter.append(out, suite, v, "stress", "stress (JCStress 0.16, " + String.join(" ", modeArgs(budget)) + ")",
                        section(h, verdict, hits, met, note, folder));
            }
            record.accept(new CheckResult(suite.name(), v.name(), "stress", h.shortName(), expected(h),
                    bug ? "bug found" : String.format(java.util.Locale.ROOT, "clean in %,d samples (random, not exhaustive)",
                            verdict.samples()), millis, met, trace, note));
            histograms.accept(histogram(suite.name(), v.name(), h, verdict, bug ? "bug found" : "clean"));
        }
    }

    /** Extra JCStress runs for a pre-fix harness that missed its race (bounded: each run has the engine's time limit). */
    static final int RETRIES = 3;

    /** JCStress's arguments for exactly these harnesses ({@code -t ^(A|B)$}) in the budget's mode. */
    static List<String> jcstressArgs(List<Suite.StressHarness> harnesses, Budget budget) {
        String regex = "^(" + harnesses.stream().map(h -> Pattern.quote(h.testClass())).collect(Collectors.joining("|")) + ")$";
        List<String> args = new ArrayList<>(List.of("-t", regex));
        args.addAll(modeArgs(budget));
        return args;
    }

    /** How many samples of {@code v} show the harness's bug outcome. */
    static long hits(Suite.StressHarness h, JCStressRun.Verdict v) {
        return v.counts().entrySet().stream().filter(e -> e.getKey().matches(h.bugOutcome())).mapToLong(Map.Entry::getValue).sum();
    }

    /** The outcome counts with JCStress's grade and the harness's own description of each outcome. */
    private static dev.kmc.stress.report.ReportData.Histogram histogram(String suite, String variant, Suite.StressHarness h,
                                                                        JCStressRun.Verdict v, String observed) {
        Map<String, Outcome> outcomes = outcomes(h.testClass());
        List<dev.kmc.stress.report.ReportData.Bar> bars = new ArrayList<>();
        v.counts().forEach((k, n) -> {
            Outcome o = outcomes.entrySet().stream().filter(e -> k.matches(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            bars.add(new dev.kmc.stress.report.ReportData.Bar(k, n, o == null ? "FORBIDDEN" : o.expect().name(),
                    o == null ? "not listed in the harness's @Outcome annotations" : o.desc()));
        });
        return new dev.kmc.stress.report.ReportData.Histogram(suite, variant, h.shortName(), observed, bars);
    }

    private static String expected(Suite.StressHarness h) {
        return h.expectBug() ? "bug found" : "clean";
    }

    private static String section(Suite.StressHarness h, JCStressRun.Verdict v, long hits, boolean met, String note, String folder) {
        StringBuilder sb = new StringBuilder();
        sb.append("=".repeat(100)).append('\n');
        sb.append("harness:  ").append(h.testClass()).append('\n');
        sb.append("bug:      ").append(h.bugOutcomeDescription()).append(" (outcome ").append(h.bugOutcome()).append(")\n");
        sb.append("verdict:  ").append(hits > 0 ? "observed" : "not observed").append(": ").append(note)
                .append(met ? " (as expected)" : " (NOT as expected)").append('\n');
        sb.append("status:   ").append(v.status()).append(v.passed() ? ", passed" : ", FAILED " + v.failures()).append('\n');
        sb.append("report:   jcstress/").append(folder).append("/report/index.html\n\n");
        Map<String, Outcome> outcomes = outcomes(h.testClass());
        sb.append(String.format("  %-26s %12s  %-24s %s%n", "RESULT", "SAMPLES", "EXPECT", "DESCRIPTION"));
        v.counts().forEach((k, n) -> {
            Outcome o = outcomes.entrySet().stream().filter(e -> k.matches(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            sb.append(String.format("  %-26s %,12d  %-24s %s%n", k, n, o == null ? "FORBIDDEN (unlisted)" : o.expect(),
                    o == null ? "" : o.desc()));
        });
        return sb.append('\n').toString();
    }

    /** The harness's @Outcome annotations by id, to narrate each observed outcome. */
    private static Map<String, Outcome> outcomes(String testClass) {
        try {
            Class<?> c = Class.forName(testClass.substring(0, testClass.lastIndexOf('.')) + "$" + testClass.substring(testClass.lastIndexOf('.') + 1));
            Map<String, Outcome> m = new java.util.LinkedHashMap<>();
            for (Outcome o : c.getAnnotationsByType(Outcome.class)) {
                for (String id : o.id()) m.put(id, o);
            }
            return m;
        } catch (ClassNotFoundException e) {
            return Map.of();
        }
    }
}
