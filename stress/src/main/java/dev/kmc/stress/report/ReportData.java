package dev.kmc.stress.report;

import dev.kmc.checks.explore.Counterexample;
import java.util.List;

/**
 * What {@link HtmlReport} draws: the summary rows of a run, the explorer counterexamples to step
 * through, and the JCStress outcome histograms.
 *
 * @param title   the page's heading ("kmc explore", "kmc run")
 * @param command the command line or a one-line description of the run
 */
public record ReportData(String title, String command, List<Row> rows, List<Failure> failures, List<Histogram> histograms) {

    /**
     * One summary row: a check of a suite variant on one engine.
     *
     * @param traceLink the trace file, relative to the results folder (null: none)
     */
    public record Row(String suite, String variant, String engine, String check, String expected, String observed,
                      boolean met, long millis, String traceLink) { }

    /** One counterexample of kmc's explorer, shown step by step. */
    public record Failure(String suite, String variant, String check, Counterexample counterexample, String traceLink) { }

    /**
     * One outcome of a JCStress harness.
     *
     * @param grade JCStress's expectation: ACCEPTABLE, ACCEPTABLE_INTERESTING, FORBIDDEN or UNKNOWN (no @Outcome matched)
     */
    public record Bar(String outcome, long count, String grade, String description) { }

    /** The outcome histogram of one JCStress harness on one variant. */
    public record Histogram(String suite, String variant, String harness, String verdict, List<Bar> bars) { }

    public ReportData {
        rows = List.copyOf(rows);
        failures = List.copyOf(failures);
        histograms = List.copyOf(histograms);
    }
}
