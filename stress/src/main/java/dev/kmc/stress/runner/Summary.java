package dev.kmc.stress.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The summary table, printed and written to summary.md with links to the traces and the JCStress report. */
final class Summary {
    private Summary() { }

    /** Prints and writes the table; returns true if every expectation held. */
    static boolean write(Path dir, List<CheckResult> results, PrintStream out) throws IOException {
        return write(dir, results, out, null);
    }

    /** The same for a run that was interrupted: {@code interruption} says so, first and last (null: it was not). */
    static boolean write(Path dir, List<CheckResult> results, PrintStream out, String interruption) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| suite | variant | engine | check | expected | observed | time to verdict | trace file |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        boolean allMet = true;
        // Grouped by suite, in the order the suites first reported (JCStress runs every suite's harnesses at the end).
        List<String> order = results.stream().map(CheckResult::suite).distinct().toList();
        List<CheckResult> grouped = results.stream().sorted(java.util.Comparator.comparingInt(r -> order.indexOf(r.suite()))).toList();
        for (CheckResult r : grouped) {
            allMet &= r.met();
            String trace = r.traceFile() == null ? "-" : "[" + r.traceFile() + "](" + r.traceFile() + ")";
            md.append(String.format("| %s | %s | %s | %s | %s | %s%s | %.1f s | %s |%n", r.suite(), r.variant(), r.engine(),
                    r.check(), r.expected(), r.observed(), r.met() ? "" : " **(not as expected: " + r.note().replace("|", "\\|") + ")**",
                    r.millis() / 1000.0, trace));
        }
        out.println();
        out.print(md);
        StringBuilder file = new StringBuilder("# kmc run summary\n\n");
        if (interruption != null) file.append("**INTERRUPTED.** ").append(interruption).append("\n\n");
        file.append(md);
        if (Files.isDirectory(dir.resolve("jcstress"))) {
            try (var suites = Files.list(dir.resolve("jcstress"))) {
                for (Path s : suites.sorted().toList()) {
                    String rel = "jcstress/" + s.getFileName() + "/report/index.html";
                    if (Files.exists(dir.resolve(rel))) {
                        file.append("\nJCStress report for ").append(s.getFileName()).append(": [").append(rel).append("](").append(rel).append(")\n");
                    }
                }
            }
        }
        if (interruption != null) {
            allMet = false;
            file.append("\n**The run was interrupted: this summary is partial.**\n");
            out.println("\n" + interruption);
        } else {
            file.append("\n").append(allMet ? "Every expectation held.\n" : "**Some expectations did not hold.**\n");
        }
        Files.writeString(dir.resolve("summary.md"), file);
        return allMet;
    }
}
