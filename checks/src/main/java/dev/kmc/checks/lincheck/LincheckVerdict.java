package dev.kmc.checks.lincheck;

import org.jetbrains.kotlinx.lincheck.strategy.LincheckFailure;

/**
 * What one Lincheck run came to: the failure (or null when the check passed) and how long it
 * took. {@link #kind()} names the failure as Lincheck's report header does.
 */
public record LincheckVerdict(String name, LincheckFailure failure, long millis, String coverage) {

    public LincheckVerdict(String name, LincheckFailure failure, long millis) {
        this(name, failure, millis, "a sampled search");
    }

    /** What a clean verdict covered: a sample, never a proof ("clean in 1 scenario x 2,000 invocations; ..."). */
    public String cleanLabel() {
        return "clean in " + coverage + " (sampled; the interleaving tree is not known to be exhausted)";
    }

    public boolean passed() { return failure == null; }

    /** IncorrectResultsFailure, ManagedLivelockFailure, TimeoutFailure, ... or "passed". */
    public String kind() { return failure == null ? "passed" : failure.getClass().getSimpleName(); }

    /** Lincheck's full report: header, scenario with results, interleaving trace. Empty when passed. */
    public String report() { return failure == null ? "" : failure.toString(); }

    /** The first line of the report, e.g. "= Invalid execution results =". */
    public String header() {
        return report().lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    @Override
    public String toString() {
        return name + ": " + kind() + " in " + millis + " ms";
    }
}
