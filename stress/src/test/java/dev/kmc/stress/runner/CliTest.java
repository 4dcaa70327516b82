package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line people expect: -h/--help everywhere, "did you mean", one-line errors. */
class CliTest {

    @TempDir
    Path tmp;

    @Test
    void everySubcommandAnswersHelpWithUsageOptionsAndAnExampleAndExitZero() throws Exception {
        for (String command : Kmc.COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                Traces.Result r = Traces.kmc(command, flag);
                assertEquals(0, r.code(), command + " " + flag + ": " + r.err());
                assertEquals("", r.err(), command + " " + flag);
                assertTrue(r.out().contains("Usage: kmc " + command), command + " " + flag + ":\n" + r.out());
                assertTrue(r.out().contains("-h, --help"), command + " " + flag + ":\n" + r.out());
                assertTrue(r.out().contains("Example"), command + " " + flag + ":\n" + r.out());
            }
            Traces.Result r = Traces.kmc("help", command);
            assertEquals(0, r.code(), "help " + command);
            assertTrue(r.out().contains("Usage: kmc " + command), r.out());
        }
        Traces.Result top = Traces.kmc("--help");
        assertEquals(0, top.code());
        for (String command : Kmc.COMMANDS) assertTrue(top.out().contains("\n  " + command + " "), command + " in\n" + top.out());
    }

    @Test
    void jcstressHelpIsKmcsAndCreatesNoResultsFolder() throws Exception {
        Path results = Path.of("kmc-results");
        long before = count(results);
        Traces.Result r = Traces.kmc("jcstress", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("-t REGEX"), r.out());
        assertEquals(before, count(results), "kmc jcstress --help must not create a results folder");
    }

    private static long count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void didYouMeanOffersTheCloseNamesOnly() {
        assertEquals(" (did you mean '--suite'?)", Cli.didYouMean("--sute", List.of("--suite", "--out", "--engine")));
        assertEquals(" (did you mean 'ringbuffer'?)", Cli.didYouMean("ringbufer", List.of("ringbuffer", "rcu", "systemd")));
        assertEquals(" (did you mean 'systemd'?)", Cli.didYouMean("sytsemd", List.of("ringbuffer", "rcu", "systemd")));
        assertEquals("", Cli.didYouMean("frobnicate", List.of("run", "list", "replay")));
    }

    @Test
    void snapshotOfAFolderIsOneLineAndExitTwo() throws Exception {
        Traces.Result r = Traces.kmc("snapshot", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("kmc: cannot read " + tmp + ": it is a folder, not a snapshot file\n", r.err());
    }

    @Test
    void snapshotOfAnUnreadableFileIsOneLineAndExitTwo() throws Exception {
        Path file = Files.writeString(tmp.resolve("cpu1.snapshot"), "[cpu]\n");
        assertTrue(file.toFile().setReadable(false, false));
        try {
            Traces.Result r = Traces.kmc("snapshot", file.toString());
            assertEquals(2, r.code(), r.err() + r.out());
            if (Files.isReadable(file)) {
                // root reads every file: then the file is read, and its bad content is the one-line error
                assertTrue(r.err().startsWith("kmc: " + file + ":"), r.err());
            } else {
                assertEquals("kmc: cannot read " + file + ": permission denied\n", r.err());
            }
        } finally {
            file.toFile().setReadable(true, false);
        }
    }
}
