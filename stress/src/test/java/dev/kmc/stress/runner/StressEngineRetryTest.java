package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.checks.lincheck.Budget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pre-fix JCStress harness that misses its race is rerun, a bounded number of times, before kmc run
 * believes "not found" (systemd's race shows in about 4 of 10^4 samples and one short run can miss it).
 * Here the bug's outcome is one no harness can produce, so every run misses: the engine must make
 * exactly 1 + RETRIES runs, then report BUG NOT FOUND with the samples of all of them.
 */
@Tag("jcstress")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class StressEngineRetryTest {

    /** The task list's fixed harness, presented as a pre-fix one whose bug is an impossible outcome. */
    static final class NeverSeen implements Suite {
        @Override
        public String name() { return "never"; }

        @Override
        public String incident() { return "none: a harness whose bug outcome cannot happen"; }

        @Override
        public String property() { return "none"; }

        @Override
        public List<Variant> variants() { return List.of(new Variant("pre-fix", "an impossible bug")); }

        @Override
        public List<ModelCheckRun> modelChecks(Variant v) { return List.of(); }

        @Override
        public List<StressHarness> stressHarnesses(Variant v) {
            return List.of(new StressHarness("dev.kmc.stress.tasklist.WalkFromThreadVsExit.Fixed", "no such outcome",
                    "an outcome no run can show", true));
        }
    }

    @TempDir
    Path tmp;

    @Test
    void aMissedPreFixRaceIsRerunBeforeItIsReportedNotFound() throws Exception {
        List<CheckResult> results = StressChecks.run(new NeverSeen(), Budget.QUICK, tmp);
        assertEquals(1, results.size(), results.toString());
        CheckResult r = results.get(0);
        assertFalse(r.met(), r.toString());
        assertTrue(r.note().matches("BUG NOT FOUND: no sample of [0-9]+ in " + (1 + StressEngine.RETRIES)
                + " runs showed an outcome no run can show"), r.note());
        assertTrue(Files.isDirectory(tmp.resolve("jcstress/never")), "the first run");
        for (int run = 2; run <= 1 + StressEngine.RETRIES; run++) {
            assertTrue(Files.isDirectory(tmp.resolve("jcstress/never-run" + run)), "rerun " + run);
        }
        assertFalse(Files.exists(tmp.resolve("jcstress/never-run" + (2 + StressEngine.RETRIES))), "bounded");
    }
}
