package dev.kmc.stress.runner;

import static dev.kmc.model.ringbuffer.RbLayout.RB_WRITE_INTCNT;
import static dev.kmc.model.ringbuffer.RbLayout.RB_WRITE_MASK;

import dev.kmc.model.ringbuffer.BufferPage;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.RbEvent;
import dev.kmc.model.ringbuffer.RingBufferPerCpu;
import dev.kmc.model.ringbuffer.TracePipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmc snapshot FILE}: builds the port's state from a ring-buffer per-CPU snapshot
 * ({@link SnapshotFormat}) and evaluates what a reader would compute on it: both bodies of
 * {@code rb_per_cpu_empty}, {@code rb_num_of_entries}, what {@code ring_buffer_peek} returns, and
 * what {@code tracing_read_pipe} comes to before and after 67f0d6d9883c, in words. Everything is
 * evaluated on copies, with the port's own code. Exit 0 once evaluated, whatever the verdict.
 */
@Command(name = "snapshot", header = "evaluate a ring-buffer per-CPU snapshot copied out of a kernel",
        description = "Evaluate one per-CPU ring buffer copied out of kernel memory (crash, gdb, drgn; the format is in the README): both bodies of rb_per_cpu_empty(), rb_num_of_entries(), what ring_buffer_peek() returns and what tracing_read_pipe() comes to before and after 67f0d6d9883c. Exit 0 once evaluated, whatever the verdict; 2: bad usage or a file that is not a snapshot.",
        footer = {"", "Examples:", "  kmc snapshot cpu1.snapshot", "  crash-dump-to-snapshot | kmc snapshot -"})
final class SnapshotCommand implements Callable<Integer> {
    private final PrintStream out;
    private final InputStream in;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE|-", description = "the snapshot file, or - for standard input")
    String file;

    SnapshotCommand(PrintStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    static int run(List<String> args, PrintStream out, InputStream in) throws IOException {
        return Cli.parse(new SnapshotCommand(out, in), args).call();
    }

    @Override
    public Integer call() throws IOException {
        String source = file.equals("-") ? "<stdin>" : file;
        SnapshotFormat.Result r = SnapshotFormat.parse(source, read(source, in).lines().toList());
        RingBufferPerCpu cpu = RingBufferPerCpu.fromSnapshot(r.snapshot(), EmptyCheck.V5_13);
        out.println("kmc snapshot: " + source);
        out.println((r.cpu().isEmpty() ? "" : r.cpu() + ": ") + cpu.geometry().ringPages() + " ring pages and the reader page,"
                + " BUF_PAGE_SIZE " + cpu.geometry().pageSize() + " bytes");
        out.println("assumed:");
        out.println("  - a dump has no event payloads: below each page's commit, the bytes the reader has not passed are one data\n"
                + "    event up to real_end (none if the page's entries is 0), then padding up to commit; that is all peek looks at");
        out.println("  - overwrite mode is per buffer, not in a per-CPU snapshot; readers never look at it (built with it off)");
        r.assumed().forEach(a -> out.println("  - " + a));
        String counters = Stream.concat(Stream.of(r.snapshot().reader()), r.snapshot().ring().stream())
                .filter(p -> (p.write() | p.entries()) > RB_WRITE_MASK)
                .map(p -> p.name() + " write " + (p.write() / RB_WRITE_INTCNT) + ", entries " + (p.entries() / RB_WRITE_INTCNT))
                .collect(Collectors.joining("; "));
        if (!counters.isEmpty()) {
            out.println("counter bits above RB_WRITE_MASK (tail-page updates; rb_page_write and rb_page_entries mask them):\n  " + counters);
        }
        if (cpu.committing() != 0) {
            out.println("note: committing = " + cpu.committing() + ": a writer on this CPU was inside reserve..commit when the values"
                    + " were copied; what follows holds until it commits or discards");
        }
        out.println("\nstate ('?N': N bytes with no known event):");
        out.println(collapseAssumed(cpu.toString().stripTrailing(), r.assumedPages()).lines().map(l -> "  " + l)
                .collect(Collectors.joining("\n")));

        RingBufferPerCpu probe = cpu.copy();
        RbEvent event = probe.ringBufferPeek();
        out.println();
        out.printf("rb_num_of_entries  entries %d - (overrun %d + read %d) = %d%n", cpu.entries(), cpu.overrun(), cpu.readCount(),
                cpu.entries() - (cpu.overrun() + cpu.readCount()));
        out.println("rb_per_cpu_empty   " + predicates(cpu));
        out.println(wrap("ring_buffer_peek   ", peek(cpu, probe, event, r.assumedPages())));
        out.println("  and after it:    rb_per_cpu_empty " + predicates(probe));
        out.println("verdict:");
        for (EmptyCheck c : EmptyCheck.values()) {
            out.println(wrap(String.format("  %-20s ", c.label() + ":"), verdict(RingBufferPerCpu.fromSnapshot(r.snapshot(), c), c, event != null)));
        }
        return 0;
    }

    private static String read(String source, InputStream in) throws IOException {
        if (source.equals("<stdin>")) return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Path p = Path.of(source);
        if (Files.isDirectory(p)) throw new UsageException("cannot read " + source + ": it is a folder, not a snapshot file");
        try {
            return Files.readString(p);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + source + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read " + source + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new UsageException(source + " is not a snapshot: it is not text");
        } catch (IOException e) {
            throw new UsageException("cannot read " + source + ": " + e.getMessage());
        }
    }

    /**
     * The state with each run of three or more pages that kmc made up (not captured, all fields 0)
     * as one line, "?2..?351: 350 pages not captured, assumed empty": a real ring has hundreds of
     * pages and a dump captures a few.
     */
    static String collapseAssumed(String state, Set<String> assumed) {
        List<String> lines = state.lines().toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); ) {
            int j = i;
            while (j < lines.size() && assumed.contains(pageOf(lines.get(j)))) j++;
            if (j - i >= 3) {
                String indent = lines.get(i).substring(0, lines.get(i).length() - lines.get(i).stripLeading().length());
                String last = lines.get(j - 1);
                sb.append(indent).append(pageOf(lines.get(i))).append("..").append(pageOf(last)).append(": ").append(j - i)
                        .append(" pages not captured, assumed empty (write, read, entries, real_end, commit 0)")
                        .append(last.contains("next->") ? "  " + last.substring(last.indexOf("next->")) : "").append('\n');
                i = j;
            } else {
                sb.append(lines.get(i)).append('\n');
                i++;
            }
        }
        return sb.toString();
    }

    /** The page a state line is about: its first word, without markers such as "(HEAD TAIL)". */
    private static String pageOf(String line) {
        String w = line.strip();
        int end = 0;
        while (end < w.length() && w.charAt(end) != ' ' && w.charAt(end) != '(') end++;
        return w.substring(0, end);
    }

    /** {@code text} after {@code label}, wrapped at spaces to 110 columns, continuation lines indented under it. */
    private static String wrap(String label, String text) {
        StringBuilder sb = new StringBuilder(label);
        int col = label.length();
        for (String w : text.split(" ")) {
            if (col > label.length() && col + 1 + w.length() > 110) {
                sb.append('\n').append(" ".repeat(label.length()));
                col = label.length();
            } else if (col > label.length()) {
                sb.append(' ');
                col++;
            }
            sb.append(w);
            col += w.length();
        }
        return sb.toString();
    }

    private static String predicates(RingBufferPerCpu cpu) {
        return "v5.13 " + word(cpu.perCpuEmptyAs(EmptyCheck.V5_13)) + ", fixed 67f0d6d9883c " + word(cpu.perCpuEmptyAs(EmptyCheck.FIXED_67F0D6D9));
    }

    private static String word(boolean empty) {
        return empty ? "EMPTY" : "NOT EMPTY";
    }

    /** What ring_buffer_peek returned on the copy {@code probe} of {@code cpu}, and why. */
    private static String peek(RingBufferPerCpu cpu, RingBufferPerCpu probe, RbEvent event, Set<String> assumedPages) {
        BufferPage before = cpu.readerPage(), reader = probe.readerPage();
        boolean swapped = !reader.name().equals(before.name());
        String padding = !swapped && reader.read() > before.read()
                ? "after stepping over " + (reader.read() - before.read()) + " bytes of padding on the reader page, " : "";
        String what;
        if (event != null) {
            what = "a data event at " + reader.name() + "+" + reader.read() + " (" + event.length() + " bytes up to "
                    + (reader.read() + event.length()) + "), " + padding
                    + (swapped ? "after rb_get_reader_page swapped the head page " + reader.name() + " in" : "on the reader page");
        } else if (reader.read() < reader.pageCommit()) {
            what = "NULL, " + padding + "with " + (reader.pageCommit() - reader.read()) + " bytes left on the reader page (see RB_WARN_ON)";
        } else {
            what = "NULL: " + padding + "the reader page " + reader.name() + " is read up to its commit " + reader.pageCommit() + ", and "
                    + (probe.commitPage() == reader ? "commit_page is the reader page (the writer is on it)"
                    : "rb_num_of_entries is " + probe.numOfEntries() + ", so rb_get_reader_page does not swap in the head page");
        }
        if (probe.warnings() > cpu.warnings()) what += "; RB_WARN_ON: " + probe.firstWarning();
        if (assumedPages.contains(reader.name())) what += " (page " + reader.name() + " was not captured: this rests on kmc's assumption)";
        return what;
    }

    /** tracing_read_pipe on a copy, in words, with the reason when it goes wrong. */
    private static String verdict(RingBufferPerCpu cpu, EmptyCheck c, boolean peekFindsData) {
        TracePipe.Result pipe = TracePipe.tracingReadPipe(cpu.copy(), TracePipe.SPIN_LIMIT);
        switch (pipe.kind()) {
            case DEAD_LOOP: {
                RingBufferPerCpu after = cpu.copy();
                after.ringBufferPeek();
                BufferPage head = after.flaggedHeadPage(), commit = after.commitPage();
                String why = commit == head && c == EmptyCheck.V5_13
                        ? "commit_page is head_page " + head.name() + ", whose commit " + head.pageCommit() + " is compared with its stale read " + head.read()
                        : "commit_page " + commit.name() + " is not head_page " + head.name() + ", which says data lies between them,"
                        + " but rb_num_of_entries is " + after.numOfEntries();
                return "tracing_read_pipe would loop forever: not empty, nothing to read (" + why
                        + "); it stops only when an event is committed on this CPU";
            }
            case EMPTY:
                return peekFindsData
                        ? "FALSE EMPTY: rb_per_cpu_empty says empty while ring_buffer_peek returns a data event: a reader sleeps with data unread"
                        : "empty, and nothing to read: consistent; tracing_read_pipe sleeps until the next commit on this CPU";
            default:
                return "not empty, and there is a data event to read: consistent; tracing_read_pipe reads it";
        }
    }
}
