package dev.kmc.stress.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The page as text: self-contained, escaped, small. The browser test checks what it draws. */
class HtmlReportTest {

    @Test
    void ringBufferReportIsOneSmallSelfContainedFile() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "report-test", "ringbuffer"));
        Path file = HtmlReport.write(dir, ReportFixtures.ringBufferReport());
        String html = Files.readString(file);
        long size = Files.size(file);
        System.out.printf("report.html for the ring buffer's pre-fix concurrent-mc: %,d bytes, %d counterexamples%n", size,
                ReportFixtures.ringBufferReport().failures().size());
        assertTrue(size < 400_000, "the report should stay small, is " + size + " bytes");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from the network");
        assertFalse(html.contains("</script><"), "sanity");
        String json = html.substring(html.indexOf("<script id=\"kmc-data\""), html.indexOf("</script>", html.indexOf("kmc-data")));
        assertFalse(json.substring(json.indexOf('>') + 1).contains("<"), "the embedded JSON has no raw '<' (cannot end its script)");
    }
}
