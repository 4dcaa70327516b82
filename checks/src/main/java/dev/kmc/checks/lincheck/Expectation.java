package dev.kmc.checks.lincheck;

import java.util.ArrayList;
import java.util.List;

/**
 * What a check must come to: either a bug of a given kind whose report shows the given
 * result cells, or a clean pass. {@link #mismatch} says in one sentence why a verdict does not
 * meet it, so a pre-fix check that stops finding its bug fails loudly instead of passing.
 */
public record Expectation(String failureKind, List<String> reportMustShow) {

    public static Expectation clean() {
        return new Expectation(null, List.of());
    }

    public static Expectation bug(String failureKind, String... reportMustShow) {
        return new Expectation(failureKind, List.of(reportMustShow));
    }

    public boolean expectsBug() { return failureKind != null; }

    /** "bug found" or "clean", as the summary tables print it. */
    public String label() { return expectsBug() ? "bug found" : "clean"; }

    /** Null if the verdict meets the expectation, else why not. */
    public String mismatch(LincheckVerdict v) {
        if (!expectsBug()) {
            return v.passed() ? null
                    : v.name() + ": expected a clean pass but Lincheck reported " + v.kind() + ":\n" + v.report();
        }
        if (v.passed()) {
            return "BUG NOT FOUND: " + v.name() + " expected Lincheck to report " + failureKind
                    + " showing " + reportMustShow + ", but the check passed (" + v.millis() + " ms)";
        }
        if (!v.kind().equals(failureKind)) {
            return v.name() + ": expected " + failureKind + " but Lincheck reported " + v.kind() + ":\n" + v.report();
        }
        List<String> missing = new ArrayList<>();
        for (String s : reportMustShow) {
            if (!v.report().contains(s)) missing.add(s);
        }
        return missing.isEmpty() ? null
                : v.name() + ": " + failureKind + " found, but the report does not show " + missing + ":\n" + v.report();
    }
}
