package dev.kmc.stress.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page as text: self-contained, escaped, small. The browser test checks what it draws. */
class HtmlReportTest {

    @Test
    void ringBufferReportIsOneSmallSelfContainedFile() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "report-test", "ringbuffer"));
        Path file = HtmlReport.write(dir, ReportFixtures.ringBufferReport());
        String html = Files.readString(file);
        long size = Files.size(file);
        ReportData all = ReportFixtures.ringBufferReport();
        ReportData mc = new ReportData(all.title(), all.command(), all.rows().subList(0, 1),
                all.failures().stream().filter(f -> f.check().equals("concurrent-mc")).toList(), List.of());
        long mcSize = Files.size(HtmlReport.write(Files.createDirectories(dir.resolve("concurrent-mc")), mc));
        System.out.printf("report.html, ring buffer pre-fix: concurrent-mc alone %,d bytes (%d counterexamples);"
                + " with operations %,d bytes (%d)%n", mcSize, mc.failures().size(), size, all.failures().size());
        assertTrue(size < 400_000, "the report should stay small, is " + size + " bytes");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from the network");
        assertFalse(html.contains("</script><"), "sanity");
        String json = html.substring(html.indexOf("<script id=\"kmc-data\""), html.indexOf("</script>", html.indexOf("kmc-data")));
        assertFalse(json.substring(json.indexOf('>') + 1).contains("<"), "the embedded JSON has no raw '<' (cannot end its script)");
    }
}
