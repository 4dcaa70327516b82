package dev.kmc.stress.runner;

import dev.kmc.checks.lincheck.Regression;
import dev.kmc.checks.lincheck.ScenarioReplay;
import dev.kmc.checks.lincheck.Scenarios;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;

/**
 * A model-engine failure trace of {@code kmc run} ({@link ModelWorker}, {@link TraceWriter}),
 * read back: the header, then per failing check its {@code check:}, {@code verdict:},
 * {@code scenario:} and {@code class:} lines and Lincheck's report, whose results table and
 * interleaving trace give what each operation returned and in which order the threads ran.
 * Bad files are {@link UsageException}s that say what was expected.
 */
record FailureTrace(Path file, String suite, String variant, String engine, List<Failure> failures) {

    private static final String MAGIC = "kmc failure trace";
    private static final String SECTION = "=".repeat(100);
    private static final String APPENDIX = "#".repeat(100);

    static FailureTrace read(Path file) {
        List<String> lines;
        try {
            lines = Files.readString(file).lines().collect(Collectors.toList());
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " is not a kmc failure trace: it is not text");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
            throw new UsageException(file + " is not a kmc failure trace: " + (lines.isEmpty() ? "it is empty"
                    : "its first line is '" + abbreviate(lines.get(0)) + "'") + ", expected '" + MAGIC
                    + "' (kmc run writes them as <out>/<suite>/<variant>-model.txt)");
        }
        String engine = header(lines, "engine:");
        if (engine.startsWith("stress")) {
            throw new UsageException(file + " is a JCStress trace (engine: " + engine + "): it holds outcome counts,"
                    + " not a scenario, so there is nothing to re-execute; use the model-engine trace <variant>-model.txt");
        }
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i + 1 < lines.size() && !lines.get(i).equals(APPENDIX); i++) {
            if (lines.get(i).equals(SECTION) && lines.get(i + 1).startsWith("check:")) {
                failures.add(Failure.read(file, lines, i + 1));
            }
        }
        if (failures.isEmpty()) {
            throw new UsageException(file + " has no failure section (a '" + SECTION.substring(0, 10) + "...' line, then 'check:')");
        }
        return new FailureTrace(file, header(lines, "suite:"), header(lines, "variant:"), engine, failures);
    }

    /** The failure of check {@code id}, or every failure if {@code id} is null. */
    List<Failure> select(String id) {
        if (id == null) return failures;
        return List.of(failures.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new UsageException(
                "no failure of check '" + id + "' in " + file + "; its checks: " + ids())));
    }

    String ids() {
        return failures.stream().map(Failure::id).collect(Collectors.joining(", "));
    }

    private static String header(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key)) return l.substring(key.length()).strip();
            if (l.equals(SECTION)) break;
        }
        return "?";
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** One operation of the scenario: where it belongs, the call, and what Lincheck recorded it returned (or null). */
    record Op(String part, int thread, Actor actor, String recorded) {
        String call() { return ScenarioReplay.call(actor); }

        String label() { return part.equals("parallel") ? "thread " + (thread + 1) : part; }
    }

    /**
     * The operations in the order to replay them. {@code stop} is null when the whole recorded
     * execution is covered; otherwise the operations end where the recording no longer gives an
     * operation-level order, and {@code stop} says why in words.
     */
    record Order(List<Op> ops, String how, String stop) {
        /** True if the order stops because Lincheck's interleaving switches threads inside an operation. */
        boolean switchesInside() { return stop != null && stop.startsWith(SWITCH_INSIDE); }
    }

    static final String SWITCH_INSIDE = "Lincheck's interleaving switches threads INSIDE ";

    /** One failing check's section. {@code line} is the 1-based line of its {@code check:}. */
    record Failure(Path file, int line, String id, String description, String kind, String scenarioText,
                   String className, LincheckTable results, LincheckTable interleaving) {

        static Failure read(Path file, List<String> lines, int at) {
            String check = lines.get(at).substring("check:".length()).strip();
            String id = check.contains(":") ? check.substring(0, check.indexOf(':')) : check;
            String kind = "?", scenario = null, cls = null;
            int i = at;
            for (; i < lines.size() && !lines.get(i).equals(SECTION) && !lines.get(i).equals(APPENDIX); i++) {
                String l = lines.get(i);
                if (l.startsWith("verdict:")) kind = l.substring(8).strip().split("\\s+")[0];
                if (l.startsWith("scenario:")) scenario = l.substring(9).strip();
                if (l.startsWith("class:")) cls = l.substring(6).strip();
            }
            if (scenario == null || cls == null) {
                throw new UsageException(file + ":" + (at + 1) + ": the failure of check " + id + " has no "
                        + (scenario == null ? "'scenario:'" : "'class:'") + " line, so it cannot be re-executed");
            }
            LincheckTable results = null, interleaving = null;
            for (int j = at; j < i; j++) {
                if (lines.get(j).startsWith("The following interleaving leads to the error")) {
                    interleaving = LincheckTable.parse(lines, j + 1);
                    break;
                }
                if (results == null && lines.get(j).startsWith("= ") && j + 1 < i && lines.get(j + 1).startsWith("|")) {
                    results = LincheckTable.parse(lines, j + 1);
                }
            }
            return new Failure(file, at + 1, id, check.substring(id.length()).replaceFirst("^:\\s*", ""), kind,
                    scenario, cls, results, interleaving);
        }

        Class<?> testClass() {
            try {
                return Class.forName(className);
            } catch (ClassNotFoundException e) {
                throw new UsageException(file + ":" + line + ": class " + className + " of check " + id
                        + " is not on kmc's class path");
            }
        }

        ExecutionScenario scenario() {
            try {
                return Scenarios.parse(testClass(), scenarioText);
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ":" + line + ": the scenario of check " + id + " does not read: " + e.getMessage());
            }
        }

        /** What Lincheck recorded, in {@link Regression#results}' form; null if the report has no results table. */
        String recordedResults() {
            ExecutionScenario s = scenario();
            List<List<String>> byPart = recorded(results, s);
            if (byPart == null) return null;
            int n = s.getParallelExecution().size();
            return Regression.results(s, byPart.get(0), byPart.subList(1, 1 + n), byPart.get(1 + n));
        }

        /**
         * What Lincheck recorded each operation returned, per [init, thread 1..n, post], from the
         * results table or else the interleaving trace; null if neither matches the scenario.
         */
        List<List<String>> recordedByPart() {
            ExecutionScenario s = scenario();
            List<List<String>> rec = recorded(results, s);
            return rec != null ? rec : recorded(interleaving, s);
        }

        /** The operations in replay order: init, the parallel part as recorded, post. */
        Order order() {
            ExecutionScenario s = scenario();
            int n = s.getParallelExecution().size();
            List<List<String>> rec = recorded(results, s);
            if (rec == null) rec = recorded(interleaving, s);
            List<Op> ops = new ArrayList<>(ops("init", 0, s.getInitExecution(), rec == null ? null : rec.get(0)));
            List<List<Op>> threads = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                threads.add(ops("parallel", t, s.getParallelExecution().get(t), rec == null ? null : rec.get(1 + t)));
            }
            Order parallel;
            if (n == 1) {
                parallel = new Order(threads.get(0), "the parallel part has one thread: its operations in program order", null);
            } else if (interleaving != null && partsOf(interleaving, s) != null) {
                parallel = byInterleaving(threads, partsOf(interleaving, s)[1]);
            } else {
                parallel = byClocks(threads, results == null || partsOf(results, s) == null ? null : partsOf(results, s)[1]);
            }
            ops.addAll(parallel.ops());
            if (parallel.stop() == null) ops.addAll(ops("post", 0, s.getPostExecution(), rec == null ? null : rec.get(1 + n)));
            return new Order(ops, parallel.how(), parallel.stop());
        }

        private static List<Op> ops(String part, int thread, List<Actor> actors, List<String> recorded) {
            List<Op> out = new ArrayList<>();
            for (int i = 0; i < actors.size(); i++) {
                out.add(new Op(part, thread, actors.get(i), recorded != null && i < recorded.size() ? recorded.get(i) : null));
            }
            return out;
        }

        /** The table's parts as [init, parallel, post] (empty where the scenario has none); null if they do not match it. */
        private static List<LincheckTable.Cell>[] partsOf(LincheckTable table, ExecutionScenario s) {
            if (table == null) return null;
            List<List<LincheckTable.Cell>> p = table.parts();
            boolean init = !s.getInitExecution().isEmpty();
            boolean post = !s.getPostExecution().isEmpty();
            if (p.size() != (init ? 1 : 0) + 1 + (post ? 1 : 0) || table.threads() < s.getParallelExecution().size()) return null;
            @SuppressWarnings("unchecked")
            List<LincheckTable.Cell>[] parts = new List[] {
                init ? p.get(0) : List.of(), p.get(init ? 1 : 0), post ? p.get(p.size() - 1) : List.of()};
            return parts;
        }

        /** The recorded result of each operation, per [init, thread 1..n, post]; null if the table does not match the scenario. */
        private static List<List<String>> recorded(LincheckTable table, ExecutionScenario s) {
            List<LincheckTable.Cell>[] parts = partsOf(table, s);
            if (parts == null) return null;
            List<List<String>> out = new ArrayList<>();
            out.add(results(parts[0], 0, s.getInitExecution()));
            for (int t = 0; t < s.getParallelExecution().size(); t++) out.add(results(parts[1], t, s.getParallelExecution().get(t)));
            out.add(results(parts[2], 0, s.getPostExecution()));
            return out;
        }

        private static List<String> results(List<LincheckTable.Cell> cells, int column, List<Actor> actors) {
            List<String> out = new ArrayList<>();
            for (LincheckTable.Cell c : cells) {
                if (c.column() == column && out.size() < actors.size() && c.startsCall(actors.get(out.size()).getMethod().getName())) {
                    out.add(c.result());
                }
            }
            return out;
        }

        /** A parallel operation's lines in Lincheck's interleaving trace: its own cell, then the steps indented below it. */
        private static final class Span {
            final Op op;
            final List<LincheckTable.Cell> cells = new ArrayList<>();

            Span(Op op, LincheckTable.Cell first) {
                this.op = op;
                cells.add(first);
            }

            int firstRow() { return cells.get(0).row(); }

            int lastRow() { return cells.get(cells.size() - 1).row(); }
        }

        /**
         * The order of Lincheck's interleaving trace, operation by operation. An operation whose
         * lines have another thread's lines between them was interrupted inside: the port cannot
         * be paused there, so the order stops before it.
         */
        private static Order byInterleaving(List<List<Op>> threads, List<LincheckTable.Cell> cells) {
            List<Span> spans = new ArrayList<>();
            Span[] open = new Span[threads.size()];
            int[] next = new int[threads.size()];
            for (LincheckTable.Cell c : cells) {
                int t = c.column();
                if (t >= threads.size()) continue;
                List<Op> ops = threads.get(t);
                if (next[t] < ops.size() && c.startsCall(ops.get(next[t]).actor().getMethod().getName())) {
                    open[t] = new Span(ops.get(next[t]++), c);
                    spans.add(open[t]);
                } else if (open[t] != null) {
                    open[t].cells.add(c);
                }
            }
            String how = "Lincheck's interleaving trace, operation by operation";
            List<Op> order = new ArrayList<>();
            for (Span s : spans) {
                List<LincheckTable.Cell> foreign = cells.stream()
                        .filter(c -> c.column() != s.op.thread() && c.row() > s.firstRow() && c.row() < s.lastRow()).toList();
                if (!foreign.isEmpty()) {
                    return new Order(order, how, switchInside(s, foreign, spans));
                }
                order.add(s.op);
            }
            for (int t = 0; t < threads.size(); t++) {
                if (next[t] < threads.get(t).size()) {
                    return new Order(order, how, "Lincheck's interleaving trace shows thread " + (t + 1) + " running "
                            + next[t] + " of its " + threads.get(t).size() + " operations; " + threads.get(t).get(next[t]).call()
                            + " never started there, so the replay stops here.");
                }
            }
            return new Order(order, how, null);
        }

        private static String switchInside(Span s, List<LincheckTable.Cell> foreign, List<Span> spans) {
            int switchRow = foreign.get(0).row();
            String others = spans.stream().filter(o -> o.firstRow() > s.firstRow() && o.firstRow() < s.lastRow())
                    .map(o -> "thread " + (o.op.thread() + 1) + "'s " + o.op.call()).collect(Collectors.joining(", "));
            String before = s.cells.stream().filter(c -> c.row() < switchRow)
                    .map(c -> "      " + " ".repeat(c.indent()) + c.text()).collect(Collectors.joining("\n"));
            return SWITCH_INSIDE + s.op.label() + "'s " + s.op.call() + ": "
                    + (others.isEmpty() ? "another thread runs" : others + " run") + " in the middle of it, after these of its steps:\n"
                    + before + "\n"
                    + "kmc replays whole operations of the port and cannot pause one mid-way, so the replay stops before "
                    + s.op.call() + "; Lincheck's trace in the file shows the rest of that interleaving.";
        }

        /**
         * Without an interleaving trace (stress mode): the happens-before clocks of the results
         * table, {@code [1,0]} = thread 1 had completed 1 operation when this one started. The
         * order follows them as long as exactly one operation can come next.
         */
        private static Order byClocks(List<List<Op>> threads, List<LincheckTable.Cell> cells) {
            int n = threads.size();
            List<int[]> clocks = new ArrayList<>();   // per op, in threads order
            for (int t = 0; t < n; t++) {
                int k = 0;
                for (LincheckTable.Cell c : cells == null ? List.<LincheckTable.Cell>of() : cells) {
                    if (c.column() == t && k < threads.get(t).size()
                            && c.startsCall(threads.get(t).get(k).actor().getMethod().getName())) {
                        int[] clock = c.clock();
                        clocks.add(clock != null && clock.length == n ? clock : new int[n]);
                        k++;
                    }
                }
                for (; k < threads.get(t).size(); k++) clocks.add(new int[n]);
            }
            int[] done = new int[n];
            List<Op> order = new ArrayList<>();
            String how = "the happens-before clocks of Lincheck's results table; no interleaving trace was recorded";
            while (true) {
                List<Integer> ready = new ArrayList<>();
                for (int t = 0; t < n; t++) {
                    if (done[t] == threads.get(t).size()) continue;
                    int[] clock = clocks.get(index(threads, t, done[t]));
                    boolean waits = false;
                    for (int u = 0; u < n; u++) {
                        // an unfinished operation of thread u that this one's clock says had completed before it started
                        if (u != t && done[u] < threads.get(u).size() && clock[u] > done[u]) waits = true;
                    }
                    if (!waits) ready.add(t);
                }
                if (ready.isEmpty()) {
                    return new Order(order, how, order.size() == threads.stream().mapToInt(List::size).sum() ? null
                            : "the recorded clocks contradict each other, so the replay stops here.");
                }
                if (ready.size() > 1) {   // neither had completed when the other started: they overlapped
                    String which = ready.stream().map(t -> "thread " + (t + 1) + "'s " + threads.get(t).get(done[t]).call())
                            .collect(Collectors.joining(" and "));
                    return new Order(order, how, "Lincheck recorded no order between " + which + ": they ran concurrently"
                            + " as far as the recording shows, and kmc does not pick an order it did not see, so the replay stops here.");
                }
                int t = ready.get(0);
                order.add(threads.get(t).get(done[t]++));
            }
        }

        private static int index(List<List<Op>> threads, int t, int k) {
            int i = k;
            for (int u = 0; u < t; u++) i += threads.get(u).size();
            return i;
        }
    }
}
