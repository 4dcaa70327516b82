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
 * Runs both RCU harnesses, on both named kernels, in one short jcstress run and checks each against
 * what its kernel allows: 3.10.0-514 cross-links the lists in every DoubleCallRcu sample and loses
 * or repeats callbacks against a batch; v5.15 with debugobjects before 63a759694eed keeps the lists
 * intact against a batch, and shows only outcomes its port can produce (among them, rarely, both first
 * call_rcu()s accepted, and a head left ACTIVE/QUEUED for good; a short run may or may not hit them,
 * so their counts are printed, not required).
 * <p>
 * Configuration: {@code -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}; bounds 200 s
 * for the jcstress child, 240 s for the whole run.
 */
@Tag("jcstress")
class RcuStressTest {
    private static final String DOUBLE = DoubleCallRcu.class.getName();
    private static final String VS_BATCH = CallRcuVsDoBatch.class.getName();

    private static final List<String> DOUBLE_BUG = List.of(DoubleCallRcu.D1_TWICE_D2_LOST, DoubleCallRcu.D2_TWICE_D1_LOST);
    private static final List<String> VS_BATCH_310_ONLY = List.of(CallRcuVsDoBatch.D2_CUT_OFF, CallRcuVsDoBatch.D2_EARLY_TWICE,
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
    void exactlyTheFourVariantsRanAndNoForbiddenOutcomeShowed() {
        assertEquals(List.of(VS_BATCH + ".Fixed", VS_BATCH + ".PreFix", DOUBLE + ".Fixed", DOUBLE + ".PreFix"),
                run.tests(), "in " + run.dir());
        assertEquals(0, run.exitCode(), "jcstress must report no failure (a FORBIDDEN outcome is one); see " + run.dir());
    }

    @Test
    void incidentKernelCrossLinksTheListsInEverySample() {
        JCStressRun.Verdict v = run.verdict(DOUBLE + ".PreFix");
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertEquals(v.samples(), sum(v, DOUBLE_BUG), "3.10 never refuses a call_rcu: every sample loses D1 or D2: " + v);
    }

    @Test
    void guardedKernelShowsOnlyWhatItsDebugobjectsAllow() {
        JCStressRun.Verdict v = run.verdict(DOUBLE + ".Fixed");
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertEquals(v.samples(), v.count(DoubleCallRcu.EXACTLY_ONCE) + sum(v, DOUBLE_BUG), v.toString());
        System.out.println("DoubleCallRcu.Fixed: both first call_rcu(link) accepted in " + sum(v, DOUBLE_BUG) + " of "
                + v.samples() + " samples");
    }

    @Test
    void incidentKernelLosesOrRepeatsCallbacksAgainstABatch() {
        JCStressRun.Verdict v = run.verdict(VS_BATCH + ".PreFix");
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertTrue(sum(v, VS_BATCH_310_ONLY) > 0, "3.10 must lose D1 or D2, or run D2 twice: " + v);
        assertEquals(0, v.count(CallRcuVsDoBatch.REJECTED) + v.count(CallRcuVsDoBatch.STUCK), "nothing refuses on 3.10: " + v);
    }

    @Test
    void guardedKernelKeepsTheListsIntactAgainstABatch() {
        JCStressRun.Verdict v = run.verdict(VS_BATCH + ".Fixed");
        assertTrue(v.passed() && v.samples() > 0, v.toString());
        assertEquals(0, sum(v, VS_BATCH_310_ONLY), v.toString());
        assertEquals(v.samples(), v.count(CallRcuVsDoBatch.REJECTED) + v.count(CallRcuVsDoBatch.STUCK)
                + v.count(CallRcuVsDoBatch.REQUEUED_AFTER_DEQUEUE), v.toString());
        System.out.println("CallRcuVsDoBatch.Fixed: head left ACTIVE/QUEUED in " + v.count(CallRcuVsDoBatch.STUCK) + " of "
                + v.samples() + " samples");
    }
}
