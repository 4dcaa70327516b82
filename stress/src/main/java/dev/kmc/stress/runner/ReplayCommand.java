package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.ScenarioReplay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code kmc replay FILE}: re-executes the scenario of each failure in a model-engine trace on a
 * fresh port, deterministically, one operation at a time: the operation, its result next to the
 * one Lincheck recorded, and the structure after it. The parallel part follows the recorded order
 * (Lincheck's interleaving trace, or the happens-before clocks of a stress-mode run) at operation
 * granularity, and stops, saying why, where the recording switches threads inside an operation
 * or gives no order. Exit 0 if every replayed result is the recorded one, 1 if one differs.
 */
final class ReplayCommand {
    private ReplayCommand() { }

    static final String USAGE = "kmc replay FILE [--check ID] [--step]";

    static int run(List<String> args, PrintStream out, InputStream in) throws IOException {
        Path file = null;
        String check = null;
        boolean step = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--step")) {
                step = true;
            } else if (a.equals("--check")) {
                if (i + 1 >= args.size()) throw new UsageException("--check needs a value; usage: " + USAGE);
                check = args.get(++i);
            } else if (a.startsWith("-") || file != null) {
                throw new UsageException("unexpected argument '" + a + "' for replay; usage: " + USAGE);
            } else {
                file = Path.of(a);
            }
        }
        if (file == null) throw new UsageException("replay needs a trace file; usage: " + USAGE);
        FailureTrace trace = FailureTrace.read(file);
        List<FailureTrace.Failure> failures = trace.select(check);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        out.println("kmc replay: " + file);
        out.println("suite " + trace.suite() + ", variant " + trace.variant() + ", engine " + trace.engine());
        int differ = 0;
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
            out.println("order:    " + order.how());
            Object instance = ScenarioReplay.newInstance(f.testClass());
            int n = 0, diffHere = 0;
            for (FailureTrace.Op op : order.ops()) {
                ScenarioReplay.Step s = ScenarioReplay.step(instance, op.label(), op.actor(), op.recorded());
                n++;
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
                        return differ + diffHere == 0 ? 0 : 1;
                    }
                }
            }
            if (order.stop() != null) out.println("\nREPLAY STOPS: " + order.stop());
            out.println("\nreplayed " + n + " of the " + inScenario + " operations of " + f.id() + "; " + (diffHere == 0
                    ? "every result as Lincheck recorded it." : diffHere + " result(s) DIFFER from what Lincheck recorded."));
            differ += diffHere;
        }
        return differ == 0 ? 0 : 1;
    }
}
