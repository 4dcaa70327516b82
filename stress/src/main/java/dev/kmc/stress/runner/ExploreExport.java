package dev.kmc.stress.runner;

import dev.kmc.checks.explore.Counterexample;
import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.Universe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code kmc export-test} of a counterexample of an explore trace: a JUnit test that pins the exact
 * interleaving through {@link InterleavingExplorer#replay}. Which test depends on what the replays
 * show, decided by running exactly what the test will run, before anything is written:
 * <ul>
 * <li>a pre-fix finding the fixed port does not show on the same interleaving: the pre-fix port
 * still shows it, the fixed port does not;</li>
 * <li>a pre-fix finding whose interleaving the fixed port cannot even take (a step it cannot make
 * there): the pre-fix port still shows it, the fixed port diverges, and an exploration of the
 * same universe on the fixed port is complete and finds no violation of that kind;</li>
 * <li>a finding both variants show on the interleaving: both still show it.</li>
 * </ul>
 * Anything else (the recorded variant no longer shows it, a finding of the fixed port alone, a
 * fixed exploration that finds it too or stops early) is refused in one line, exit 2.
 */
final class ExploreExport {
    private ExploreExport() { }

    private static final Map<String, String> NAMES = Map.of("ringbuffer", "RingBuffer", "consolekit", "ConsoleKit",
            "tasklist", "TaskList", "rcu", "Rcu", "systemd", "Systemd");

    enum Mode { FIXED_CLEAN, FIXED_DIVERGES, BOTH }

    static int export(Path file, Integer number, String name, Path dir, PrintStream out) throws IOException {
        ExploreReplay.Loaded l = ExploreReplay.load(file, number);
        var e = l.entry();
        String kind = e.kind();
        String other = e.variant().equals("pre-fix") ? "fixed" : "pre-fix";
        if (name == null) {
            name = NAMES.getOrDefault(e.suite(), ExportTestCommand.camel(e.suite())) + ExportTestCommand.camel(e.exploration())
                    + ExportTestCommand.camel(kind) + "RegressionTest";
        }
        Path target = dir.resolve(name + ".java");
        if (Files.exists(target)) {
            throw new UsageException(target + " already exists; kmc never overwrites a file: choose another --name");
        }
        out.println("kmc export-test: counterexample " + l.number() + " (" + kind + ") of " + file + ": suite " + e.suite()
                + ", variant " + e.variant() + ", exploration " + e.exploration()
                + (number == null && l.of() > 1 ? " (the first of " + l.of() + "; --counterexample N picks another)" : ""));
        out.println("replaying the interleaving (" + e.interleaving().size() + " atomic steps) on both variants, as the test will ...");
        Universe u = Universe.parse(e.universeSpec());
        Counterexample mine = InterleavingExplorer.replay(ExploreSuites.machine(e.suite(), e.exploration(), e.variant()), u,
                e.interleaving(), kind);
        out.println("  " + e.variant() + ": " + (kind.equals(mine.kind()) ? "shows " + kind + ", as recorded" : "does NOT show " + kind
                + " (" + mine.kind() + ")"));
        if (!kind.equals(mine.kind())) {
            throw new UsageException("not exported: the " + e.variant() + " port no longer shows the recorded " + kind
                    + " on this interleaving (the replay meets " + mine.kind() + "), so the test would not pass");
        }
        Counterexample theirs = null;
        String divergence = null;
        try {
            theirs = InterleavingExplorer.replay(ExploreSuites.machine(e.suite(), e.exploration(), other), u, e.interleaving(), kind);
        } catch (IllegalArgumentException x) {
            divergence = x.getMessage();
        }
        out.println("  " + other + ": " + (divergence != null ? "cannot take the interleaving: " + divergence
                : kind.equals(theirs.kind()) ? "shows " + kind + " too" : "does not show " + kind + " ("
                + (theirs.kind().equals("none") ? "no violation" : theirs.kind()) + ")"));
        Mode mode;
        InterleavingExplorer.Limits limits = limits(e.suite(), e.exploration());
        if (theirs != null && kind.equals(theirs.kind())) {
            mode = Mode.BOTH;
        } else if (e.variant().equals("fixed")) {
            throw new UsageException("not exported: the " + kind + " is the fixed port's alone (the pre-fix port "
                    + (divergence != null ? "cannot take the interleaving" : "does not show it") + "), so there is no fix"
                    + " for a regression test to pin; export-test pins pre-fix findings and findings on both variants");
        } else if (divergence == null) {
            mode = Mode.FIXED_CLEAN;
        } else {
            out.printf("  exploring the universe on the fixed port (at most %,d states, %d s), as the test will ...%n",
                    limits.maxStates(), limits.maxMillis() / 1000);
            InterleavingExplorer.Result r = InterleavingExplorer.explore(e.suite() + "/" + e.exploration() + " [fixed]",
                    ExploreSuites.machine(e.suite(), e.exploration(), "fixed"), u, limits);
            out.println("  fixed: " + r.verdict());
            if (r.findings().containsKey(kind) || !r.complete()) {
                throw new UsageException("not exported: the fixed port cannot take the interleaving, and exploring its universe "
                        + (r.findings().containsKey(kind) ? "finds " + kind + " too" : "stops early (" + r.stoppedBy() + ")")
                        + ", so the test would not pass");
            }
            mode = Mode.FIXED_DIVERGES;
        }
        String source = source(name, file, l, mode, limits);
        Files.createDirectories(dir);
        try {
            Files.writeString(target, source, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException x) {
            throw new UsageException(target + " already exists; kmc never overwrites a file: choose another --name");
        }
        out.println("wrote " + target + " (" + switch (mode) {
            case FIXED_CLEAN -> "the pre-fix port shows it on the interleaving, the fixed port does not";
            case FIXED_DIVERGES -> "the pre-fix port shows it; the fixed port cannot take the interleaving and its universe has none";
            case BOTH -> "both variants show it on the interleaving";
        } + ")");
        out.println("run it: mvn -B test -pl checks -am -Dtest=" + name + " -Dsurefire.failIfNoSpecifiedTests=false");
        return 0;
    }

    /** The trace's path relative to the working folder if it is under it, else absolute. */
    private static String shown(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** The bounds of the fixed exploration: the stated exploration's quick budget, else kmc explore's default. */
    static InterleavingExplorer.Limits limits(String suite, String exploration) {
        for (ExploreSuites.Exploration x : ExploreSuites.suite(suite).explorations()) {
            if (x.name().equals(exploration)) return x.quick();
        }
        return InterleavingExplorer.Limits.of(1_000_000, 60_000);
    }

    private static String source(String name, Path file, ExploreReplay.Loaded l, Mode mode, InterleavingExplorer.Limits limits) {
        var e = l.entry();
        String how = switch (mode) {
            case FIXED_CLEAN -> "The interleaving is replayed step by step on a fresh port of each variant through kmc's explorer"
                    + " (deterministic): the pre-fix port must still show the " + e.kind() + ", the fixed port must take the same"
                    + " interleaving without it.";
            case FIXED_DIVERGES -> "The interleaving is replayed step by step on a fresh port of each variant through kmc's"
                    + " explorer (deterministic): the pre-fix port must still show the " + e.kind() + ". The fixed port cannot"
                    + " even take it (the fix changes the accesses it makes), so its test asserts that the replay diverges and"
                    + " then explores the same universe on the fixed port: complete, and no " + e.kind() + ".";
            case BOTH -> "The interleaving is replayed step by step on a fresh port of each variant through kmc's explorer"
                    + " (deterministic): the finding is on both variants, and both must still show the " + e.kind() + ".";
        };
        StringBuilder sb = new StringBuilder();
        sb.append("package ").append(ExportTestCommand.PACKAGE).append(";\n\n");
        sb.append("import static org.junit.jupiter.api.Assertions.assertEquals;\n");
        if (mode == Mode.FIXED_CLEAN) sb.append("import static org.junit.jupiter.api.Assertions.assertNotEquals;\n");
        if (mode == Mode.FIXED_DIVERGES) {
            sb.append("import static org.junit.jupiter.api.Assertions.assertFalse;\n");
            sb.append("import static org.junit.jupiter.api.Assertions.assertThrows;\n");
            sb.append("import static org.junit.jupiter.api.Assertions.assertTrue;\n");
        }
        sb.append("\nimport dev.kmc.checks.explore.Counterexample;\n");
        sb.append("import dev.kmc.checks.explore.ExploreSuites;\n");
        sb.append("import dev.kmc.checks.explore.InterleavingExplorer;\n");
        sb.append("import dev.kmc.checks.explore.Universe;\n");
        sb.append("import java.util.List;\n");
        sb.append("import java.util.concurrent.TimeUnit;\n");
        sb.append("import org.junit.jupiter.api.Test;\n");
        sb.append("import org.junit.jupiter.api.Timeout;\n\n");
        sb.append("/**\n");
        sb.append(ExportTestCommand.javadoc("Regression test written by {@code kmc export-test} from counterexample " + l.number()
                + " (" + e.kind() + ") of an explore trace of suite " + e.suite() + ", variant " + e.variant() + ", exploration "
                + e.exploration() + ": " + e.violation().replace("*/", "* /") + (e.violation().endsWith(".") ? "" : ".")
                + " Trace: " + shown(file) + " (written by kmc explore --suite " + e.suite() + " --exploration " + e.exploration()
                + ")."));
        sb.append(" *\n");
        sb.append(ExportTestCommand.javadoc("<p>" + how));
        sb.append(" */\n");
        sb.append("@Timeout(value = 5, unit = TimeUnit.MINUTES)\n");
        sb.append("class ").append(name).append(" {\n\n");
        sb.append("    static final String SUITE = \"").append(ExportTestCommand.escape(e.suite())).append("\";\n");
        sb.append("    static final String EXPLORATION = \"").append(ExportTestCommand.escape(e.exploration())).append("\";\n");
        sb.append("    static final String KIND = \"").append(ExportTestCommand.escape(e.kind())).append("\";\n\n");
        sb.append("    static final Universe UNIVERSE = Universe.parse(\n            ").append(ExportTestCommand.literal(e.universeSpec()))
                .append(");\n\n");
        sb.append("    /** The interleaving, one token per atomic step (cpuN+op(): starts op; cpuN: its next step; cpuN!op(): an interrupt). */\n");
        sb.append("    static final List<String> INTERLEAVING = Counterexample.tokens(\n            ")
                .append(ExportTestCommand.literal(String.join(" ", e.interleaving()))).append(");\n\n");
        sb.append("    private static Counterexample replay(String variant) {\n");
        sb.append("        return InterleavingExplorer.replay(ExploreSuites.machine(SUITE, EXPLORATION, variant), UNIVERSE, INTERLEAVING, KIND);\n");
        sb.append("    }\n\n");
        if (mode == Mode.BOTH) {
            for (String v : new String[] {"pre-fix", "fixed"}) {
                sb.append("    @Test\n");
                sb.append("    void ").append(v.equals("pre-fix") ? "preFix" : "fixed").append("StillShowsIt() {\n");
                sb.append("        Counterexample c = replay(\"").append(v).append("\");\n");
                sb.append("        assertEquals(KIND, c.kind(), c.text());\n");
                sb.append("    }\n\n");
            }
        } else {
            sb.append("    @Test\n");
            sb.append("    void preFixStillShowsTheRecordedViolation() {\n");
            sb.append("        Counterexample c = replay(\"pre-fix\");\n");
            sb.append("        assertEquals(KIND, c.kind(), c.text());\n");
            sb.append("    }\n\n");
            sb.append("    @Test\n");
            if (mode == Mode.FIXED_CLEAN) {
                sb.append("    void fixedTakesTheInterleavingWithoutIt() {\n");
                sb.append("        Counterexample c = replay(\"fixed\");\n");
                sb.append("        assertNotEquals(KIND, c.kind(), c.text());\n");
                sb.append("    }\n");
            } else {
                sb.append("    void fixedCannotTakeTheInterleavingAndItsUniverseHasNoSuchViolation() {\n");
                sb.append("        assertThrows(IllegalArgumentException.class, () -> replay(\"fixed\"));\n");
                sb.append("        InterleavingExplorer.Result r = InterleavingExplorer.explore(SUITE + \"/\" + EXPLORATION + \" [fixed]\",\n");
                sb.append("                ExploreSuites.machine(SUITE, EXPLORATION, \"fixed\"), UNIVERSE, InterleavingExplorer.Limits.of(")
                        .append(limits.maxStates()).append("L, ").append(limits.maxMillis()).append("L));\n");
                sb.append("        assertTrue(r.complete(), r.report());\n");
                sb.append("        assertFalse(r.findings().containsKey(KIND), r.report());\n");
                sb.append("    }\n");
            }
        }
        if (sb.charAt(sb.length() - 2) == '\n') sb.setLength(sb.length() - 1);
        sb.append("}\n");
        return sb.toString();
    }
}
