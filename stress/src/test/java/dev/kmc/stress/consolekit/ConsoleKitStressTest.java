package dev.kmc.stress.consolekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.stress.JCStressRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs both ConsoleKit harnesses, pre-fix and fixed, in one short jcstress run and checks the
 * verdicts: on the pre-fix port the signal handled nested corrupts the leaders table, on the
 * fixed one it never does, although it is handled nested there too.
 * <p>
 * Configuration: the ring-buffer suite's tuned line, {@code -sc false -jvmArgs
 * -XX:-TieredCompilation -iters 1 -time 50} (C2 only, +/-UseBiasedLocking: 2 forks per test,
 * 4 in all). The bounds: 150 s for the jcstress child, 180 s for the whole run.
 */
@Tag("jcstress")
class ConsoleKitStressTest {
    private static final String HARNESS = NameOwnerChangedDuringRemoval.class.getName();

    private static JCStressRun.Result run;

    @BeforeAll
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    static void runBothVariants() throws Exception {
        Path target = Path.of(ConsoleKitStressTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        run = JCStressRun.run(target.resolve("jcstress"), Duration.ofSeconds(150),
                "-t", "^dev\\.kmc\\.stress\\.consolekit\\.NameOwnerChangedDuringRemoval\\.(PreFix|Fixed)$",
                "-sc", "false", "-jvmArgs", "-XX:-TieredCompilation", "-iters", "1", "-time", "50");
        run.verdicts().forEach(System.out::println);
    }

    @Test
    void exactlyTheTwoVariantsRan() {
        assertEquals(List.of(HARNESS + ".Fixed", HARNESS + ".PreFix"), run.tests(), "in " + run.dir());
        assertEquals(0, run.exitCode(), "jcstress itself must report no failure or error; see " + run.dir());
    }

    @Test
    void preFixCorruptsTheLeadersTableWhenTheSignalIsHandledNested() {
        JCStressRun.Verdict v = run.verdict(HARNESS + ".PreFix");
        assertTrue(v.passed(), v.toString());
        long corrupted = v.count(NameOwnerChangedDuringRemoval.WRONG_LEADER) + v.count(NameOwnerChangedDuringRemoval.PAST_THE_END);
        assertTrue(corrupted > 0, "the pre-fix port must destroy a wrong leader or write past the table: " + v);
        assertEquals(0, v.count(NameOwnerChangedDuringRemoval.NESTED_CLEAN),
                "in 1.1.0 a nested :1.2 always corrupts the table (kernel-spec C1): " + v);
    }

    @Test
    void fixedHandlesTheSignalNestedWithoutCorruption() {
        JCStressRun.Verdict v = run.verdict(HARNESS + ".Fixed");
        assertEquals(0, v.count(NameOwnerChangedDuringRemoval.WRONG_LEADER) + v.count(NameOwnerChangedDuringRemoval.PAST_THE_END),
                v.toString());
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertTrue(v.count(NameOwnerChangedDuringRemoval.NESTED_CLEAN) > 0,
                "the race must have been run: the signal dispatched nested in some samples: " + v);
    }
}
