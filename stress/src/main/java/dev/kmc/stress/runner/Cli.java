package dev.kmc.stress.runner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * What kmc's subcommands share on top of picocli: parsing into a command object with bad usage
 * turned into a one-line {@link UsageException}, and "did you mean" for a misspelt option,
 * command or value. Picocli does the parsing and the {@code --help} text; kmc keeps its own
 * one-line error format and exit code 2.
 */
final class Cli {
    private Cli() { }

    /** A CommandLine for {@code command} set up the kmc way (no ANSI colours; {@code -} and the like are positional). */
    static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setUsageHelpWidth(100);
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        return cl;
    }

    /** Parses {@code args} into {@code command} (its {@code @Option} and {@code @Parameters} fields); bad usage: a UsageException. */
    static <T> T parse(T command, List<String> args) {
        CommandLine cl = commandLine(command);
        try {
            cl.parseArgs(args.toArray(new String[0]));
        } catch (ParameterException e) {
            throw new UsageException(oneLine(e));
        }
        return command;
    }

    /** The one-line message for a picocli parse error, with "did you mean" where something close exists. */
    static String oneLine(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        boolean top = spec.parent() == null && !spec.subcommands().isEmpty();
        String name = spec.name();
        List<String> unmatched = e instanceof CommandLine.UnmatchedArgumentException u ? u.getUnmatched()
                : e.getCommandLine().getUnmatchedArguments();
        // a misspelt option is the first thing to say, even when picocli also misses a parameter ("replay --hlep")
        if (e instanceof CommandLine.UnmatchedArgumentException || unmatched.stream().anyMatch(a -> a.startsWith("-") && !a.equals("-"))) {
            String arg = unmatched.stream().filter(a -> a.startsWith("-") && !a.equals("-")).findFirst()
                    .orElse(unmatched.isEmpty() ? "" : unmatched.get(0));
            if (top) {
                List<String> commands = new ArrayList<>(spec.subcommands().keySet());
                return "unknown command '" + arg + "'" + didYouMean(arg, commands) + "; accepted: " + String.join(", ", commands) + ", --help";
            }
            if (arg.startsWith("-") && !arg.equals("-")) {
                String bare = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                return "unknown option '" + arg + "' for " + name + didYouMean(bare, optionNames(spec))
                        + "; accepted: " + accepted(spec);
            }
            return "unexpected argument '" + arg + "' for " + name + "; usage: " + usage(spec);
        }
        if (e instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec o) {
                return o.longestName() + " needs a value; usage: " + usage(spec);
            }
            return name + " needs " + missing.paramLabel() + "; usage: " + usage(spec);
        }
        if (e instanceof CommandLine.OverwrittenOptionException) {
            return e.getMessage() + "; usage: " + usage(spec);
        }
        return e.getMessage().strip() + "; usage: " + usage(spec);
    }

    /** The synopsis line picocli prints for {@code spec}, e.g. "kmc replay [-h] [--step] [--check=ID] FILE". */
    static String usage(CommandSpec spec) {
        return new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF)).synopsis(0)
                .strip().replaceAll("\\s+", " ");
    }

    /** The options of a command as "--suite S, --out DIR" (help left out). */
    static String accepted(CommandSpec spec) {
        String options = spec.options().stream().filter(o -> !o.usageHelp() && !o.versionHelp() && !o.hidden())
                .map(o -> o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : ""))
                .collect(Collectors.joining(", "));
        return options.isEmpty() ? "only -h/--help" : options;
    }

    private static List<String> optionNames(CommandSpec spec) {
        return spec.options().stream().flatMap(o -> List.of(o.names()).stream()).toList();
    }

    /** " (did you mean 'x'?)" for the candidates close to {@code given} (edit distance at most a third of its length, or a prefix), else "". */
    static String didYouMean(String given, Collection<String> candidates) {
        String g = given.toLowerCase(Locale.ROOT);
        int limit = Math.max(1, g.replaceFirst("^-+", "").length() / 3);
        List<String> close = candidates.stream()
                .filter(c -> distance(g, c.toLowerCase(Locale.ROOT)) <= limit
                        || g.length() >= 3 && c.toLowerCase(Locale.ROOT).startsWith(g) && !g.matches("-+"))
                .sorted(Comparator.comparingInt(c -> distance(g, c.toLowerCase(Locale.ROOT))))
                .limit(3).toList();
        if (close.isEmpty()) return "";
        return " (did you mean " + close.stream().map(c -> "'" + c + "'").collect(Collectors.joining(" or ")) + "?)";
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** A value that must be one of {@code accepted}: returned, or a UsageException naming what is accepted and what is close. */
    static String oneOf(String what, String value, List<String> accepted) {
        if (accepted.contains(value)) return value;
        throw new UsageException("unknown " + what + " '" + value + "'" + didYouMean(value, accepted)
                + "; accepted: " + String.join(", ", accepted));
    }
}
