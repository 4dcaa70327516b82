package dev.kmc.stress.report;

import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.RingBufferMachine;
import dev.kmc.model.ringbuffer.EmptyCheck;
import java.util.ArrayList;
import java.util.List;

/** Report data from real explorations, shared by the report tests (each exploration runs once per JVM). */
final class ReportFixtures {
    private ReportFixtures() { }

    private static InterleavingExplorer.Result ringBuffer;

    /** The ring buffer's pre-fix concurrent-mc exploration (v5.13): its counterexamples. */
    static synchronized InterleavingExplorer.Result ringBufferPreFix() {
        if (ringBuffer == null) {
            ringBuffer = InterleavingExplorer.explore("ringbuffer/concurrent-mc [pre-fix]",
                    m -> new RingBufferMachine(m, ExploreSuites.RB_GEOMETRY, EmptyCheck.V5_13, true, 1, 2, 3, 4),
                    ExploreSuites.RINGBUFFER.exploration("concurrent-mc").universe(), InterleavingExplorer.Limits.of(1_000_000, 60_000));
        }
        return ringBuffer;
    }

    static ReportData ringBufferReport() {
        InterleavingExplorer.Result r = ringBufferPreFix();
        List<ReportData.Failure> failures = new ArrayList<>();
        for (InterleavingExplorer.Finding f : r.findings().values()) {
            failures.add(new ReportData.Failure("ringbuffer", "pre-fix", "concurrent-mc", f.counterexample(), "ringbuffer/pre-fix-explore.txt"));
        }
        List<ReportData.Row> rows = List.of(new ReportData.Row("ringbuffer", "pre-fix", "explore", "concurrent-mc",
                "finds dead loop, not empty, nothing to read, not linearizable", r.verdict(), true, r.millis(),
                "ringbuffer/pre-fix-explore.txt"));
        return new ReportData("kmc explore", "kmc explore --suite ringbuffer --variant pre-fix --exploration concurrent-mc", rows,
                failures, List.of());
    }
}
