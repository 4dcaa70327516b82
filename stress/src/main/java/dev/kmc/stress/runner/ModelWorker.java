package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.Budget;
import dev.kmc.checks.lincheck.Expectation;
import dev.kmc.checks.lincheck.LincheckVerdict;
import dev.kmc.checks.lincheck.ScenarioReplay;
import dev.kmc.checks.lincheck.Scenarios;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Runs the Lincheck checks of a suite's variants in a JVM of its own (the runner starts it and
 * kills it when its time is up), writes the failure traces, and prints one result line per
 * check for the runner. Arguments: {@code SUITE-CLASS VARIANT[,VARIANT...] BUDGET OUTDIR}, or
 * {@code canary CANARY-CLASS OUTDIR}.
 */
public final class ModelWorker {
    private ModelWorker() { }

    /** The line that names the check starting now (the runner's progress line shows it). */
    static final String START = "KMC-START\t";

    public static void main(String[] args) {
        if (args.length == 3 && args[0].equals("canary")) {
            canary(args[1]);
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: ModelWorker SUITE-CLASS VARIANT[,VARIANT...] BUDGET OUTDIR | canary CANARY-CLASS OUTDIR");
            System.exit(2);
        }
        Suite suite = Suites.byClass(args[0]);
        Budget budget = Budget.parse(args[2]);
        Path out = Paths.get(args[3]);
        // Several variants in one JVM: Lincheck's start-up (about 4 s of instrumentation) is paid once per suite.
        for (String variant : args[1].split(",")) {
            runVariant(suite, suite.variant(variant), budget, out);
        }
    }

    private static void runVariant(Suite suite, Suite.Variant v, Budget budget, Path out) {
        StringBuilder appendix = new StringBuilder();
        for (Suite.ModelCheckRun c : suite.modelChecks(v)) {
            System.out.println(START + v.name() + " " + c.id());
            System.out.flush();
            LincheckVerdict verdict;
            try {
                verdict = c.run().apply(budget);
            } catch (RuntimeException | Error e) {
                System.out.println(new CheckResult(suite.name(), v.name(), "model", c.id(), c.expectation().label(),
                        "error", 0, false, null, c.id() + " threw " + e).toLine());
                continue;
            }
            String mismatch = c.expectation().mismatch(verdict);
            String trace = null;
            if (!verdict.passed()) {
                trace = TraceWriter.relativePath(suite, v, "model");
                TraceWriter.append(out, suite, v, "model", "model (Lincheck " + lincheckVersion() + ")",
                        section(c, verdict, mismatch));
                String detailed = detailedTrace(verdict.report());
                if (!detailed.isEmpty()) {
                    appendix.append("=".repeat(100)).append("\nLincheck's detailed trace of ").append(c.id())
                            .append(" (with source lines)\n").append(detailed).append("\n\n");
                }
            }
            String observed = verdict.passed() ? verdict.cleanLabel() : "bug found";
            System.out.println(new CheckResult(suite.name(), v.name(), "model", c.id(), c.expectation().label(),
                    observed, verdict.millis(), mismatch == null, trace,
                    mismatch == null ? verdict.kind() : firstLine(mismatch)).toLine());
            System.out.flush();
        }
        if (appendix.length() > 0) {
            // Lincheck's detailed trace runs to thousands of lines (6,338 for the ring buffer) of AtomicLong#3.addAndGet:
            // it is Lincheck's evidence, so it is kept whole, in a file of its own; the failure trace keeps the
            // interleaving that fails (in each check's Lincheck report above) and names that file.
            String detailedFile = v.name() + "-model-detailed.txt";
            Path full = out.resolve(suite.name()).resolve(detailedFile);
            try {
                java.nio.file.Files.createDirectories(full.getParent());
                java.nio.file.Files.writeString(full, "Lincheck's detailed traces of " + suite.name() + " " + v.name()
                        + " (the failure trace is " + v.name() + "-model.txt)\n\n" + appendix);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long lines = appendix.chars().filter(c -> c == '\n').count();
            TraceWriter.append(out, suite, v, "model", "", "\n" + "#".repeat(100) + "\nAPPENDIX\n\n"
                    + "Lincheck's detailed traces (" + lines + " lines, every internal step of every operation) are in "
                    + detailedFile + " next to this file.\nThe interleaving that fails is in each check's Lincheck report above.\n");
        }
    }

    private static void canary(String canaryClass) {
        LincheckVerdict v;
        Expectation expected;
        try {
            Class<?> c = Class.forName(canaryClass);
            v = (LincheckVerdict) c.getMethod("check").invoke(null);
            expected = (Expectation) c.getField("EXPECTED").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("bad canary class " + canaryClass + ": " + e, e);
        }
        String mismatch = expected.mismatch(v);
        System.out.println(new CheckResult("canary", "racy-counter", "model", "canary-mc", "bug found",
                v.passed() ? "clean" : "bug found", v.millis(), mismatch == null, null,
                mismatch == null ? v.kind() : "Lincheck instrumentation is broken: " + firstLine(mismatch)).toLine());
    }

    private static String section(Suite.ModelCheckRun c, LincheckVerdict v, String mismatch) {
        StringBuilder sb = new StringBuilder();
        sb.append("=".repeat(100)).append('\n');
        sb.append("check:    ").append(c.id()).append(": ").append(c.description()).append('\n');
        sb.append("verdict:  ").append(v.kind()).append(" after ").append(v.millis()).append(" ms; expected ")
                .append(c.expectation().label()).append(mismatch == null ? " (as expected)" : " (NOT as expected)").append('\n');
        if (mismatch != null) sb.append("mismatch: ").append(firstLine(mismatch)).append('\n');
        sb.append("scenario: ").append(Scenarios.text(v.failure().getScenario())).append('\n');
        sb.append("class:    ").append(c.testClass().getName()).append('\n');
        sb.append("\n--- minimized scenario ---\n").append(v.failure().getScenario()).append('\n');
        sb.append("\n--- Lincheck report (its detailed trace, every internal step, is in the *-model-detailed.txt next to this file) ---\n")
                .append(withoutDetailedTrace(v.report()).strip()).append("\n");
        sb.append("\n--- the structure after each operation, replayed on a fresh port ---\n");
        try {
            sb.append(ScenarioReplay.text(c.testClass(), v.failure().getScenario(), v.failure().getResults()));
        } catch (RuntimeException e) {
            sb.append("(replay failed: ").append(e).append(")\n");
        }
        return sb.append('\n').toString();
    }

    private static final String DETAILED = "Detailed trace:";

    /** Lincheck's report without its long detailed trace. */
    static String withoutDetailedTrace(String report) {
        int i = report.indexOf(DETAILED);
        return i < 0 ? report : report.substring(0, i);
    }

    private static String detailedTrace(String report) {
        int i = report.indexOf(DETAILED);
        return i < 0 ? "" : report.substring(i + DETAILED.length()).strip();
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static String lincheckVersion() {
        String v = null;
        try {
            v = org.jetbrains.kotlinx.lincheck.LinCheckerKt.getLincheckVersion();
        } catch (RuntimeException | LinkageError e) {
            // the version is only for the trace header
        }
        return v == null || v.isBlank() || v.equals("null") ? "3.7" : v;
    }
}
