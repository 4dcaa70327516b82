package dev.kmc.stress.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table as Lincheck prints it in a report: a divider, a header row naming the threads
 * ({@code | Thread 1 | Thread 2 |}), a divider, then the parts of the execution (init, parallel,
 * post) separated by dividers. Column borders are where the header has its '|'. Each non-empty
 * cell keeps its row number and its indentation: in an interleaving trace, an operation is a
 * cell at indentation 0 and the steps inside it are indented below it.
 */
record LincheckTable(int threads, List<List<Cell>> parts) {

    /** One cell: {@code row} counts the table's lines, so rows order cells across columns. */
    record Cell(int row, int column, int indent, String text) {

        private static final Pattern CLOCK = Pattern.compile("\\s*\\[(\\d+(?:,\\d+)*)]$");

        /** The cell without a trailing happens-before clock such as {@code [1,0]}. */
        String withoutClock() {
            return CLOCK.matcher(text).replaceFirst("");
        }

        /** The result after {@code "call(...): "}, or null if the cell shows none. */
        String result() {
            String t = withoutClock();
            int i = t.indexOf("): ");
            return i < 0 ? null : t.substring(i + 3);
        }

        /** The clock {@code [1,0]}: how many operations of each thread had completed when this one started; null if none. */
        int[] clock() {
            Matcher m = CLOCK.matcher(text);
            if (!m.find()) return null;
            String[] parts = m.group(1).split(",");
            int[] c = new int[parts.length];
            for (int i = 0; i < parts.length; i++) c[i] = Integer.parseInt(parts[i]);
            return c;
        }

        boolean startsCall(String methodName) {
            return indent == 0 && text.startsWith(methodName + "(");
        }
    }

    private static boolean divider(String line) {
        return line.matches("\\|\\s*-+\\s*\\|");
    }

    /** Reads the table that starts at {@code lines.get(from)}; null if it is not shaped like one. */
    static LincheckTable parse(List<String> lines, int from) {
        int end = from;
        while (end < lines.size() && lines.get(end).startsWith("|")) end++;
        if (end - from < 3 || !divider(lines.get(from)) || !divider(lines.get(from + 2))) return null;
        String header = lines.get(from + 1);
        List<Integer> borders = new ArrayList<>();
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) == '|') borders.add(i);
        }
        List<List<Cell>> parts = new ArrayList<>();
        List<Cell> part = new ArrayList<>();
        for (int row = from + 3; row < end; row++) {
            String line = lines.get(row);
            if (divider(line)) {
                if (!part.isEmpty()) parts.add(part);
                part = new ArrayList<>();
                continue;
            }
            for (int c = 0; c + 1 < borders.size(); c++) {
                int a = borders.get(c) + 1;
                int b = Math.min(borders.get(c + 1), line.length());
                if (a >= b) continue;
                String cell = line.substring(a, b);
                String text = cell.strip();
                if (text.isEmpty()) continue;
                int lead = cell.length() - cell.stripLeading().length();
                part.add(new Cell(row, c, Math.max(0, lead - 1), text));
            }
        }
        if (!part.isEmpty()) parts.add(part);
        return new LincheckTable(borders.size() - 1, parts);
    }
}
