package dev.kmc.stress.rcu;

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
 * Runs both RCU harnesses, pre-fix and fixed, in one short jcstress run and checks the verdicts:
 * without debugobjects a callback runs twice or never, with it every callback runs once per
 * accepted call_rcu.
 * <p>
 * Configuration: the tuned line of the jcstress notes with {@code -time 50}: {@code -sc false -jvmArgs
 * -XX:-TieredCompilation -iters 1 -time 50} (C2 only, +/-UseBiasedLocking: 2 forks per test, 8 in
 * all). Measured on 2 CPUs shared with another job (load 5-6), 5 runs: 21-42 s for this class
 * (the jcstress child and its forks), 25-50 s for the whole {@code mvn test}. The load made the
 * sample counts swing from 1.2e2 to 7.7e5 per test, yet every run showed the bug on both pre-fix
 * tests: DoubleCallRcu.PreFix in every sample (as it must), CallRcuVsDoBatch.PreFix in 16-47 % of
 * them (947-90107 samples, nearly all "2, 0, 1"; the narrow windows "2, 1, 2", "2, 0, 2", "2, 1, 0"
 * and "2, 0, 0" showed 0-13 times each). The fixed tests never showed a forbidden outcome. The
 * bounds: 200 s for the jcstress child, 240 s for the whole run.
 */
@Tag("jcstress")
class RcuStressTest {
    private static final String DOUBLE = DoubleCallRcu.class.getName();
    private static final String VS_BATCH = CallRcuVsDoBatch.class.getName();

    private static final List<String> DOUBLE_BUG = List.of(DoubleCallRcu.D1_TWICE_D2_LOST, DoubleCallRcu.D2_TWICE_D1_LOST);
    private static final List<String> VS_BATCH_BUG = List.of(CallRcuVsDoBatch.D2_CUT_OFF, CallRcuVsDoBatch.D2_EARLY_TWICE,
            CallRcuVsDoBatch.D1_LOST, CallRcuVsDoBatch.D1_LOST_D2_EARLY_TWICE, CallRcuVsDoBatch.BOTH_LOST);

    private static JCStressRun.Result run;

    @BeforeAll
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    static void runBothHarnesses() throws Exception {
        Path target = Path.of(RcuStressTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        run = JCStressRun.run(target.resolve("jcstress"), Duration.ofSeconds(200),
                "-t", "^dev\\.kmc\\.stress\\.rcu\\.(DoubleCallRcu|CallRcuVsDoBatch)\\.(PreFix|Fixed)$",
                "-sc", "false", "-jvmArgs", "-XX:-TieredCompilation", "-iters", "1", "-time", "50");
        run.verdicts().forEach(System.out::println);
    }

    private static long sum(JCStressRun.Verdict v, List<String> outcomes) {
        return outcomes.stream().mapToLong(v::count).sum();
    }

    @Test
    void exactlyTheFourVariantsRan() {
        assertEquals(List.of(VS_BATCH + ".Fixed", VS_BATCH + ".PreFix", DOUBLE + ".Fixed", DOUBLE + ".PreFix"),
                run.tests(), "in " + run.dir());
        assertEquals(0, run.exitCode(), "jcstress itself must report no failure or error; see " + run.dir());
    }

    @Test
    void preFixDoubleCallRcuInvokesOneCallbackTwiceAndLosesTheOther() {
        JCStressRun.Verdict v = run.verdict(DOUBLE + ".PreFix");
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertTrue(sum(v, DOUBLE_BUG) > 0, "the unguarded port must run X and D1 or D2 twice and lose the other: " + v);
        assertEquals(v.samples(), sum(v, DOUBLE_BUG),
                "B.4: unguarded, both call_rcu(X) link X, so every sample must lose D1 or D2: " + v);
    }

    @Test
    void fixedDoubleCallRcuInvokesEveryCallbackExactlyOnce() {
        JCStressRun.Verdict v = run.verdict(DOUBLE + ".Fixed");
        assertEquals(0, sum(v, DOUBLE_BUG), v.toString());
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertEquals(v.samples(), v.count(DoubleCallRcu.EXACTLY_ONCE), v.toString());
    }

    @Test
    void preFixCallRcuRacingDoBatchLosesOrRepeatsCallbacks() {
        JCStressRun.Verdict v = run.verdict(VS_BATCH + ".PreFix");
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertTrue(sum(v, VS_BATCH_BUG) > 0, "the unguarded port must lose D1 or D2, or run D2 twice: " + v);
        assertEquals(0, v.count(CallRcuVsDoBatch.REJECTED), "unguarded, nothing rejects the second call_rcu(X): " + v);
    }

    @Test
    void fixedCallRcuRacingDoBatchRejectsOrAcceptsTheRepostCleanly() {
        JCStressRun.Verdict v = run.verdict(VS_BATCH + ".Fixed");
        assertEquals(0, sum(v, VS_BATCH_BUG), v.toString());
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertEquals(v.samples(), v.count(CallRcuVsDoBatch.REJECTED) + v.count(CallRcuVsDoBatch.REQUEUED_AFTER_DEQUEUE),
                v.toString());
    }
}
