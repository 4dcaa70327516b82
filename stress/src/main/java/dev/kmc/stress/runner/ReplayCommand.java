package dev.kmc.stress.runner;

import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.lincheck.ScenarioReplay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmc replay FILE}: re-executes the scenario of each failure in a model-engine trace on a
 * fresh port, deterministically, one operation at a time: the operation, its result next to the
 * one Lincheck recorded, and the structure after it. The parallel part follows the recorded order
 * (Lincheck's interleaving trace, or the happens-before clocks of a stress-mode run) at operation
 * granularity, and stops, saying why, where the recording switches threads inside an operation
 * or gives no order. Exit 0 if every replayed result is the recorded one, 1 if one differs or if
 * a failure had no recorded result to compare (a replay that compared nothing confirms nothing).
 */
@Command(name = "replay", header = "re-execute a saved failure step by step, following the recorded interleaving",
        description = "Re-execute each failure of a model-engine trace (<variant>-model.txt) on a fresh port, one operation at a time, following the recorded interleaving: each result next to the recorded one and the structure after it. Exit 0: every replayed result as recorded; 1: one differs, or nothing could be compared (the trace recorded no results); 2: bad usage.",
        footer = {"", "Example:", "  kmc replay kmc-results/run-20260101-120000/ringbuffer/pre-fix-model.txt --check pinned-mc --step"})
final class ReplayCommand implements Callable<Integer> {
    private final PrintStream out;
    private final InputStream in;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "a failure trace written by kmc run")
    Path file;

    @Option(names = "--check", paramLabel = "ID", description = "replay only this check's failure")
    String check;

    @Option(names = "--step", description = "wait for Enter between steps (q stops)")
    boolean step;

    @Option(names = "--out", paramLabel = "DIR", description = "explore traces: also write report.html, stepping through the replay, in this new folder")
    Path reportDir;

    @Option(names = "--counterexample", paramLabel = "N", description = "explore traces: replay counterexample N (default: the first)")
    Integer counterexample;

    ReplayCommand(PrintStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    static int run(List<String> args, PrintStream out, InputStream in) throws IOException {
        return Cli.parse(new ReplayCommand(out, in), args).call();
    }

    private static boolean explorable(String suite) {
        return ExploreSuites.ALL.stream().anyMatch(s -> s.name().equals(suite));
    }

    private static List<String> calls(List<Actor> actors) {
        return actors.stream().map(ScenarioReplay::call).collect(Collectors.toList());
    }

    @Override
    public Integer call() throws IOException {
        boolean step = this.step;
        if (ExploreReplay.isExploreTrace(file)) {
            if (check != null) {
                throw new UsageException("--check picks a failure of a model-engine trace; " + file
                        + " is an explore trace: pick a counterexample with --counterexample N");
            }
            return ExploreReplay.replayTrace(file, counterexample, out,
                    step ? new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)) : null, reportDir);
        }
        if (reportDir != null) {
            throw new UsageException("--out writes the report of an explore trace's replay; " + file + " is a model-engine trace,"
                    + " whose report.html kmc run already wrote in its results folder");
        }
        if (counterexample != null) {
            throw new UsageException("--counterexample picks a counterexample of an explore trace (<variant>-explore.txt); " + file
                    + " is not one: pick a failure with --check ID");
        }
        FailureTrace trace = FailureTrace.read(file);
        List<FailureTrace.Failure> failures = trace.select(check);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.println("kmc replay: " + file);
        out.println("suite " + trace.suite() + ", variant " + trace.variant() + ", engine " + trace.engine());
        int differ = 0, uncompared = 0;
        for (FailureTrace.Failure f : failures) {
            FailureTrace.Order order = f.order();
            int total = order.ops().size();
            int inScenario = f.scenario().getInitExecution().size() + f.scenario().getPostExecution().size()
                    + f.scenario().getParallelExecution().stream().mapToInt(List::size).sum();
            out.println();
            out.println("=".repeat(100));
            out.println("check:    " + f.id() + ": " + f.description());
            out.println("failure:  " + f.kind() + " on " + f.className());
            out.println("scenario: " + f.scenarioText());
            if (order.switchesInside() && explorable(trace.suite())) {
                out.println("order:    " + order.stop().lines().findFirst().orElse("")
                        .replaceFirst(", after these of its steps:$", "."));
                ExecutionScenario s = f.scenario();
                List<List<String>> threads = new ArrayList<>();
                for (List<Actor> t : s.getParallelExecution()) threads.add(calls(t));
                List<List<String>> rec = f.recordedByPart();
                int code = rec == null ? 1 : ExploreReplay.replayLincheck(trace.suite(), trace.variant().split("\\s+")[0],
                        calls(s.getInitExecution()), threads, calls(s.getPostExecution()), rec, out, step ? stdin : null);
                if (rec == null) out.println("\nCANNOT REPLAY on kmc's explorer: the trace records no results to search for.");
                if (code != 0) differ++;
                continue;
            }
            out.println("order:    " + order.how());
            Object instance = ScenarioReplay.newInstance(f.testClass());
            int n = 0, diffHere = 0, compared = 0;
            for (FailureTrace.Op op : order.ops()) {
                ScenarioReplay.Step s = ScenarioReplay.step(instance, op.label(), op.actor(), op.recorded());
                n++;
                if (s.recorded() != null) compared++;
                boolean differs = s.recorded() != null && !s.recorded().equals(s.result());
                if (differs) diffHere++;
                out.printf("%nstep %d/%d  [%s] %s: %s%s%n", n, total, s.part(), s.call(), s.result(),
                        s.recorded() == null ? "" : differs ? "   <- DIFFERS: Lincheck recorded " + s.recorded() : "   (as recorded)");
                out.println(s.state().lines().map(l -> "    " + l).collect(Collectors.joining("\n")));
                if (step && (n < total || failures.indexOf(f) < failures.size() - 1)) {
                    out.print("-- Enter: next step, q: quit -- ");
                    out.flush();
                    String answer = stdin.readLine();
                    if (answer == null) {
                        step = false;   // no more input: go on without pausing
                    } else if (answer.strip().equalsIgnoreCase("q")) {
                        out.println("(stopped at step " + n + ")");
                        return differ + diffHere + uncompared == 0 && compared > 0 ? 0 : 1;
                    }
                }
            }
            if (order.stop() != null) {
                out.println("\nREPLAY STOPS: " + order.stop());
                if (order.switchesInside()) {
                    out.println("(kmc's explorer could replay it atomic step by atomic step, but suite " + trace.suite()
                            + " is not registered with it yet: ExploreSuites.ALL)");
                }
            }
            String verdict;
            if (compared == 0) {
                uncompared++;
                verdict = "NOTHING COMPARED: the trace records no result for any of them (a truncated or hand-edited"
                        + " trace?), so this replay shows what the port does but cannot confirm the recording.";
            } else if (diffHere > 0) {
                verdict = diffHere + " result(s) DIFFER from what Lincheck recorded.";
            } else {
                verdict = (compared == n ? "every result" : "the " + compared + " recorded result(s)") + " as Lincheck recorded it"
                        + (compared == n ? "." : "; " + (n - compared) + " step(s) had no recorded result to compare.");
            }
            out.println("\nreplayed " + n + " of the " + inScenario + " operations of " + f.id() + "; " + verdict);
            differ += diffHere;
        }
        return differ == 0 && uncompared == 0 ? 0 : 1;
    }
}
