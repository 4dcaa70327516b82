package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kmc explore} writes report.html beside summary.md, with its counterexamples to step through. */
class ExploreReportTest {

    @Test
    void exploreWritesReportHtml(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("results");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc = Kmc.run(new String[] {"explore", "--suite", "ringbuffer", "--variant", "pre-fix", "--exploration", "concurrent-mc",
                "--out", out.toString()}, ps, ps);
        String console = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, console);
        Path report = out.resolve("report.html");
        assertTrue(Files.exists(out.resolve("summary.md")) && Files.exists(report), console);
        String html = Files.readString(report);
        assertTrue(html.contains("<td>concurrent-mc</td>") && html.contains("ringbuffer/pre-fix-explore.txt"), "the summary row and its trace link");
        assertTrue(html.contains("\"kind\":\"not empty, nothing to read\""), "the counterexamples are embedded");
        assertTrue(console.contains("report.html"), console);
    }

    @Test
    void resultsReportReplaysTheExploreTracesItsRowsLinkTo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("results");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, Kmc.run(new String[] {"explore", "--suite", "ringbuffer", "--variant", "pre-fix", "--exploration", "concurrent-mc",
                "--out", out.toString()}, quiet, quiet));
        String byExplore = Files.readString(out.resolve("report.html"));
        Files.delete(out.resolve("report.html"));
        dev.kmc.stress.report.ResultsReport.write(out, "kmc run", "kmc run --engine explore", java.util.List.of(new CheckResult("ringbuffer",
                "pre-fix", "explore", "concurrent-mc", "bug found", "bug found", 1000, true, "ringbuffer/pre-fix-explore.txt", "")),
                java.util.List.of());
        String byRun = Files.readString(out.resolve("report.html"));
        assertTrue(!byRun.contains("not replayed"), byRun.substring(0, 2000));
        String data = byExplore.substring(byExplore.indexOf("\"states\""), byExplore.indexOf("</script>", byExplore.indexOf("kmc-data")));
        String data2 = byRun.substring(byRun.indexOf("\"states\""), byRun.indexOf("</script>", byRun.indexOf("kmc-data")));
        assertEquals(data, data2, "the replayed counterexamples are those kmc explore found, snapshots included");
    }
}
