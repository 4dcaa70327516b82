package dev.kmc.stress.report;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.kmc.checks.explore.Counterexample;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page at the root of a results folder (no server, no
 * network: the style, the script and the data are inside it). The summary table is written here;
 * the counterexamples and the JCStress histograms are embedded as JSON and drawn by the page's own
 * small script ({@code report.js} beside this class): for each counterexample a step table with a
 * column per CPU (interrupts marked) and, beside it, a picture of the structure at the selected
 * step drawn from the port's structured snapshot ({@code RingBufferPerCpu.snapshotData()},
 * {@code Rcu.snapshotData()}), the same tree its text is printed from. Keys ← and → step.
 */
public final class HtmlReport {
    private HtmlReport() { }

    /** The file's name in a results folder. */
    public static final String FILE = "report.html";

    private static final Escaper HTML = HtmlEscapers.htmlEscaper();
    /** Default Gson escapes '<', '>', '&', '=' and '\'' as unicode escapes: the JSON cannot close its script element. */
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /** Writes {@code folder/report.html}; returns its path. */
    public static Path write(Path folder, ReportData data) throws IOException {
        Path file = folder.resolve(FILE);
        Files.writeString(file, html(data), StandardCharsets.UTF_8);
        return file;
    }

    /** The page's text. */
    public static String html(ReportData data) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        sb.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.append("<title>").append(HTML.escape(data.title())).append(" report</title>\n");
        sb.append("<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(HTML.escape(data.title())).append("</h1>\n");
        sb.append("<p class=\"command\"><code>").append(HTML.escape(data.command())).append("</code></p>\n");
        summary(sb, data);
        sb.append("<div id=\"failures\"></div>\n<div id=\"histograms\"></div>\n");
        sb.append("<script id=\"kmc-data\" type=\"application/json\">").append(GSON.toJson(json(data))).append("</script>\n");
        sb.append("<script>\n").append(resource("report.js")).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private static void summary(StringBuilder sb, ReportData data) {
        sb.append("<h2>Summary</h2>\n");
        if (data.rows().isEmpty()) {
            sb.append("<p>No checks ran.</p>\n");
            return;
        }
        sb.append("<table class=\"summary\"><thead><tr><th>suite</th><th>variant</th><th>engine</th><th>check</th>"
                + "<th>expected</th><th>observed</th><th>as expected</th><th>time</th><th>links</th></tr></thead><tbody>\n");
        for (ReportData.Row r : data.rows()) {
            sb.append("<tr class=\"").append(r.met() ? "met" : "unmet").append("\">");
            for (String cell : List.of(r.suite(), r.variant(), r.engine(), r.check(), r.expected(), r.observed())) {
                sb.append("<td>").append(HTML.escape(cell)).append("</td>");
            }
            sb.append("<td>").append(r.met() ? "yes" : "<b>NO</b>").append("</td>");
            sb.append(String.format("<td class=\"num\">%.2f s</td><td>", r.millis() / 1000.0));
            List<String> links = new ArrayList<>();
            if (r.traceLink() != null) {
                links.add("<a href=\"" + HTML.escape(r.traceLink()) + "\">trace</a>");
            }
            int n = 0;
            for (ReportData.Failure f : data.failures()) {
                n++;
                if (f.suite().equals(r.suite()) && f.variant().equals(r.variant()) && f.check().equals(r.check())) {
                    links.add("<a href=\"#f" + n + "\">step through: " + HTML.escape(f.counterexample().kind()) + "</a>");
                }
            }
            sb.append(links.isEmpty() ? "-" : String.join(" · ", links)).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    /**
     * The embedded data. Structures are stored once in {@code states} (text and snapshot) and
     * steps name them by index: consecutive steps mostly leave the structure as it was, and
     * counterexamples of one exploration share their prefixes, so this keeps the file small.
     */
    private static JsonObject json(ReportData data) {
        JsonObject root = new JsonObject();
        JsonArray failures = new JsonArray();
        States states = new States();
        int n = 0;
        for (ReportData.Failure f : data.failures()) failures.add(failure(++n, f, states));
        root.add("states", states.list);
        root.add("failures", failures);
        root.add("histograms", GSON.toJsonTree(data.histograms()));
        return root;
    }

    /** Distinct (text, snapshot) pairs, in order of first use. */
    private static final class States {
        final JsonArray list = new JsonArray();
        final Map<String, Integer> index = new HashMap<>();

        int of(String text, Object snapshot) {
            JsonElement snap = snapshot == null ? JsonNull.INSTANCE : GSON.toJsonTree(snapshot);
            String key = text + "\u0000" + snap;
            return index.computeIfAbsent(key, k -> {
                JsonObject o = new JsonObject();
                o.addProperty("text", text);
                o.add("snapshot", snap);
                list.add(o);
                return list.size() - 1;
            });
        }
    }

    private static JsonObject failure(int n, ReportData.Failure f, States states) {
        Counterexample c = f.counterexample();
        JsonObject o = new JsonObject();
        o.addProperty("id", "f" + n);
        o.addProperty("suite", f.suite());
        o.addProperty("variant", f.variant());
        o.addProperty("check", f.check());
        o.addProperty("kind", c.kind());
        o.addProperty("message", c.message());
        o.addProperty("interleaving", c.interleavingLine());
        if (f.traceLink() != null) o.addProperty("trace", f.traceLink());
        List<String> cpus = new ArrayList<>();
        for (Counterexample.Step s : c.steps()) if (!cpus.contains(s.cpu())) cpus.add(s.cpu());
        cpus.sort(null);
        o.add("cpus", GSON.toJsonTree(cpus));
        o.addProperty("initial", c.initial());
        o.addProperty("initialState", states.of(c.initial(), c.initialSnapshot()));
        JsonArray steps = new JsonArray();
        for (Counterexample.Step s : c.steps()) {
            JsonObject j = new JsonObject();
            j.addProperty("index", s.index());
            j.addProperty("token", s.token());
            j.addProperty("cpu", s.cpu());
            j.addProperty("irq", s.interrupt());
            j.addProperty("action", s.action());
            JsonArray acc = new JsonArray();
            for (Counterexample.Access a : s.accesses()) {
                JsonArray pair = new JsonArray();
                pair.add(a.function());
                pair.add(a.text());
                acc.add(pair);
            }
            j.add("accesses", acc);
            j.addProperty("outcome", s.outcome());
            j.addProperty("state", states.of(s.structure(), s.snapshot()));
            j.addProperty("changed", s.changed());
            steps.add(j);
        }
        o.add("steps", steps);
        o.addProperty("failStep", failStep(c));
        return o;
    }

    /** The step (1-based) where the counterexample's violation is first stated, else its last step. */
    static int failStep(Counterexample c) {
        String first = c.message().split("\n", 2)[0];
        for (Counterexample.Step s : c.steps()) {
            if (!first.isEmpty() && s.outcome().contains(first)) return s.index();
        }
        for (Counterexample.Step s : c.steps()) {
            if (s.outcome().contains(c.kind())) return s.index();
        }
        return c.steps().isEmpty() ? 0 : c.steps().get(c.steps().size() - 1).index();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name + " beside " + HtmlReport.class.getName());
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
