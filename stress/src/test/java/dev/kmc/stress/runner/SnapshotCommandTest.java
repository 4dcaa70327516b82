package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmc snapshot: the README example (kernel-spec A.7.2 in bytes), other states, and each kind of bad input. */
class SnapshotCommandTest {

    @TempDir
    Path tmp;

    /** kernel-spec A.7.2 after step 6: the writer on the fully read reader page; stale reads on the ring pages. */
    private static final String EMPTY = """
            [cpu]
            entries       = 3
            overrun       = 0
            read          = 3
            commits       = 3
            committing    = 0
            entries_bytes = 8176
            head_page     = P0
            tail_page     = R
            commit_page   = R
            reader_page   = R

            [page R]
            write    = 0x100010
            read     = 16
            entries  = 0x100001
            real_end = 0
            commit   = 16
            next     = P0

            [page P0]
            write    = 0
            read     = 4080
            entries  = 0
            real_end = 0
            commit   = 0
            next     = P1

            [page P1]
            write    = 0
            read     = 4080
            entries  = 0
            real_end = 0
            commit   = 0
            next     = P0|HEAD
            """;

    private Traces.Result snapshot(String text) throws Exception {
        return Traces.kmc("snapshot", Files.writeString(tmp.resolve("s.snapshot"), text).toString());
    }

    /** The output shows {@code sentence}, whitespace collapsed (kmc wraps long lines). */
    private static void assertShows(String out, String sentence) {
        assertTrue(out.replaceAll("\\s+", " ").contains(sentence.replaceAll("\\s+", " ")), () -> "expected: " + sentence + "\n" + out);
    }

    private static int lineOf(String text, String line) {
        return List.of(text.split("\n", -1)).indexOf(line) + 1;
    }

    @Test
    void theReadmeExampleIsTheDeadLoopOfTracingReadPipe() throws Exception {
        Path example = Traces.resource("snapshots/a72-deadloop.snapshot");
        assertTrue(Files.readString(Path.of("..", "README.md")).contains(Files.readString(example)),
                "the README shows " + example + " verbatim");
        Traces.Result r = Traces.kmc("snapshot", example.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertShows(out, "cpu 1: 2 ring pages and the reader page, BUF_PAGE_SIZE 4080 bytes");
        assertShows(out, "0xffff888103f6e080 write 1, entries 1; 0xffff888103f6e000 write 1, entries 1");
        assertShows(out, "0xffff888103f6e000(HEAD TAIL COMMIT)   write 0 commit 0 read 4080 STALE");
        assertShows(out, "rb_num_of_entries  entries 3 - (overrun 0 + read 3) = 0");
        assertShows(out, "rb_per_cpu_empty   v5.13 NOT EMPTY, fixed 67f0d6d9883c EMPTY");
        assertShows(out, "ring_buffer_peek   NULL: the reader page 0xffff888103f6e080 is read up to its commit 4080,"
                + " and rb_num_of_entries is 0, so rb_get_reader_page does not swap in the head page");
        assertShows(out, "pre-fix v5.13:       tracing_read_pipe would loop forever: not empty, nothing to read"
                + " (commit_page is head_page 0xffff888103f6e000, whose commit 0 is compared with its stale read 4080)");
        assertShows(out, "fixed 67f0d6d9883c:  empty, and nothing to read: consistent");
    }

    @Test
    void aConsistentEmptySnapshotIsEmptyForBothVariants() throws Exception {
        Traces.Result r = snapshot(EMPTY);
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("  - no next carries the HEAD flag"), r.out());
        assertShows(r.out(), "rb_per_cpu_empty   v5.13 EMPTY, fixed 67f0d6d9883c EMPTY");
        assertShows(r.out(), "ring_buffer_peek   NULL: the reader page R is read up to its commit 16, and commit_page is"
                + " the reader page (the writer is on it)");
        assertShows(r.out(), "pre-fix v5.13:       empty, and nothing to read: consistent");
        assertShows(r.out(), "fixed 67f0d6d9883c:  empty, and nothing to read: consistent");
    }

    @Test
    void aStaleReadEqualToTheHeadsCommitIsAFalseEmptyBeforeTheFix() throws Exception {
        String text = EMPTY.replace("entries       = 3", "entries       = 4")
                .replace("tail_page     = R", "tail_page     = P0").replace("commit_page   = R", "commit_page   = P0")
                .replace("write    = 0x100010\nread     = 16\nentries  = 0x100001\nreal_end = 0\ncommit   = 16",
                        "write    = 0xff0\nread     = 4080\nentries  = 1\nreal_end = 16\ncommit   = 4080")
                .replace("write    = 0\nread     = 4080\nentries  = 0\nreal_end = 0\ncommit   = 0\nnext     = P1",
                        "write    = 0x100010\nread     = 16\nentries  = 0x100001\nreal_end = 0\ncommit   = 16\nnext     = P1");
        Traces.Result r = snapshot(text);
        assertEquals(0, r.code(), r.err() + text);
        assertShows(r.out(), "rb_per_cpu_empty   v5.13 EMPTY, fixed 67f0d6d9883c NOT EMPTY");
        assertShows(r.out(), "ring_buffer_peek   a data event at P0+0 (16 bytes up to 16), after rb_get_reader_page swapped"
                + " the head page P0 in");
        assertShows(r.out(), "pre-fix v5.13:       FALSE EMPTY: rb_per_cpu_empty says empty while ring_buffer_peek returns"
                + " a data event: a reader sleeps with data unread");
        assertShows(r.out(), "fixed 67f0d6d9883c:  not empty, and there is a data event to read: consistent");
    }

    @Test
    void pagesThatWereNotCapturedAreAssumedEmptyWhenNrPagesIsGiven() throws Exception {
        String text = EMPTY.replace("reader_page   = R", "reader_page   = R\nnr_pages      = 4").replace("next     = P0|HEAD", "next     = P2");
        Traces.Result r = snapshot(text);
        assertEquals(0, r.code(), r.err());
        assertShows(r.out(), "  - not captured: P2, ?2 (2 page(s) after P1, to make nr_pages 4); assumed to hold nothing:"
                + " write, read, entries, real_end and commit 0");
        assertShows(r.out(), "  - no next carries the HEAD flag: assumed on the link into head_page P0 (next of ?2)");
        assertShows(r.out(), "4 ring pages and the reader page");
    }

    @Test
    void aRealSizeRingShowsThePagesThatWereNotCapturedAsOneLine() throws Exception {
        String text = EMPTY.replace("reader_page   = R", "reader_page   = R\nnr_pages      = 353").replace("next     = P0|HEAD", "next     = P2");
        Traces.Result r = snapshot(text);
        assertEquals(0, r.code(), r.err());
        assertShows(r.out(), "  - not captured: P2..?351 (351 page(s) after P1, to make nr_pages 353); assumed to hold nothing:");
        assertShows(r.out(), "P2..?351: 351 pages not captured, assumed empty (write, read, entries, real_end, commit 0)  next->P0");
        assertTrue(r.out().lines().count() < 60, r.out().lines().count() + " lines:\n" + r.out());
    }

    @Test
    void standardInputIsReadForADash() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SnapshotCommand.run(List.of("-"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(EMPTY.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("kmc snapshot: <stdin>\n"));
    }

    @Test
    void badSnapshotsNameTheLineAndTheFieldAndExitTwo() throws Exception {
        String file = tmp.resolve("s.snapshot").toString();
        String unknown = EMPTY.replace("overrun       = 0", "overrun       = 0\nflags         = 1");
        String missing = EMPTY.replace("next     = P0|HEAD", "");
        String undefined = EMPTY.replace("tail_page     = R", "tail_page     = P7");
        String undefinedNext = EMPTY.replace("next     = P0|HEAD", "next     = P2|HEAD");
        String beyond = EMPTY.replace("read     = 16", "read     = 32");
        String notANumber = EMPTY.replace("entries       = 3", "entries       = 0xZZ");
        String flaggedPointer = EMPTY.replace("head_page     = P0", "head_page     = P0|HEAD");
        String counterIndex = EMPTY.replace("write    = 0x100010", "write    = 0x100ff8");
        String[][] cases = {
            {unknown, lineOf(unknown, "flags         = 1") + ": unknown field 'flags' in [cpu]; accepted: entries, overrun, read,"
                    + " commits, committing, entries_bytes, head_page, tail_page, commit_page, reader_page, nr_pages"},
            {missing, lineOf(missing, "[page P1]") + ": [page P1] has no next; required: write, read, entries, real_end, commit, next"},
            {undefined, lineOf(undefined, "tail_page     = P7") + ": tail_page names page P7, which is not defined; defined pages:"
                    + " R, P0, P1 (the pages head_page, tail_page, commit_page and reader_page name must be captured)"},
            {undefinedNext, lineOf(undefinedNext, "next     = P2|HEAD") + ": next names page P2, which is not defined; define"
                    + " [page P2], or give nr_pages in [cpu] so kmc can assume the pages that were not captured"},
            {beyond, lineOf(beyond, "read     = 32") + ": read = 32 cannot be on the reader page R: it is beyond its commit 16"
                    + " (a reader reads only committed bytes)"},
            {notANumber, lineOf(notANumber, "entries       = 0xZZ") + ": entries: '0xZZ' is not a number; accepted: decimal (4080)"
                    + " or hex (0xff0)"},
            {flaggedPointer, lineOf(flaggedPointer, "head_page     = P0|HEAD") + ": head_page = P0|HEAD carries a flag, which"
                    + " cannot be: only list.next pointers carry HEAD or UPDATE; give the page's NAME"},
            {counterIndex, lineOf(counterIndex, "write    = 0x100ff8") + ": write = 0x100ff8 cannot be: its index 4088"
                    + " (write & RB_WRITE_MASK) is beyond the page size 4080 while no writer is committing"},
        };
        for (String[] c : cases) {
            Traces.Result r = snapshot(c[0]);
            assertEquals(2, r.code(), c[1]);
            assertEquals("kmc: " + file + ":" + c[1] + "\n", r.err());
        }
        Traces.Result r = Traces.kmc("snapshot", tmp.resolve("none").toString());
        assertEquals("kmc: cannot read " + tmp.resolve("none") + ": no such file\n", r.err());
    }
}
