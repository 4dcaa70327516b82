package dev.kmc.stress.runner;

import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.ExploreTrace;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.Universe;
import dev.kmc.stress.report.HtmlReport;
import dev.kmc.stress.report.ReportData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kmc explore}: kmc's explorer over every interleaving of the ports' shared accesses,
 * interrupts included, for each suite's stated universes (or one given with {@code --scenario}):
 * a table on stdout and in {@code summary.md}, each counterexample step by step in
 * {@code <suite>/<variant>-explore.txt}, and {@code report.html} (the table, and each counterexample
 * to step through with a picture of the structure at every step), all in a new results folder.
 */
final class ExploreCommand {
    private ExploreCommand() { }

    /** The options, validated by {@link #run}. */
    record Options(String suite, String variant, String exploration, String scenario, String budget, Long maxStates,
                   Long seconds, Path out) { }

    static int run(Options o, PrintStream out) throws IOException {
        List<ExploreSuites.Suite> suites = new ArrayList<>();
        try {
            if (o.suite() == null) {
                for (Suite s : Suites.ALL) ExploreSuites.find(s.name()).ifPresent(suites::add);
            } else {
                suites.add(ExploreSuites.suite(o.suite()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (o.variant() != null && !List.of("pre-fix", "fixed").contains(o.variant())) {
            throw new UsageException("unknown variant '" + o.variant() + "'; accepted: pre-fix, fixed");
        }
        if (o.budget() != null && !List.of("quick", "thorough").contains(o.budget())) {
            throw new UsageException("unknown budget '" + o.budget() + "'; accepted: quick, thorough");
        }
        if (o.scenario() != null && o.suite() == null) {
            throw new UsageException("--scenario needs --suite: a universe is stated for one suite's operations");
        }
        Universe custom = null;
        if (o.scenario() != null) {
            try {
                custom = Universe.parse(o.scenario());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--scenario: " + e.getMessage());
            }
        }
        if (o.exploration() != null && o.suite() != null) {
            try {
                suites.get(0).exploration(o.exploration());
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        boolean thorough = "thorough".equals(o.budget());
        Path dir = o.out() == null ? Runner.newResultsFolder("explore") : Runner.prepareOutput(o.out());
        String header = "| suite | variant | exploration | states | complete | violations (states, shortest steps) | verdict | expected | time |";
        out.println(header);
        out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> rows = new ArrayList<>();
        List<ReportData.Row> reportRows = new ArrayList<>();
        List<ReportData.Failure> reportFailures = new ArrayList<>();
        boolean allHeld = true;
        for (ExploreSuites.Suite s : suites) {
            for (ExploreSuites.Variant v : s.variants()) {
                if (o.variant() != null && !o.variant().equals(v.name())) continue;
                List<ExploreTrace.Exploration> runs = new ArrayList<>();
                List<ExploreSuites.Exploration> todo = new ArrayList<>();
                if (custom != null) {
                    todo.add(new ExploreSuites.Exploration(custom.name(), "given with --scenario", custom,
                            (variant, m) -> s.variant(variant).factory().apply(m),
                            InterleavingExplorer.Limits.of(1_000_000, 60_000), InterleavingExplorer.Limits.of(10_000_000, 600_000),
                            variant -> null));
                } else {
                    for (ExploreSuites.Exploration x : s.explorations()) {
                        if (o.exploration() == null || o.exploration().equals(x.name())) todo.add(x);
                    }
                }
                for (ExploreSuites.Exploration x : todo) {
                    InterleavingExplorer.Limits base = thorough ? x.thorough() : x.quick();
                    InterleavingExplorer.Limits limits = new InterleavingExplorer.Limits(
                            o.maxStates() != null ? o.maxStates() : base.maxStates(),
                            o.seconds() != null ? o.seconds() * 1000 : base.maxMillis(), base.maxAccessesPerOp());
                    InterleavingExplorer.Result r;
                    try {
                        r = InterleavingExplorer.explore(s.name() + "/" + x.name() + " [" + v.name() + "]",
                                m -> x.machine().apply(v.name(), m), x.universe(), limits);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                    ExploreSuites.Expect e = x.expect().apply(v.name());
                    String verdictCheck = e == null ? null : x.judge(v.name(), r);
                    boolean held = e == null || verdictCheck == null;
                    allHeld &= held;
                    List<String> kinds = new ArrayList<>();
                    for (InterleavingExplorer.Finding f : r.findings().values()) {
                        kinds.add(String.format("%s (%,d, %d)", f.kind(), f.states(), f.shortest()));
                    }
                    String row = String.format("| %s | %s | %s | %,d | %s | %s | %s | %s | %.2f s |", s.name(), v.name(), x.name(),
                            r.states(), r.complete() ? "yes" : "no: " + r.stoppedBy(), kinds.isEmpty() ? "none" : String.join(", ", kinds),
                            r.findings().isEmpty() ? (r.complete() ? "proven" : "clean within bounds") : "bug found",
                            e == null ? "-" : e.describe() + (held ? "" : " — NOT AS EXPECTED: " + verdictCheck), r.millis() / 1000.0);
                    out.println(row);
                    rows.add(row);
                    String traceLink = s.name() + "/" + v.name() + "-explore.txt";
                    reportRows.add(new ReportData.Row(s.name(), v.name(), "explore", x.name(), e == null ? "-" : e.describe(),
                            r.verdict(), held, r.millis(), traceLink));
                    for (InterleavingExplorer.Finding f : r.findings().values()) {
                        reportFailures.add(new ReportData.Failure(s.name(), v.name(), x.name(), f.counterexample(), traceLink));
                    }
                    runs.add(new ExploreTrace.Exploration(x.name(), x.universe(), r, e == null ? "-" : e.describe(),
                            e == null ? "" : e.judgement()));
                }
                if (!runs.isEmpty()) {
                    Path file = dir.resolve(s.name()).resolve(v.name() + "-explore.txt");
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, ExploreTrace.write(s.name(), v, runs));
                }
            }
        }
        StringBuilder md = new StringBuilder("# kmc explore\n\n").append(header).append('\n')
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (String r : rows) md.append(r).append('\n');
        md.append("\nEach counterexample, step by step: <suite>/<variant>-explore.txt (replay one with kmc replay FILE).\n");
        Files.writeString(dir.resolve("summary.md"), md.toString());
        HtmlReport.write(dir, new ReportData("kmc explore", "kmc explore" + describe(o), reportRows, reportFailures, List.of()));
        out.println();
        out.println(allHeld ? "every expectation held" : "SOME EXPECTATIONS DID NOT HOLD (see the expected column)");
        out.println("results: " + dir + " (open " + HtmlReport.FILE + " in a browser)");
        return allHeld ? 0 : 1;
    }

    /** The options as given, for the report's heading. */
    private static String describe(Options o) {
        StringBuilder sb = new StringBuilder();
        if (o.suite() != null) sb.append(" --suite ").append(o.suite());
        if (o.variant() != null) sb.append(" --variant ").append(o.variant());
        if (o.exploration() != null) sb.append(" --exploration ").append(o.exploration());
        if (o.scenario() != null) sb.append(" --scenario '").append(o.scenario()).append('\'');
        if (o.budget() != null) sb.append(" --budget ").append(o.budget());
        if (o.maxStates() != null) sb.append(" --max-states ").append(o.maxStates());
        if (o.seconds() != null) sb.append(" --seconds ").append(o.seconds());
        return sb.toString();
    }
}
