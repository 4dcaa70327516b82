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
 * The JCStress engine: one child JCStress run per suite covering both variants' harnesses
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
        run(suite, selected, budget, out, log, record, console, h -> { });
    }

    /** The same, handing each harness's outcome histogram to {@code histograms} (for report.html). */
    static void run(Suite suite, List<Suite.Variant> selected, Budget budget, Path out, Path log,
                    Consumer<CheckResult> record, PrintStream console,
                    Consumer<dev.kmc.stress.report.ReportData.Histogram> histograms) {
        List<Suite.Variant> variants = new ArrayList<>();
        List<Suite.StressHarness> harnesses = new ArrayList<>();
        int cpus = Runtime.getRuntime().availableProcessors();
        for (Suite.Variant v : selected) {
            for (Suite.StressHarness h : suite.stressHarnesses(v)) {
                try {
                    JCStressRun.requireCpus(h.testClass(), cpus);
                } catch (IllegalStateException e) {   // JCStress would skip it silently: say so, as an unmet expectation
                    record.accept(new CheckResult(suite.name(), v.name(), "stress", h.shortName(), expected(h), "no verdict",
                            0, false, null, e.getMessage()));
                    continue;
                }
                variants.add(v);
                harnesses.add(h);
            }
        }
        if (harnesses.isEmpty()) return;
        String regex = "^(" + harnesses.stream().map(h -> Pattern.quote(h.testClass())).collect(Collectors.joining("|")) + ")$";
        List<String> args = new ArrayList<>(List.of("-t", regex));
        args.addAll(modeArgs(budget));
        console.printf("           %s: JCStress, %d harnesses (%s) ...%n", suite.name(), harnesses.size(), String.join(" ", modeArgs(budget)));
        Duration limit = budget == Budget.QUICK ? Duration.ofMinutes(10) : Duration.ofHours(8);
        long t0 = System.nanoTime();
        JCStressRun.Result result;
        try {
            result = JCStressRun.runIn(out.resolve("jcstress").resolve(suite.name()), limit, args.toArray(new String[0]));
        } catch (Exception e) {
            for (int i = 0; i < harnesses.size(); i++) {
                Suite.StressHarness h = harnesses.get(i);
                record.accept(new CheckResult(suite.name(), variants.get(i).name(), "stress", h.shortName(),
                        expected(h), "no verdict", 0, false, null, "JCStress run failed: " + e.getMessage()));
            }
            return;
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (int i = 0; i < harnesses.size(); i++) {
            Suite.StressHarness h = harnesses.get(i);
            Suite.Variant v = variants.get(i);
            JCStressRun.Verdict verdict = result.verdicts().stream().filter(x -> x.test().equals(h.testClass())).findFirst().orElse(null);
            if (verdict == null) {
                record.accept(new CheckResult(suite.name(), v.name(), "stress", h.shortName(), expected(h),
                        "no verdict", millis, false, null, "JCStress did not run " + h.testClass() + "; ran " + result.tests()));
                continue;
            }
            long hits = verdict.counts().entrySet().stream().filter(e -> e.getKey().matches(h.bugOutcome()))
                    .mapToLong(Map.Entry::getValue).sum();
            boolean bug = hits > 0;
            String note;
            boolean met;
            if (h.expectBug()) {
                met = bug;
                note = bug ? hits + " of " + verdict.samples() + " samples showed it"
                        : "BUG NOT FOUND: no sample of " + verdict.samples() + " showed " + h.bugOutcomeDescription();
            } else {
                met = !bug && verdict.passed();
                note = met ? "0 of " + verdict.samples() + " samples showed it"
                        : (bug ? hits + " samples showed " + h.bugOutcomeDescription() : "failed: " + verdict.failures());
            }
            String trace = null;
            if (bug || !met) {
                trace = TraceWriter.relativePath(suite, v, "stress");
                TraceWriter.append(out, suite, v, "stress", "stress (JCStress 0.16, " + String.join(" ", modeArgs(budget)) + ")",
                        section(h, verdict, hits, met, note, suite.name()));
            }
            record.accept(new CheckResult(suite.name(), v.name(), "stress", h.shortName(), expected(h),
                    bug ? "bug found" : String.format(java.util.Locale.ROOT, "clean in %,d samples (random, not exhaustive)",
                            verdict.samples()), millis, met, trace, note));
            histograms.accept(histogram(suite.name(), v.name(), h, verdict, bug ? "bug found" : "clean"));
        }
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

    private static String section(Suite.StressHarness h, JCStressRun.Verdict v, long hits, boolean met, String note, String suite) {
        StringBuilder sb = new StringBuilder();
        sb.append("=".repeat(100)).append('\n');
        sb.append("harness:  ").append(h.testClass()).append('\n');
        sb.append("bug:      ").append(h.bugOutcomeDescription()).append(" (outcome ").append(h.bugOutcome()).append(")\n");
        sb.append("verdict:  ").append(hits > 0 ? "observed" : "not observed").append(": ").append(note)
                .append(met ? " (as expected)" : " (NOT as expected)").append('\n');
        sb.append("status:   ").append(v.status()).append(v.passed() ? ", passed" : ", FAILED " + v.failures()).append('\n');
        sb.append("report:   jcstress/").append(suite).append("/report/index.html\n\n");
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
