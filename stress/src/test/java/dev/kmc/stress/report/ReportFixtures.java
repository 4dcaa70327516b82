package dev.kmc.stress.report;

import dev.kmc.checks.explore.ExploreSuites;
import dev.kmc.checks.explore.InterleavingExplorer;
import dev.kmc.checks.explore.RingBufferMachine;
import dev.kmc.checks.explore.Counterexample;
import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.RcuInvariants;
import dev.kmc.model.rcu.RcuSubject;
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

    private static InterleavingExplorer.Result operations;

    /** The ring buffer's pre-fix operation-level exploration (kernel-spec A.7): the false-empty counterexample. */
    static synchronized InterleavingExplorer.Result ringBufferOperationsPreFix() {
        if (operations == null) {
            ExploreSuites.Exploration x = ExploreSuites.RINGBUFFER.exploration("operations");
            operations = InterleavingExplorer.explore("ringbuffer/operations [pre-fix]", m -> x.machine().apply("pre-fix", m),
                    x.universe(), x.quick());
        }
        return operations;
    }

    static ReportData ringBufferReport() {
        List<ReportData.Failure> failures = new ArrayList<>();
        List<ReportData.Row> rows = new ArrayList<>();
        for (String check : List.of("concurrent-mc", "operations")) {
            InterleavingExplorer.Result r = check.equals("operations") ? ringBufferOperationsPreFix() : ringBufferPreFix();
            for (InterleavingExplorer.Finding f : r.findings().values()) {
                failures.add(new ReportData.Failure("ringbuffer", "pre-fix", check, f.counterexample(), "ringbuffer/pre-fix-explore.txt"));
            }
            rows.add(new ReportData.Row("ringbuffer", "pre-fix", "explore", check,
                    ExploreSuites.RINGBUFFER.exploration(check).expect().apply("pre-fix").describe(), r.verdict(),
                    ExploreSuites.RINGBUFFER.exploration(check).judge("pre-fix", r) == null, r.millis(), "ringbuffer/pre-fix-explore.txt"));
        }
        return new ReportData("kmc explore", "kmc explore --suite ringbuffer --variant pre-fix", rows, failures, List.of());
    }

    /**
     * RCU's double enqueue as a counterexample: kernel-spec B.4's deterministic sequence on the
     * incident's kernel (3.10.0-514, unguarded), as RcuSequenceTest drives it: call_rcu(link) on
     * cpu0, then on cpu1 (the duplicate), then the bystanders D1..D4, a grace period and both CPUs'
     * batches. An adapter until RcuMachine (kmc's explorer for RCU) is on main: each whole operation
     * is one step, with the structure text and the port's snapshot after it.
     */
    static Counterexample rcuDoubleEnqueue() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        String[][] ops = {{"cpu0", "callRcu(link)"}, {"cpu1", "callRcu(link)"}, {"cpu0", "callRcu(D1)"}, {"cpu1", "callRcu(D2)"},
                {"cpu0", "callRcu(D3)"}, {"cpu1", "callRcu(D4)"}, {"gp kthread", "gracePeriod()"}, {"cpu0", "rcuDoBatch()"},
                {"cpu1", "rcuDoBatch()"}};
        String initial = "initial state:\n" + indent(s.toString());
        Object initialSnapshot = s.rcu().snapshotData();
        List<Counterexample.Step> steps = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String kind = null, message = null, shown = s.toString();
        for (int i = 0; i < ops.length; i++) {
            String cpu = ops[i][0], op = ops[i][1];
            int c = cpu.equals("cpu1") ? 1 : 0;
            String result;
            if (op.startsWith("callRcu")) {
                result = String.valueOf(s.callRcu(c, RcuSubject.NAMES.indexOf(op.substring(8, op.length() - 1))));
            } else if (op.equals("gracePeriod()")) {
                s.gracePeriod();
                result = "done";
            } else {
                result = s.doBatch(c);
            }
            tokens.add((cpu.equals("gp kthread") ? "gp" : cpu) + "+" + op);
            String v = RcuInvariants.firstViolation(s.rcu());
            if (v == null) v = RcuInvariants.exactlyOnceViolation(s.rcu());
            String outcome = op + " completes: " + result + (v == null ? "" : "\n" + v);
            if (v != null && kind == null) {
                kind = v.substring(0, v.indexOf(':'));
                message = v;
            }
            String now = s.toString();
            steps.add(new Counterexample.Step(i + 1, tokens.get(i), cpu, false, "runs " + op, List.of(), outcome, now,
                    s.rcu().snapshotData(), !now.equals(shown)));
            shown = now;
        }
        return new Counterexample(kind, message, tokens, initial, initialSnapshot, steps);
    }

    static ReportData rcuReport() {
        Counterexample c = rcuDoubleEnqueue();
        return new ReportData("kmc RCU double enqueue", "kernel-spec B.4 on 3.10.0-514 (deterministic sequence)",
                List.of(new ReportData.Row("rcu", "pre-fix", "sequence", "b4-double-enqueue", "bug found", c.kind(), true, 0, null)),
                List.of(new ReportData.Failure("rcu", "pre-fix", "b4-double-enqueue", c, null)),
                // a histogram in the shape StressEngine's verdicts have (outcome -> count, graded by the harness's
                // @Outcome annotations); the counts are made up for the drawing test, not measured
                List.of(new ReportData.Histogram("rcu", "pre-fix", "DoubleCallRcu", "bug found (test data)", List.of(
                        new ReportData.Bar("1, 0", 812_345, "ACCEPTABLE", "one call_rcu accepted"),
                        new ReportData.Bar("1, 1", 1_204, "ACCEPTABLE_INTERESTING", "both accepted: the head is queued twice"),
                        new ReportData.Bar("0, 0", 0, "FORBIDDEN", "neither accepted"),
                        new ReportData.Bar("2, 2", 3, "UNKNOWN", "")))));
    }

    private static String indent(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) sb.append("    | ").append(line).append('\n');
        return sb.toString();
    }

    /** RCU's incident-link exploration on the incident's kernel (pre-fix), bounded: its disjointness counterexample. */
    static Counterexample rcuExploredDoubleEnqueue() {
        ExploreSuites.Exploration x = ExploreSuites.RCU.exploration("incident-link");
        InterleavingExplorer.Result r = InterleavingExplorer.explore("rcu/incident-link [pre-fix]", m -> x.machine().apply("pre-fix", m),
                x.universe(), InterleavingExplorer.Limits.of(300_000, 60_000));
        InterleavingExplorer.Finding f = r.findings().get("disjointness");
        if (f == null) throw new AssertionError("no disjointness counterexample: " + r.verdict());
        return f.counterexample();
    }

    /** A suite's exploration on the pre-fix variant, quick limits: its counterexamples as a report. */
    static ReportData explored(ExploreSuites.Suite suite, String exploration) {
        ExploreSuites.Exploration x = suite.exploration(exploration);
        InterleavingExplorer.Result r = InterleavingExplorer.explore(suite.name() + "/" + exploration + " [pre-fix]",
                m -> x.machine().apply("pre-fix", m), x.universe(), x.quick());
        if (r.findings().isEmpty()) throw new AssertionError("no counterexample: " + r.verdict());
        List<ReportData.Failure> failures = new ArrayList<>();
        for (InterleavingExplorer.Finding f : r.findings().values()) {
            failures.add(new ReportData.Failure(suite.name(), "pre-fix", exploration, f.counterexample(), null));
        }
        return new ReportData("kmc explore", "kmc explore --suite " + suite.name() + " --variant pre-fix --exploration " + exploration,
                List.of(), failures, List.of());
    }
}
