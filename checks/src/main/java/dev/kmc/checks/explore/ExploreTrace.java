package dev.kmc.checks.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <suite>/<variant>-explore.txt} file: a header naming the suite, variant and
 * explorations, then one section per counterexample. Each section starts with machine-readable
 * lines that {@code kmc replay} and {@code kmc export-test} read back:
 * <pre>
 * --- counterexample 1: dead loop ---
 * suite: ringbuffer
 * variant: pre-fix
 * exploration: concurrent-mc
 * universe: name=concurrent-mc; init=write(1) ...; cpu0=reserveDiscard(4); cpu1=isEmpty() peek() readPipe()
 * violation: dead loop: readPipe() on cpu1 (reader) goes round ...
 * states: 5
 * interleaving: cpu0+reserveDiscard(4) cpu0 cpu1+isEmpty() ...
 * </pre>
 * followed by the step-by-step text of {@link Counterexample#text()}.
 */
public final class ExploreTrace {
    private ExploreTrace() { }

    public static final String MAGIC = "# kmc explore trace";

    /** One counterexample as read back from a trace. */
    public record Entry(String suite, String variant, String exploration, String universeSpec, String kind, String violation,
                        List<String> interleaving) {
        public Universe universe() { return Universe.parse(universeSpec); }
    }

    /** The file's text for one suite and variant. */
    public static String write(String suite, ExploreSuites.Variant variant, List<Exploration> runs) {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n');
        sb.append("suite: ").append(suite).append('\n');
        sb.append("variant: ").append(variant.name()).append(" (").append(variant.label()).append(")\n\n");
        for (Exploration run : runs) {
            sb.append("exploration ").append(run.name()).append(": ").append(run.result().verdict()).append('\n');
            sb.append("  universe: ").append(run.universe().describe()).append('\n');
            sb.append("  expected: ").append(run.expected()).append(run.judgement().isEmpty() ? "" : "\n  judgement: " + run.judgement())
                    .append('\n');
        }
        int n = 0;
        for (Exploration run : runs) {
            for (InterleavingExplorer.Finding f : run.result().findings().values()) {
                n++;
                sb.append("\n--- counterexample ").append(n).append(": ").append(f.kind()).append(" ---\n");
                sb.append("suite: ").append(suite).append('\n');
                sb.append("variant: ").append(variant.name()).append('\n');
                sb.append("exploration: ").append(run.name()).append('\n');
                sb.append("universe: ").append(run.universe().spec()).append('\n');
                sb.append("violation: ").append(f.message().replace('\n', ' ')).append('\n');
                sb.append("states: ").append(f.states()).append('\n');
                sb.append(f.counterexample().text());
            }
        }
        if (n == 0) sb.append("\nno counterexample: ").append(runs.size() == 1 ? "the universe is" : "every universe is")
                .append(" clean as far as explored (see each verdict above)\n");
        return sb.toString();
    }

    /** One exploration's run, for {@link #write}. */
    public record Exploration(String name, Universe universe, InterleavingExplorer.Result result, String expected, String judgement) { }

    /** True if the text is an explore trace. */
    public static boolean is(String text) {
        return text.startsWith(MAGIC);
    }

    /** Every counterexample of a trace, in order. */
    public static List<Entry> read(String text) {
        if (!is(text)) {
            throw new IllegalArgumentException("not a kmc explore trace: the first line is not '" + MAGIC + "'");
        }
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("--- counterexample ")) continue;
            String kind = lines[i].replaceFirst("^--- counterexample \\d+: ", "").replaceFirst(" ---$", "");
            String suite = null;
            String variant = null;
            String exploration = null;
            String universe = null;
            String violation = null;
            List<String> interleaving = null;
            for (int j = i + 1; j < lines.length && interleaving == null; j++) {
                String l = lines[j];
                if (l.startsWith("suite: ")) suite = l.substring(7);
                else if (l.startsWith("variant: ")) variant = l.substring(9);
                else if (l.startsWith("exploration: ")) exploration = l.substring(13);
                else if (l.startsWith("universe: ")) universe = l.substring(10);
                else if (l.startsWith("violation: ")) violation = l.substring(11);
                else if (l.startsWith("interleaving: ")) interleaving = Counterexample.tokens(l.substring(14));
            }
            if (suite == null || variant == null || universe == null || interleaving == null) {
                throw new IllegalArgumentException("counterexample '" + kind + "' (line " + (i + 1) + ") lacks one of suite:, variant:,"
                        + " universe:, interleaving:");
            }
            out.add(new Entry(suite, variant, exploration, universe, kind, violation, interleaving));
        }
        return out;
    }
}
