package dev.kmc.stress.runner;

/**
 * One row of the summary: a check of one suite variant on one engine, what it was expected to
 * come to, what it came to, how long that took, and where its trace is.
 */
public record CheckResult(String suite, String variant, String engine, String check, String expected,
                          String observed, long millis, boolean met, String traceFile, String note) {

    private static final String TAG = "KMC-RESULT";

    /** One line for the worker-to-runner protocol. */
    public String toLine() {
        return String.join("\t", TAG, suite, variant, engine, check, expected, observed, Long.toString(millis),
                Boolean.toString(met), traceFile == null ? "-" : traceFile, escape(note == null ? "" : note));
    }

    /** Parses {@link #toLine()}, or returns null for any other line. */
    public static CheckResult fromLine(String line) {
        if (!line.startsWith(TAG + "\t")) return null;
        String[] f = line.split("\t", -1);
        if (f.length != 11) return null;
        return new CheckResult(f[1], f[2], f[3], f[4], f[5], f[6], Long.parseLong(f[7]), Boolean.parseBoolean(f[8]),
                f[9].equals("-") ? null : f[9], unescape(f[10]));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
