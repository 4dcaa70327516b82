package dev.kmc.stress.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The kmc command line. Bad usage: one line on stderr saying what was wrong and what is accepted, exit 2. */
public final class Kmc {
    private Kmc() { }

    static final String HELP = String.join("\n",
            "kmc: kernel concurrency bugs, model-checked on the JVM",
            "",
            "usage:",
            "  kmc list                 suites, variants, engines and the expected verdict of each check",
            "  " + RunOptions.USAGE,
            "                           run the suites (default: all suites, both variants, both engines,",
            "                           quick budget, results in a new folder kmc-results/run-<timestamp>)",
            "  " + ExploreCommand.USAGE,
            "                           exhaustive state exploration of the ports (default: 1,000,000 states,",
            "                           60 s per configuration); counterexamples go to a new file",
            "  " + ReplayCommand.USAGE,
            "                           re-execute a saved failure (a <variant>-model.txt trace) step by step,",
            "                           following the recorded interleaving; --step waits for Enter between steps",
            "  " + ExportTestCommand.USAGE,
            "                           write a JUnit regression test pinning a saved failure into",
            "                           checks/src/test/java/dev/kmc/checks/regression/ (fails pre-fix, passes fixed)",
            "  " + SnapshotCommand.USAGE,
            "                           evaluate a ring-buffer per-CPU snapshot copied out of a kernel (format: README)",
            "  " + BenchCommand.USAGE,
            "                           time to detect each bug per engine, explorer speed and peak heap",
            "                           (median and spread after a warm-up); the table goes to a new file",
            "  " + NewSpecCommand.USAGE,
            "                           scaffold a new suite (see docs/adding-a-spec.md)",
            "  kmc jcstress ARGS...     run JCStress itself on the harnesses, e.g. kmc jcstress -t EmptyVsPeek",
            "  kmc --help               this text",
            "",
            "exit codes: 0 every expectation held; 1 one did not; 2 bad usage or nothing to run");

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * JCStress itself, in a child JVM whose working folder is a new kmc-results/jcstress-TIMESTAMP:
     * its result blob and report land there, not in the caller's folder. Exit code: JCStress's.
     */
    static int jcstress(List<String> args, PrintStream out) throws Exception {
        Path dir = Runner.newResultsFolder("jcstress");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ChildJvm.absoluteClassPath(), "org.openjdk.jcstress.Main"));
        cmd.addAll(args);
        if (!args.contains("-r")) cmd.addAll(List.of("-r", dir.resolve("report").toString()));
        out.println("kmc jcstress: results in " + dir);
        out.flush();
        return new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start().waitFor();
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            err.println("kmc: no command; accepted: list, run, explore, replay, export-test, snapshot, bench, new-spec, jcstress, --help");
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "--help":
                case "-h":
                case "help":
                    out.println(HELP);
                    return 0;
                case "list":
                    if (!rest.isEmpty()) throw new UsageException("list takes no arguments, got " + rest);
                    SuiteList.print(out);
                    return 0;
                case "run":
                    return new Runner(RunOptions.parse(rest), out).run();
                case "explore":
                    return ExploreCommand.run(rest, out);
                case "replay":
                    return ReplayCommand.run(rest, out, System.in);
                case "export-test":
                    return ExportTestCommand.run(rest, out);
                case "snapshot":
                    return SnapshotCommand.run(rest, out, System.in);
                case "bench":
                    return BenchCommand.run(rest, out);
                case "new-spec":
                    return NewSpecCommand.run(rest, out);
                case "jcstress":
                    return jcstress(rest, out);
                default:
                    throw new UsageException("unknown command '" + args[0] + "'; accepted: list, run, explore, replay, export-test, snapshot, bench, new-spec, jcstress, --help");
            }
        } catch (UsageException e) {
            err.println("kmc: " + e.getMessage());
            return 2;
        }
    }
}
