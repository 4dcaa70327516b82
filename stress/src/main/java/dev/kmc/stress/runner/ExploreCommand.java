package dev.kmc.stress.runner;

import dev.kmc.checks.explore.ExplorationReport;
import dev.kmc.checks.explore.Explorations;
import dev.kmc.checks.explore.Explorer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kmc explore}: exhaustive exploration of every configuration (or one suite's), a
 * markdown table on stdout, and the shortest counterexamples, step by step, in a file.
 */
final class ExploreCommand {
    private ExploreCommand() { }

    static final String USAGE = "kmc explore [--suite ringbuffer|rcu] [--max-states N] [--seconds N] [--out FILE]";

    static int run(List<String> args, PrintStream out) throws IOException {
        String suite = null;
        long maxStates = 1_000_000;
        long seconds = 60;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!List.of("--suite", "--max-states", "--seconds", "--out").contains(a)) {
                throw new UsageException("unknown option '" + a + "' for explore; accepted: --suite ringbuffer|rcu, --max-states N, --seconds N, --out FILE");
            }
            if (i + 1 >= args.size()) throw new UsageException(a + " needs a value; usage: " + USAGE);
            String v = args.get(++i);
            switch (a) {
                case "--suite":
                    if (!List.of("ringbuffer", "rcu").contains(v)) {
                        throw new UsageException("unknown suite '" + v + "' for explore; accepted: ringbuffer, rcu");
                    }
                    suite = v;
                    break;
                case "--max-states": maxStates = positive(a, v); break;
                case "--seconds": seconds = positive(a, v); break;
                default: file = Path.of(v);
            }
        }
        if (file == null) file = Path.of("kmc-results", "explore-" + System.currentTimeMillis() + ".md");
        if (Files.exists(file)) {
            throw new UsageException("output file '" + file + "' already exists; kmc never overwrites results: name a new file");
        }
        Explorer.Limits limits = Explorer.Limits.of(maxStates, 1000, seconds * 1000);
        out.println("| suite | configuration | variant | states | transitions | max depth | complete | violating states | shortest violation | time |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        StringBuilder details = new StringBuilder("# kmc explore\n\nlimits: " + maxStates + " states, " + seconds + " s per configuration\n\n");
        List<String> rows = new ArrayList<>();
        for (Explorations.Config c : Explorations.all()) {
            if (suite != null && !c.suite().equals(suite)) continue;
            ExplorationReport r = c.run(limits);
            String row = String.format("| %s | %s | %s | %,d | %,d | %d | %s | %s | %s | %.1f s |", c.suite(), c.name(), c.variant(),
                    r.states(), r.transitions(), r.maxDepth(), r.complete() ? "yes" : "no: " + r.stoppedBy(),
                    r.violatingStates() == 0 ? "0" : r.violatingStates() + " " + r.violationsByKind(),
                    r.shortestPath().isEmpty() && r.shortestViolation() == null ? "-" : r.shortestPath().size() + " ops",
                    r.millis() / 1000.0);
            out.println(row);
            rows.add(row);
            details.append("## ").append(r.name()).append("\n\n").append(r.summary()).append("\n\n```\n")
                    .append(r.counterexample()).append("```\n\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.join("\n", rows) + "\n\n" + details);
        out.println("\ncounterexamples, step by step: " + file);
        return 0;
    }

    private static long positive(String option, String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new UsageException(option + " takes a positive whole number, got '" + v + "'");
    }
}
