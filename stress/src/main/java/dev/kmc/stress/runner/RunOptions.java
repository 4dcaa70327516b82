package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.Budget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The options of {@code kmc run}, validated. */
public record RunOptions(List<Suite> suites, Set<String> variants, Set<String> engines, Budget budget, Path out) {

    public static RunOptions parse(List<String> args) {
        return parse(args, Suites.ALL);
    }

    /** Parses against a given registry of suites (tests use their own). */
    public static RunOptions parse(List<String> args, List<Suite> registry) {
        return Cli.parse(new RunCommand(null), args).options(registry);
    }

    /** {@code kmc run}: the command line picocli parses. */
    @Command(name = "run", header = "run the suites (default: all, both variants, all three engines, quick budget)",
            description = "Run the suites: the canary first, then each selected suite variant on each selected engine, every check group in a child JVM with a hard time limit. Default: all suites, both variants, all three engines (Lincheck, JCStress, kmc's explorer), quick budget, results in a new folder kmc-results/run-<timestamp>. Exit 0: every expectation held; 1: one did not; 2: bad usage or a selection that runs nothing.",
            footer = {"", "Examples:", "  kmc run --suite ringbuffer --engine model",
                    "  kmc run --variant fixed --budget thorough --out /tmp/overnight"})
    static final class RunCommand implements Callable<Integer> {
        private final PrintStream console;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Option(names = "--suite", paramLabel = "S", description = "a suite (repeatable; kmc list names them)")
        List<String> suites = new ArrayList<>();

        @Option(names = "--variant", paramLabel = "pre-fix|fixed", description = "only this variant (repeatable)")
        List<String> variants = new ArrayList<>();

        @Option(names = "--engine", paramLabel = "model|stress|explore|all",
                description = "model: Lincheck; stress: JCStress; explore: kmc's explorer (every interleaving of the stated universes); all (default)")
        String engine = "all";

        @Option(names = "--budget", paramLabel = "quick|thorough", description = "quick (default) or thorough (overnight)")
        String budget = "quick";

        @Option(names = "--out", paramLabel = "DIR", description = "a new (or empty) results folder")
        Path out;

        RunCommand(PrintStream console) {
            this.console = console;
        }

        RunOptions options(List<Suite> registry) {
            List<Suite> chosen = new ArrayList<>();
            for (String s : suites) {
                Suite suite = Suites.byName(s, registry);
                if (!chosen.contains(suite)) chosen.add(suite);
            }
            Set<String> vs = new LinkedHashSet<>();
            for (String v : variants) vs.add(Cli.oneOf("variant", v, List.of("pre-fix", "fixed")));
            if (vs.isEmpty()) vs.addAll(List.of("pre-fix", "fixed"));
            String e = Cli.oneOf("engine", engine, List.of("model", "stress", "explore", "all"));
            Set<String> engines = new LinkedHashSet<>(e.equals("all") ? List.of("model", "stress", "explore") : List.of(e));
            Budget b;
            try {
                b = Budget.parse(budget);
            } catch (IllegalArgumentException ex) {
                throw new UsageException(ex.getMessage());
            }
            return new RunOptions(chosen.isEmpty() ? registry : List.copyOf(chosen), vs, engines, b, out);
        }

        @Override
        public Integer call() throws Exception {
            return new Runner(options(Suites.ALL), console).run();
        }
    }
}
