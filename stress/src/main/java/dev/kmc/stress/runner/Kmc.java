package dev.kmc.stress.runner;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The kmc command line, parsed by picocli: one subcommand per job, each with {@code -h}/{@code --help}
 * (usage, options, an example; exit 0). Bad usage: one line on stderr saying what was wrong, what
 * is accepted and, for a misspelling, what was probably meant; exit 2.
 */
@Command(name = "kmc",
        description = "kmc: kernel concurrency bugs, model-checked on the JVM. ",
        commandListHeading = "%nCommands:%n",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Every command answers -h/--help; kmc help COMMAND does the same.",
                "Exit codes: 0 every expectation held; 1 one did not; 2 bad usage or nothing to run.",
                "", "Examples:", "  kmc list", "  kmc run --suite ringbuffer --engine model", "  kmc run --help"})
public final class Kmc implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Override
    public Integer call() {
        throw new UsageException("no command; accepted: " + String.join(", ", COMMANDS) + ", --help");
    }

    static final List<String> COMMANDS = List.of("list", "run", "explore", "replay", "export-test", "snapshot", "bench",
            "new-spec", "remove-spec", "jcstress");

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err, System.in));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        return run(args, out, err, System.in);
    }

    /** The whole command line: the kmc tree of commands on these streams. */
    static CommandLine commandLine(PrintStream out, InputStream in) {
        CommandLine cl = Cli.commandLine(new Kmc());
        cl.addSubcommand(new ListCommand(out));
        cl.addSubcommand(new RunOptions.RunCommand(out));
        cl.addSubcommand(new ExploreCli(out));
        cl.addSubcommand(new ReplayCommand(out, in));
        cl.addSubcommand(new ExportTestCommand(out));
        cl.addSubcommand(new SnapshotCommand(out, in));
        cl.addSubcommand(new BenchCli(out));
        cl.addSubcommand(new NewSpecCommand(out));
        cl.addSubcommand(new RemoveSpecCommand(out));
        cl.addSubcommand(new JCStressCommand(out));
        cl.addSubcommand(new CommandLine.HelpCommand());
        // JCStress's own options (-t, -m, -jvmArgs ...) pass through as they are
        CommandLine js = cl.getSubcommands().get("jcstress");
        js.setUnmatchedOptionsArePositionalParams(true);
        js.setPosixClusteredShortOptionsAllowed(false);
        js.setEndOfOptionsDelimiter("--");
        cl.setOut(new PrintWriter(out, true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setUsageHelpWidth(100);
        return cl;
    }

    static int run(String[] args, PrintStream out, PrintStream err, InputStream in) throws Exception {
        CommandLine cl = commandLine(out, in);
        try {
            CommandLine.ParseResult parsed = cl.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                out.flush();
                return 0;
            }
            List<CommandLine> chain = parsed.asCommandLineList();
            Object command = chain.get(chain.size() - 1).getCommand();
            return ((Callable<?>) command).call() instanceof Integer code ? code : 0;
        } catch (ParameterException e) {
            err.println("kmc: " + Cli.oneLine(e));
            return 2;
        } catch (UsageException e) {
            err.println("kmc: " + e.getMessage());
            return 2;
        }
    }

    /** {@code kmc list}. */
    @Command(name = "list", header = "suites, variants, engines and the expected verdict of each check", description = "Suites, variants, engines and the expected verdict of each check.",
            footer = {"", "Example:", "  kmc list"})
    static final class ListCommand implements Callable<Integer> {
        private final PrintStream out;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        ListCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            SuiteList.print(out);
            return 0;
        }
    }

    /** {@code kmc explore}: kmc's explorer; validation and the run are in {@link ExploreCommand}. */
    @Command(name = "explore", header = "every interleaving of the ports' shared accesses, interrupts included",
            description = {"kmc's explorer: visits every interleaving of the ports' shared accesses (each a scheduling point),"
                    + " interrupts on the writer's CPU included, within each suite's stated universes, breadth-first, and says"
                    + " 'proven' only when a universe was exhausted (else which bound stopped it). A table on stdout and in"
                    + " summary.md; each violation's shortest interleaving, step by step, in <suite>/<variant>-explore.txt in a"
                    + " new results folder.",
                    "",
                    "A universe (--scenario) is one line: pinned 'init=OPS; cpu0=OPS; cpu1=OPS' or open 'open=N' (N operations"
                    + " in all, every idle CPU picking any of its operations), optionally '; irq=CPU:OP,OP:DEPTH:MAX'"
                    + " (interrupts running OP nested at any scheduling point of CPU, nested DEPTH deep, MAX per path) and"
                    + " '; atomic' (every operation one step)."},
            footer = {"", "Examples:", "  kmc explore", "  kmc explore --suite ringbuffer --exploration concurrent-irq --variant fixed",
                    "  kmc explore --suite ringbuffer --scenario 'open=6; irq=0:write(1),reserveDiscard(1):1:1'"})
    static final class ExploreCli implements Callable<Integer> {
        private final PrintStream out;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Option(names = "--suite", paramLabel = "S", description = "only this suite (default: every explorable suite)")
        String suite;

        @Option(names = "--variant", paramLabel = "pre-fix|fixed", description = "only this variant (default: both)")
        String variant;

        @Option(names = "--exploration", paramLabel = "NAME", description = "only this stated universe of the suite")
        String exploration;

        @Option(names = "--scenario", paramLabel = "UNIVERSE", description = "explore this universe instead (needs --suite)")
        String scenario;

        @Option(names = "--budget", paramLabel = "quick|thorough", description = "the suite's bounds (default quick)")
        String budget;

        @Option(names = "--max-states", paramLabel = "N", description = "state bound per exploration (overrides the budget)")
        Long maxStates;

        @Option(names = "--seconds", paramLabel = "N", description = "time bound per exploration (overrides the budget)")
        Long seconds;

        @Option(names = "--out", paramLabel = "DIR", description = "a new results folder (default kmc-results/explore-<timestamp>)")
        Path dir;

        ExploreCli(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws Exception {
            if (maxStates != null && maxStates <= 0) throw new UsageException("--max-states takes a positive whole number, got '" + maxStates + "'");
            if (seconds != null && seconds <= 0) throw new UsageException("--seconds takes a positive whole number, got '" + seconds + "'");
            return ExploreCommand.run(new ExploreCommand.Options(suite, variant, exploration, scenario, budget, maxStates, seconds, dir),
                    out);
        }
    }

    /** {@code kmc bench}: the options for help and "did you mean"; the values go on to {@link BenchCommand}, which validates them. */
    @Command(name = "bench", header = "time to detect each bug per engine, explorer speed and peak heap",
            description = "Time to detect each bug per engine (Lincheck without minimization, JCStress in the short configuration), explorer speed and peak heap; median and spread after a warm-up round. The table goes to stdout and to a new file.",
            footer = {"", "Example:", "  kmc bench --repeat 3 --suite rcu"})
    static final class BenchCli implements Callable<Integer> {
        private final PrintStream out;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
        boolean help;

        @Option(names = "--repeat", paramLabel = "N", description = "measured runs per row, 1 to 100 (default 5)")
        String repeat;

        @Option(names = "--suite", paramLabel = "S", description = "a suite (repeatable; default: all)")
        List<String> suites = new ArrayList<>();

        @Option(names = "--out", paramLabel = "FILE", description = "a new file for the table")
        String file;

        BenchCli(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws Exception {
            List<String> args = new ArrayList<>();
            forward(args, "--repeat", repeat);
            suites.forEach(s -> forward(args, "--suite", s));
            forward(args, "--out", file);
            return BenchCommand.run(args, out);
        }
    }

    private static void forward(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }

    /**
     * {@code kmc jcstress ARGS}: JCStress itself, in a child JVM whose working folder is a new
     * kmc-results/jcstress-TIMESTAMP: its result blob and report land there, not in the caller's
     * folder. Exit code: JCStress's.
     */
    @Command(name = "jcstress", header = "run JCStress itself on the harnesses",
            description = "Run JCStress itself on kmc's harnesses, in a child JVM whose working folder is a new kmc-results/jcstress-<timestamp> (its result blob and HTML report land there). Every argument goes to JCStress as it is; common ones: -t REGEX (tests), -m quick|default|tough (mode), -time MS, -iters N, -jvmArgs OPTS, -l (list the matching tests and exit). Exit code: JCStress's.",
            footer = {"", "Examples:", "  kmc jcstress -t EmptyVsPeekAfterDiscard",
                    "  kmc jcstress -t 'DoubleCallRcu.PreFix' -m quick"})
    static final class JCStressCommand implements Callable<Integer> {
        private final PrintStream out;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit (JCStress's own help: kmc jcstress -- -h)")
        boolean help;

        @Parameters(paramLabel = "JCSTRESS-ARGS", arity = "0..*", description = "passed to JCStress as they are")
        List<String> args = new ArrayList<>();

        JCStressCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws Exception {
            Path dir = Runner.newResultsFolder("jcstress");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", ChildJvm.absoluteClassPath(), "org.openjdk.jcstress.Main"));
            cmd.addAll(args);
            if (!args.contains("-r")) cmd.addAll(List.of("-r", dir.resolve("report").toString()));
            out.println("kmc jcstress: results in " + dir);
            out.flush();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
            dev.kmc.stress.Children.register(p);
            try {
                return p.waitFor();
            } finally {
                dev.kmc.stress.Children.unregister(p);
            }
        }
    }
}
