package dev.kmc.stress.report;

import dev.kmc.checks.explore.Counterexample;
import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.ExploreTrace;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.Machine;
import dev.kmc.model.mem.Memory;
import dev.kmc.stress.runner.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * report.html for a results folder from its summary rows alone ({@code kmc run}, {@code kmc
 * replay}): the rows become the table, and every explorer trace a row links to
 * ({@code <suite>/<variant>-explore.txt}) is replayed in this JVM, so each counterexample gets its
 * steps with the port's snapshots (the child JVM that found it kept only the text).
 */
public final class ResultsReport {
    private ResultsReport() { }

    /** Writes {@code dir/report.html}; a trace that cannot be replayed is named in the page's command line, not fatal. */
    public static Path write(Path dir, String title, String command, List<CheckResult> results, List<ReportData.Histogram> histograms)
            throws IOException {
        List<ReportData.Row> rows = new ArrayList<>();
        Set<String> traces = new LinkedHashSet<>();
        for (CheckResult r : results) {
            rows.add(new ReportData.Row(r.suite(), r.variant(), r.engine(), r.check(), r.expected(), r.observed(), r.met(), r.millis(),
                    r.traceFile()));
            if (r.traceFile() != null && r.traceFile().endsWith("-explore.txt")) traces.add(r.traceFile());
        }
        List<ReportData.Failure> failures = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String t : traces) {
            Path file = dir.resolve(t);
            if (!Files.exists(file)) continue;
            try {
                for (ExploreTrace.Entry e : ExploreTrace.read(Files.readString(file))) {
                    failures.add(new ReportData.Failure(e.suite(), e.variant(), e.exploration(), replay(e), t));
                }
            } catch (RuntimeException ex) {
                problems.add(t + ": " + ex.getMessage());
            }
        }
        String cmd = problems.isEmpty() ? command : command + "   (not replayed: " + String.join("; ", problems) + ")";
        return HtmlReport.write(dir, new ReportData(title, cmd, rows, failures, histograms));
    }

    /** The entry's interleaving replayed on its suite's machine, with the trace's kind and violation. */
    static Counterexample replay(ExploreTrace.Entry e) {
        ExploreSuites.Suite suite = ExploreSuites.suite(e.suite());
        Function<Memory, Machine> factory;
        try {
            ExploreSuites.Exploration x = suite.exploration(e.exploration());
            factory = m -> x.machine().apply(e.variant(), m);
        } catch (IllegalArgumentException notStated) {                 // a --scenario universe: the variant's own machine
            factory = suite.variant(e.variant()).factory();
        }
        Counterexample c = InterleavingExplorer.replay(factory, e.universe(), e.interleaving());
        return new Counterexample(e.kind(), e.violation() == null ? c.message() : e.violation(), c.interleaving(), c.initial(),
                c.initialSnapshot(), c.steps());
    }
}
