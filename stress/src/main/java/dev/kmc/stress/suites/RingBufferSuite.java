package dev.kmc.stress.suites;

import dev.kmc.checks.lincheck.ModelCheck;
import dev.kmc.checks.ringbuffer.RingBufferChecks;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.stress.runner.Suite;
import java.util.List;

/** Linux tracing ring buffer: rb_per_cpu_empty() before and after 67f0d6d9883c. */
public final class RingBufferSuite implements Suite {

    private static final Variant PRE = new Variant("pre-fix", "Linux v5.13");
    private static final Variant FIXED = new Variant("fixed", "with 67f0d6d9883c (v5.14-rc3)");

    @Override
    public String name() { return "ringbuffer"; }

    @Override
    public String incident() {
        return "Linux tracing ring buffer before v5.14-rc3: rb_per_cpu_empty() says \"not empty\" while"
                + " ring_buffer_peek() returns NULL, so tracing_read_pipe() loops forever (fix 67f0d6d9883c).";
    }

    @Override
    public String property() {
        return "At writer quiescence, isEmpty() is true exactly when peek() has nothing to return"
                + " (kernel-spec A.9): after peek() returns null, isEmpty() must be true.";
    }

    @Override
    public List<Variant> variants() { return List.of(PRE, FIXED); }

    private static EmptyCheck check(Variant v) {
        return v == PRE ? EmptyCheck.V5_13 : EmptyCheck.FIXED_67F0D6D9;
    }

    @Override
    public List<ModelCheckRun> modelChecks(Variant v) {
        EmptyCheck c = check(v);
        return RingBufferChecks.ALL.stream().map((ModelCheck<EmptyCheck> m) -> new ModelCheckRun(
                m.id(), m.description(), b -> m.run().apply(c, b), m.expectation().apply(c),
                RingBufferChecks.testClass(c))).toList();
    }

    /** The arbiter, at writer quiescence, sees "not empty" and peek() NULL (result fields 3 and 4). */
    private static final String ARBITER_CONTRADICTION = "(true|false), (true|false), false, true";
    /** The racing reader sees "not empty" and peek() NULL (result fields 1 and 2). */
    private static final String READER_CONTRADICTION = "false, true, (true|false), (true|false)";

    @Override
    public List<StressHarness> stressHarnesses(Variant v) {
        String n = v == PRE ? "PreFix" : "Fixed";
        boolean bug = v == PRE;
        return List.of(
                new StressHarness("dev.kmc.stress.ringbuffer.EmptyVsPeekAfterDiscard." + n, ARBITER_CONTRADICTION,
                        "arbiter sees not-empty but peek() is NULL after the writer discarded onto the head page", bug),
                new StressHarness("dev.kmc.stress.ringbuffer.EmptyVsPeekInReserveWindow." + n, READER_CONTRADICTION,
                        "reader sees not-empty but peek() is NULL while the writer's event is reserved, uncommitted", bug));
    }
}
