package dev.kmc.stress.runner;

import dev.kmc.checks.explore.Counterexample;
import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.ExploreTrace;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.Machine;
import dev.kmc.checks.explore.Universe;
import dev.kmc.model.mem.Memory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays of kmc's explorer, atomic step by atomic step, for {@code kmc replay}: a counterexample of
 * an explore trace ({@code <variant>-explore.txt}), and the steps of an interleaving the explorer
 * found for a Lincheck failure. Every step is printed with its CPU (or interrupt), the port
 * function and line of each shared access, the primitive, the cell and the value, and the
 * structure after it.
 */
final class ExploreReplay {
    private ExploreReplay() { }

    /** True if the file is an explore trace (its first line). */
    static boolean isExploreTrace(Path file) {
        try {
            return ExploreTrace.is(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** One counterexample of a trace, read and resolved against the explorer's registry; bad input is a UsageException. */
    record Loaded(ExploreTrace.Entry entry, int number, int of, Universe universe, Function<Memory, Machine> factory) { }

    static Loaded load(Path file, Integer number) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        List<ExploreTrace.Entry> entries;
        try {
            entries = ExploreTrace.read(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new UsageException(file + " has no counterexample: every universe in it was clean, so there is nothing to replay");
        }
        int n = number == null ? 1 : number;
        if (n < 1 || n > entries.size()) {
            throw new UsageException("no counterexample " + n + " in " + file + "; it has "
                    + (entries.size() == 1 ? "only counterexample 1" : "counterexamples 1 to " + entries.size()));
        }
        ExploreTrace.Entry e = entries.get(n - 1);
        try {
            Universe u = e.universe();
            return new Loaded(e, n, entries.size(), u, ExploreSuites.machine(e.suite(), e.exploration(), e.variant()));
        } catch (IllegalArgumentException x) {
            throw new UsageException(file + ": counterexample " + n + ": " + x.getMessage());
        }
    }

    private static final Pattern DIVERGES = Pattern.compile("^step (\\d+) ");

    /** The replay of an interleaving, or where it could not be taken. */
    record Run(Counterexample cx, String divergence) { }

    /**
     * Replays the tokens; if a step cannot be taken, replays the steps before it and says which
     * step diverged (the replay's own words).
     */
    static Run run(Function<Memory, Machine> factory, Universe universe, List<String> tokens, String wanted) {
        try {
            return new Run(InterleavingExplorer.replay(factory, universe, tokens, wanted), null);
        } catch (IllegalArgumentException e) {
            Matcher m = DIVERGES.matcher(String.valueOf(e.getMessage()));
            if (!m.find()) throw e;
            int k = Integer.parseInt(m.group(1));
            return new Run(InterleavingExplorer.replay(factory, universe, tokens.subList(0, k - 1), wanted), e.getMessage());
        }
    }

    /** The first step whose outcome shows a violation of {@code kind}, or -1. */
    static int stepReaching(Counterexample cx, String kind) {
        for (Counterexample.Step s : cx.steps()) {
            for (String line : s.outcome().split("\n")) {
                if (line.startsWith(kind + ":")) return s.index();
            }
        }
        return -1;
    }

    /**
     * Prints the initial state and every step; with {@code stdin} non-null waits for Enter after
     * each (q stops). Returns the number of steps shown, or -(steps shown) if the user quit.
     */
    static int print(Counterexample cx, int total, PrintStream out, BufferedReader stdin) throws IOException {
        out.println();
        out.print(cx.initial());
        boolean step = stdin != null;
        int n = 0;
        for (Counterexample.Step s : cx.steps()) {
            n++;
            out.printf("%nstep %d/%d  %-16s %s   [%s]%n", s.index(), total, s.cpu(), s.action(), s.token());
            for (Counterexample.Access a : s.accesses()) out.printf("        %-26s %s%n", a.function(), a.text());
            if (!s.outcome().isEmpty()) {
                for (String line : s.outcome().split("\n")) out.println("        => " + line);
            }
            if (s.changed()) {
                for (String line : s.structure().split("\n")) out.println("    | " + line);
            } else {
                out.println("    | (structure unchanged)");
            }
            if (step && n < cx.steps().size()) {
                out.print("-- Enter: next step, q: quit -- ");
                out.flush();
                String answer = stdin.readLine();
                if (answer == null) {
                    step = false;
                } else if (answer.strip().equalsIgnoreCase("q")) {
                    out.println("(stopped at step " + n + ")");
                    return -n;
                }
            }
        }
        return n;
    }

    /** {@code kmc replay} of an explore trace. Exit 0: the replay reaches the recorded violation; 1: it does not. */
    static int replayTrace(Path file, Integer number, PrintStream out, BufferedReader stdin) throws IOException {
        return replayTrace(file, number, out, stdin, null);
    }

    /** The same, and with {@code reportDir} (a new folder) a report.html that steps through the replayed interleaving. */
    static int replayTrace(Path file, Integer number, PrintStream out, BufferedReader stdin, Path reportDir) throws IOException {
        Loaded l = load(file, number);
        ExploreTrace.Entry e = l.entry();
        out.println("kmc replay: " + file);
        out.println("explore trace: suite " + e.suite() + ", variant " + e.variant() + ", exploration " + e.exploration());
        out.println("counterexample " + l.number() + " of " + l.of() + ": " + e.kind()
                + (number == null && l.of() > 1 ? " (the first; --counterexample N picks another)" : ""));
        out.println("universe:     " + l.universe().describe());
        out.println("recorded:     " + e.violation());
        out.println("interleaving: " + e.interleaving().size() + " atomic steps, replayed through kmc's explorer on a fresh port");
        Run r;
        try {
            r = run(l.factory(), l.universe(), e.interleaving(), e.kind());
        } catch (IllegalArgumentException x) {
            throw new UsageException(file + ": counterexample " + l.number() + ": " + x.getMessage());
        }
        int shown = print(r.cx(), e.interleaving().size(), out, stdin);
        int at = stepReaching(r.cx(), e.kind());
        out.println();
        if (reportDir != null) {
            Path dir = Runner.prepareOutput(reportDir);
            String verdict = r.divergence() != null ? "diverges" : at > 0 ? "reaches " + e.kind() : "does not reach " + e.kind();
            Path report = dev.kmc.stress.report.HtmlReport.write(dir, new dev.kmc.stress.report.ReportData(
                    "kmc replay", "kmc replay " + file + (number == null ? "" : " --counterexample " + number),
                    List.of(new dev.kmc.stress.report.ReportData.Row(e.suite(), e.variant(), "explore (replay)", e.exploration(),
                            e.kind(), verdict, r.divergence() == null && at > 0, 0, null)),
                    List.of(new dev.kmc.stress.report.ReportData.Failure(e.suite(), e.variant(), e.exploration(), r.cx(), null)),
                    List.of()));
            out.println("report (open from disk): " + report);
        }
        if (r.divergence() != null) {
            out.println("DIVERGES: " + r.divergence() + "; the port no longer takes this interleaving, so the recorded violation ("
                    + e.kind() + ") is NOT reached.");
            return 1;
        }
        if (at > 0) {
            out.println((shown < 0 ? "(the whole replay, not shown past step " + -shown + ") " : "")
                    + "REACHES the recorded violation at step " + at + " of " + e.interleaving().size() + ": " + e.kind()
                    + ", as recorded.\n  " + r.cx().message());
            return 0;
        }
        out.println("DOES NOT REACH the recorded violation (" + e.kind() + "): " + (r.cx().kind().equals("none")
                ? "no violation on this interleaving" : "the replay meets " + r.cx().kind() + " instead: " + r.cx().message()) + ".");
        return 1;
    }

    // ---- Lincheck failures whose interleaving switches threads inside an operation ----------------

    /** The bounds of the search for the recorded results. */
    static final InterleavingExplorer.Limits SEARCH = InterleavingExplorer.Limits.of(2_000_000, 120_000);

    /**
     * A Lincheck scenario pinned on the explorer's machine of a suite: each Lincheck thread on the
     * CPU whose alphabet has all its operations, the post part appended to a CPU that has all of
     * it (started only once every other CPU is done), and the recorded results per CPU.
     */
    record Pinned(Universe universe, int[] postFrom, List<List<String>> results, String mapping, Function<Memory, Machine> factory) { }

    /**
     * Pins the scenario; an IllegalArgumentException says why it cannot be (an operation no CPU
     * has, no CPU for a thread, a missing recorded result).
     */
    static Pinned pin(String suite, String variant, List<String> init, List<List<String>> threads, List<String> post,
                      List<List<String>> recorded) {
        Function<Memory, Machine> factory = ExploreSuites.suite(suite).variant(variant).factory();
        Machine m = factory.apply(new Memory());
        int ncpu = m.cpus();
        if (threads.size() > ncpu) {
            throw new IllegalArgumentException("the scenario has " + threads.size() + " threads; the explorer's " + suite
                    + " machine has " + ncpu + " CPUs");
        }
        int[] cpuOf = new int[threads.size()];
        if (!assign(m, threads, 0, cpuOf, new boolean[ncpu])) {
            throw new IllegalArgumentException("no assignment of the scenario's threads to the explorer's CPUs gives every thread"
                    + " a CPU that runs all its operations (" + cpus(m) + ")");
        }
        int postCpu = -1;
        for (int c = 0; c < ncpu && postCpu < 0 && !post.isEmpty(); c++) {
            if (m.operations(c).containsAll(post)) postCpu = c;
        }
        if (!post.isEmpty() && postCpu < 0) {
            throw new IllegalArgumentException("no CPU of the explorer's machine runs every post operation " + post + " (" + cpus(m) + ")");
        }
        List<List<String>> programs = new ArrayList<>();
        List<List<String>> results = new ArrayList<>();
        for (int c = 0; c < ncpu; c++) {
            programs.add(new ArrayList<>());
            results.add(new ArrayList<>());
        }
        List<String> mapping = new ArrayList<>();
        for (int t = 0; t < threads.size(); t++) {
            programs.get(cpuOf[t]).addAll(threads.get(t));
            results.get(cpuOf[t]).addAll(recorded.get(1 + t));
            mapping.add("thread " + (t + 1) + " -> " + m.cpuName(cpuOf[t]));
        }
        int[] postFrom = new int[ncpu];
        for (int c = 0; c < ncpu; c++) postFrom[c] = programs.get(c).size();
        if (postCpu >= 0) {
            programs.get(postCpu).addAll(post);
            results.get(postCpu).addAll(recorded.get(1 + threads.size()));
            mapping.add("post -> " + m.cpuName(postCpu) + ", after every other CPU is done");
        }
        for (int c = 0; c < ncpu; c++) {
            if (results.get(c).size() != programs.get(c).size() || results.get(c).contains(null)) {
                throw new IllegalArgumentException("the trace does not record every result of the scenario, so there are no exact"
                        + " results to search for");
            }
        }
        for (String op : init) {
            boolean known = false;
            for (int c = 0; c < ncpu; c++) known |= m.operations(c).contains(op);
            if (!known) throw new IllegalArgumentException("no CPU of the explorer's machine runs the init operation " + op);
        }
        Universe u = Universe.pinned("lincheck-scenario", init, programs);
        return new Pinned(u, postFrom, results, String.join(", ", mapping), factory);
    }

    private static boolean assign(Machine m, List<List<String>> threads, int t, int[] cpuOf, boolean[] used) {
        if (t == threads.size()) return true;
        for (int c = 0; c < m.cpus(); c++) {
            if (used[c] || !m.operations(c).containsAll(threads.get(t))) continue;
            used[c] = true;
            cpuOf[t] = c;
            if (assign(m, threads, t + 1, cpuOf, used)) return true;
            used[c] = false;
        }
        return false;
    }

    private static String cpus(Machine m) {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < m.cpus(); c++) parts.add(m.cpuName(c) + ": " + String.join(" ", m.operations(c)));
        return String.join("; ", parts);
    }

    /**
     * The replay of a Lincheck failure whose interleaving switches threads inside an operation:
     * the explorer re-finds the recorded results on the scenario and replays its shortest
     * interleaving that yields exactly them. Exit code: 0 if found and replayed, 1 if not (or the
     * suite is not explorable, said why).
     */
    static int replayLincheck(String suite, String variant, List<String> init, List<List<String>> threads, List<String> post,
                              List<List<String>> recorded, PrintStream out, BufferedReader stdin) throws IOException {
        Pinned p;
        try {
            p = pin(suite, variant, init, threads, post, recorded);
        } catch (IllegalArgumentException e) {
            out.println("\nCANNOT REPLAY on kmc's explorer: " + e.getMessage() + ".");
            return 1;
        }
        out.println("replay:   RE-FOUND, NOT TRANSLATED. kmc does not map Lincheck's switch points (lines of its trace, method calls"
                + " of the Lincheck-side port) onto the port's memory accesses, which it cannot do reliably. Instead kmc's explorer"
                + " searched every interleaving of this scenario's shared accesses on the " + suite + " " + variant + " port,"
                + " breadth-first, for the shortest one whose results are exactly the ones Lincheck recorded, and replays that one,"
                + " atomic step by atomic step. It yields the same results; it need not switch where Lincheck's did.");
        out.println("pinned:   " + p.universe().describe() + " (" + p.mapping() + ")");
        InterleavingExplorer.Result r = InterleavingExplorer.findResults("lincheck scenario [" + variant + "]", p.factory(),
                p.universe(), p.results(), p.postFrom(), SEARCH);
        InterleavingExplorer.Finding f = r.findings().get(InterleavingExplorer.RESULTS_FOUND);
        if (f == null) {
            out.printf("search:   %,d states, %s%n", r.states(), r.complete() ? "complete" : "stopped by " + r.stoppedBy());
            out.println("\nNOT FOUND: " + (r.complete() ? "no interleaving of the scenario on kmc's explorer" : "no interleaving within"
                    + " the search bounds") + " yields the recorded results " + p.results() + ", so there is nothing to replay."
                    + " Lincheck's trace in the file shows its interleaving.");
            return 1;
        }
        out.printf("search:   found after %,d states; the shortest such interleaving has %d atomic steps%n", r.states(), f.shortest());
        out.println("interleaving: " + f.counterexample().interleavingLine());
        Counterexample cx = InterleavingExplorer.replay(p.factory(), p.universe(), f.counterexample().interleaving(), "not linearizable");
        if (print(cx, cx.steps().size(), out, stdin) < 0) return 0;
        out.println();
        out.println("results on this interleaving: " + f.message().substring(InterleavingExplorer.RESULTS_FOUND.length() + 2)
                + " -- every result as Lincheck recorded it.");
        if (!cx.kind().equals("none")) out.println("violation met: " + cx.message());
        return 0;
    }
}
