package dev.kmc.checks.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path of kmc's explorer, step by step: which CPU (or which interrupt on which CPU) did what,
 * every shared access it made (kernel function, primitive, cell, value read or written), and the
 * structure after the step, as text and as data. Its {@link #interleaving()} tokens replay it
 * exactly ({@link InterleavingExplorer#replay}):
 * <pre>
 *   cpu1+isEmpty()     cpu1 starts isEmpty() and takes its first step
 *   cpu0               cpu0 takes its next step
 *   cpu0!write(1)      an interrupt on cpu0 runs write(1) nested, and takes its first step
 * </pre>
 */
public record Counterexample(String kind, String message, List<String> interleaving, String initial, Object initialSnapshot,
                             List<Step> steps) {

    /** One access of a step: the port function (and line) and what the primitive did. */
    public record Access(String function, String text) { }

    /**
     * One step.
     *
     * @param cpu       the CPU's name as the machine gives it
     * @param interrupt true if an interrupt's nested operation made the step
     * @param action    "starts reserveDiscard(4)", "INTERRUPT on cpu0 runs write(1)", "(in interrupt) write(1)", "peek()"
     * @param outcome   what ended with the step ("peek() completes: null", a violation), or ""
     * @param changed   false if the structure is the same as after the previous step
     */
    public record Step(int index, String token, String cpu, boolean interrupt, String action, List<Access> accesses,
                       String outcome, String structure, Object snapshot, boolean changed) { }

    private static final Pattern TOKEN = Pattern.compile("cpu(\\d+)(?:([+!])(.+))?");

    /** A token taken apart: cpu, kind ("step", "start", "irq") and operation (or null). */
    public record Token(int cpu, String kind, String op) {
        public static Token parse(String token) {
            Matcher m = TOKEN.matcher(token.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("bad interleaving step '" + token + "': expected cpuN, cpuN+op() or cpuN!op()");
            }
            String kind = m.group(2) == null ? "step" : m.group(2).equals("+") ? "start" : "irq";
            return new Token(Integer.parseInt(m.group(1)), kind, m.group(3));
        }
    }

    /** The interleaving on one line, as trace files carry it. */
    public String interleavingLine() { return String.join(" ", interleaving); }

    /** Splits an interleaving line into tokens (operations may contain spaces only inside parentheses). */
    public static List<String> tokens(String line) {
        return new ArrayList<>(Universe.ops(line, false));
    }

    /** The text form: the initial state, then every step with its accesses and the structure when it changed. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("interleaving: ").append(interleavingLine()).append('\n');
        sb.append(initial);
        for (Step s : steps) {
            sb.append(String.format("%nstep %d  %-16s %s%n", s.index(), s.cpu(), s.action()));
            for (Access a : s.accesses()) sb.append(String.format("        %-26s %s%n", a.function(), a.text()));
            if (!s.outcome().isEmpty()) {
                for (String line : s.outcome().split("\n")) sb.append("        => ").append(line).append('\n');
            }
            sb.append(s.changed() ? indent(s.structure()) : "    | (structure unchanged)\n");
        }
        return sb.toString();
    }

    static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n")) sb.append("    | ").append(line).append('\n');
        return sb.toString();
    }
}
