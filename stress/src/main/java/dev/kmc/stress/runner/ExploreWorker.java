package dev.kmc.stress.runner;

import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.ExploreTrace;
import dev.kmc.checks.explore.InterleavingExplorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs kmc's explorer on one suite variant's stated universes in a JVM of its own (the runner
 * starts it and kills it when its time is up), writes {@code <suite>/<variant>-explore.txt}, and
 * prints one result line per universe for the runner. Arguments: {@code SUITE VARIANT BUDGET OUTDIR}.
 */
public final class ExploreWorker {
    private ExploreWorker() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ExploreWorker SUITE VARIANT quick|thorough OUTDIR");
            System.exit(2);
        }
        ExploreSuites.Suite suite = ExploreSuites.suite(args[0]);
        ExploreSuites.Variant v = suite.variant(args[1]);
        boolean thorough = args[2].equalsIgnoreCase("thorough");
        Path out = Paths.get(args[3]);
        String rel = suite.name() + "/" + v.name() + "-explore.txt";
        List<ExploreTrace.Exploration> runs = new ArrayList<>();
        List<CheckResult> rows = new ArrayList<>();
        for (ExploreSuites.Exploration x : suite.explorations()) {
            System.out.println(ModelWorker.START + x.name());
            System.out.flush();
            ExploreSuites.Expect e = x.expect().apply(v.name());
            InterleavingExplorer.Result r;
            try {
                r = x.run(suite.name(), v.name(), thorough);
            } catch (RuntimeException | Error ex) {
                System.out.println(new CheckResult(suite.name(), v.name(), "explore", x.name(), e.describe(), "error", 0, false,
                        null, x.name() + " threw " + ex).toLine());
                continue;
            }
            String mismatch = x.judge(v.name(), r);
            runs.add(new ExploreTrace.Exploration(x.name(), x.universe(), r, e.describe(), e.judgement()));
            rows.add(new CheckResult(suite.name(), v.name(), "explore", x.name(), e.describe(), observed(r), r.millis(),
                    mismatch == null, r.findings().isEmpty() ? null : rel, mismatch == null ? r.verdict() : mismatch));
        }
        Path file = out.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, ExploreTrace.write(suite.name(), v, runs));
        for (CheckResult row : rows) System.out.println(row.toLine());
        System.out.flush();
    }

    /** What the explorer came to, saying how much it checked. */
    static String observed(InterleavingExplorer.Result r) {
        if (!r.findings().isEmpty()) {
            return "bug found: " + String.join(", ", r.findings().keySet()) + String.format(" (%,d states, %s)", r.states(),
                    r.complete() ? "complete" : "stopped by " + r.stoppedBy());
        }
        return r.complete() ? String.format("proven: every interleaving, %,d states, complete", r.states())
                : String.format("clean in %,d states; not exhaustive (stopped by %s)", r.states(), r.stoppedBy());
    }
}
