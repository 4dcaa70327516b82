package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.Budget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The options of {@code kmc run}, validated. */
public record RunOptions(List<Suite> suites, Set<String> variants, Set<String> engines, Budget budget, Path out) {

    public static final String USAGE = "kmc run [--suite S ...] [--variant pre-fix|fixed] [--engine model|stress|all] [--budget quick|thorough] [--out DIR]";

    public static RunOptions parse(List<String> args) {
        return parse(args, Suites.ALL);
    }

    /** Parses against a given registry of suites (tests use their own). */
    public static RunOptions parse(List<String> args, List<Suite> registry) {
        List<Suite> suites = new ArrayList<>();
        Set<String> variants = new LinkedHashSet<>();
        String engine = "all";
        Budget budget = Budget.QUICK;
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--suite":
                case "--variant":
                case "--engine":
                case "--budget":
                case "--out":
                    if (value == null) {
                        if (i + 1 >= args.size()) throw new UsageException(a + " needs a value; usage: " + USAGE);
                        value = args.get(++i);
                    }
                    break;
                default:
                    throw new UsageException("unknown option '" + args.get(i) + "' for run; accepted: --suite S, "
                            + "--variant pre-fix|fixed, --engine model|stress|all, --budget quick|thorough, --out DIR");
            }
            switch (a) {
                case "--suite":
                    Suite s = Suites.byName(value, registry);
                    if (!suites.contains(s)) suites.add(s);
                    break;
                case "--variant":
                    if (!List.of("pre-fix", "fixed").contains(value)) {
                        throw new UsageException("unknown variant '" + value + "'; accepted: pre-fix, fixed");
                    }
                    variants.add(value);
                    break;
                case "--engine":
                    if (!List.of("model", "stress", "all").contains(value)) {
                        throw new UsageException("unknown engine '" + value + "'; accepted: model, stress, all");
                    }
                    engine = value;
                    break;
                case "--budget":
                    try {
                        budget = Budget.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                    break;
                default:
                    out = Path.of(value);
            }
        }
        Set<String> engines = new LinkedHashSet<>(engine.equals("all") ? List.of("model", "stress") : List.of(engine));
        if (variants.isEmpty()) variants.addAll(List.of("pre-fix", "fixed"));
        return new RunOptions(suites.isEmpty() ? registry : List.copyOf(suites), variants, engines, budget, out);
    }
}
