package dev.kmc.stress.runner;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files {@code kmc new-spec} writes: path (NAME = the suite name, CLS = its class prefix)
 * to text (${name}, ${Cls}, ${TODO} are filled in). Each mirrors the ring-buffer suite.
 */
final class SpecTemplates {
    private SpecTemplates() { }

    static Map<String, String> files() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("model/src/main/java/dev/kmc/model/NAME/package-info.java", """
                /**
                 * ${TODO}: name the source file and version this package ports, and the fix commit.
                 *
                 * <h2>Source function → Java method</h2>
                 * ${TODO}: one row per ported function (see dev.kmc.model.ringbuffer's package-info).
                 *
                 * <h2>Source primitive → Java operation</h2>
                 * ${TODO}: e.g. cmpxchg → compareAndSet, READ_ONCE → getAcquire/volatile load, smp_mb → VarHandle.fullFence.
                 *
                 * <h2>Where the port departs from the source, and why</h2>
                 * ${TODO}: threads stand for CPUs; interrupts are nested calls; memory is garbage-collected; ...
                 */
                package dev.kmc.model.${name};
                """);
        f.put("model/src/main/java/dev/kmc/model/NAME/CLSVariant.java", """
                package dev.kmc.model.${name};

                /** The one place where the pre-fix and the fixed port differ. */
                public enum ${Cls}Variant {
                    /** ${TODO}: the version that shipped the bug. */
                    PRE_FIX("pre-fix"),
                    /** ${TODO}: the upstream fix (commit id). */
                    FIXED("fixed");

                    private final String label;

                    ${Cls}Variant(String label) { this.label = label; }

                    public String label() { return label; }
                }
                """);
        f.put("model/src/main/java/dev/kmc/model/NAME/CLS.java", """
                package dev.kmc.model.${name};

                import dev.kmc.model.mem.Memory;
                import dev.kmc.model.mem.Word;

                /**
                 * ${TODO}: the structure this class ports, in one line.
                 *
                 * <h2>Implementation notes</h2>
                 * ${TODO}: the invariants, the non-invariants and the protocol in prose; which CPU owns what.
                 *
                 * <p>Every field another CPU (or another event source) can touch is a cell of the {@link Memory}
                 * (dev.kmc.model.mem: Word, Ptr, TaggedPtr, SpinLock), allocated here in the constructor and
                 * accessed by its primitive's name (readOnce, writeOnce, load/store for plain C, cmpxchg,
                 * localAddReturn, rcuAssignPointer, spinLock, ...): the same code then runs on real atomics
                 * (JCStress, Lincheck) and under kmc's explorer, which makes each access a scheduling point. Nothing
                 * shared may be allocated or changed outside a cell during an operation.
                 */
                public final class ${Cls} {
                    private final ${Cls}Variant variant;
                    private final Memory mem;
                    /** ${TODO}: replace with the source's fields, one cell each, named as the source names them. */
                    final Word state;

                    /** On real atomics. */
                    public ${Cls}(${Cls}Variant variant) {
                        this(new Memory(), variant);
                    }

                    /** On {@code mem}: the explorer's, or a test's interposing one. */
                    public ${Cls}(Memory mem, ${Cls}Variant variant) {
                        this.variant = variant;
                        this.mem = mem;
                        this.state = mem.word("${name}->state", 0);
                    }

                    public ${Cls}Variant variant() { return variant; }

                    public Memory memory() { return mem; }

                    /** ${TODO}: rename after the function it mirrors; each line reads like the source line. */
                    public int operation(int arg) {
                        throw new UnsupportedOperationException("${TODO}: port the mechanism's operations into ${Cls}"
                                + " (model/src/main/java/dev/kmc/model/${name}/${Cls}.java), e.g. long v = state.readOnce();");
                    }

                    /** The structure as the incident's engineer reads it; printed after every step of a counterexample. */
                    @Override
                    public String toString() {
                        throw new UnsupportedOperationException("${TODO}: ${Cls}.toString(): print the structure in the incident's vocabulary");
                    }
                }
                """);
        f.put("model/src/main/java/dev/kmc/model/NAME/CLSInvariants.java", """
                package dev.kmc.model.${name};

                /** The invariants of a correct ${Cls}, checked after every operation. */
                public final class ${Cls}Invariants {
                    private ${Cls}Invariants() { }

                    /** The first invariant that does not hold, in words naming the values, or null. */
                    public static String firstViolation(${Cls} port) {
                        throw new UnsupportedOperationException("${TODO}: ${Cls}Invariants.firstViolation: check each invariant, name the first broken one");
                    }
                }
                """);
        f.put("checks/src/main/java/dev/kmc/checks/NAME/CLSLincheck.java", """
                package dev.kmc.checks.${name};

                import dev.kmc.checks.lincheck.SequentialSpec;
                import dev.kmc.model.${name}.${Cls};
                import dev.kmc.model.${name}.${Cls}Variant;
                import org.jetbrains.lincheck.datastructures.IntGen;
                import org.jetbrains.lincheck.datastructures.Operation;
                import org.jetbrains.lincheck.datastructures.Param;

                /**
                 * Lincheck operations on ${Cls}; the variants are the nested subclasses; the sequential
                 * specification is {@link ${Cls}Spec}, never the port.
                 */
                @Param(name = "arg", gen = IntGen.class, conf = "1:2")
                @SequentialSpec(${Cls}Spec.class)   // kmc export-test finds the specification here
                public abstract class ${Cls}Lincheck {
                    private final ${Cls} port;

                    protected ${Cls}Lincheck(${Cls}Variant variant) {
                        port = new ${Cls}(variant);
                    }

                    /** ${TODO}: one @Operation per operation; operations one thread owns share a nonParallelGroup. */
                    @Operation(nonParallelGroup = "owner")
                    public int operation(@Param(name = "arg") int arg) { return port.operation(arg); }

                    @Override
                    public String toString() { return port.toString(); }

                    public static class PreFix extends ${Cls}Lincheck {
                        public PreFix() { super(${Cls}Variant.PRE_FIX); }
                    }

                    public static class Fixed extends ${Cls}Lincheck {
                        public Fixed() { super(${Cls}Variant.FIXED); }
                    }
                }
                """);
        f.put("checks/src/main/java/dev/kmc/checks/NAME/CLSMachine.java", """
                package dev.kmc.checks.${name};

                import dev.kmc.checks.explore.Machine;
                import dev.kmc.model.${name}.${Cls};
                import dev.kmc.model.${name}.${Cls}Invariants;
                import dev.kmc.model.${name}.${Cls}Variant;
                import dev.kmc.model.mem.Memory;
                import java.util.List;

                /** ${Cls} as kmc's explorer sees it: its CPUs, their operations, the properties at quiescence. */
                public final class ${Cls}Machine implements Machine {
                    private final Memory mem;
                    private final ${Cls} port;

                    public ${Cls}Machine(Memory mem, ${Cls}Variant variant) {
                        this.mem = mem;
                        this.port = new ${Cls}(mem, variant);
                    }

                    @Override public Memory memory() { return mem; }

                    /** ${TODO}: how many CPUs (or event sources) race in the incident. */
                    @Override public int cpus() { return 2; }

                    /** ${TODO}: each CPU's operations, by the names the checks use. */
                    @Override public List<String> operations(int cpu) { return List.of("operation(1)"); }

                    @Override
                    public String run(int cpu, int op) {
                        return String.valueOf(port.operation(1));
                    }

                    /** The first broken invariant when every CPU is idle, as "kind: details", or null. */
                    @Override
                    public String quiescentViolation() {
                        String v = ${Cls}Invariants.firstViolation(port);
                        return v == null ? null : "invariant: " + v;
                    }

                    @Override public String describe() { return port.toString(); }
                }
                """);
        f.put("checks/src/main/java/dev/kmc/checks/NAME/CLSExplorations.java", """
                package dev.kmc.checks.${name};

                import dev.kmc.checks.explore.ExploreSuites;
                import dev.kmc.checks.explore.InterleavingExplorer;
                import dev.kmc.checks.explore.Universe;
                import dev.kmc.model.${name}.${Cls}Variant;
                import java.util.List;

                /**
                 * The ${name} suite's universes for kmc's explorer and the verdict expected on each variant. kmc
                 * explore and kmc run's explore engine find it by its name (dev.kmc.checks.NAME.ClsExplorations.SUITE).
                 */
                public final class ${Cls}Explorations {
                    private ${Cls}Explorations() { }

                    private static ${Cls}Variant variant(String v) {
                        return v.equals("pre-fix") ? ${Cls}Variant.PRE_FIX : ${Cls}Variant.FIXED;
                    }

                    public static final ExploreSuites.Suite SUITE = new ExploreSuites.Suite("${name}",
                            List.of(new ExploreSuites.Variant("pre-fix", ${Cls}Variant.PRE_FIX.label(),
                                            m -> new ${Cls}Machine(m, ${Cls}Variant.PRE_FIX)),
                                    new ExploreSuites.Variant("fixed", ${Cls}Variant.FIXED.label(),
                                            m -> new ${Cls}Machine(m, ${Cls}Variant.FIXED))),
                            List.of(new ExploreSuites.Exploration("incident",
                                    "${TODO}: the incident's race in words: which CPU runs what",
                                    // ${TODO}: the pinned scenario of the incident: init operations, then each CPU's operations
                                    Universe.pinned("incident", List.of(), List.of(List.of("operation(1)"), List.of("operation(1)"))),
                                    (v, m) -> new ${Cls}Machine(m, variant(v)),
                                    InterleavingExplorer.Limits.of(1_000_000, 60_000), InterleavingExplorer.Limits.of(10_000_000, 600_000),
                                    // ${TODO}: the violation kinds the pre-fix variant must show (the text before ':' of its violation)
                                    v -> v.equals("pre-fix") ? ExploreSuites.Expect.found("invariant") : ExploreSuites.Expect.clean())));
                }
                """);
        f.put("checks/src/main/java/dev/kmc/checks/NAME/CLSSpec.java", """
                package dev.kmc.checks.${name};

                /**
                 * The sequential specification: what a correct ${Cls} answers, written without the port's
                 * code or state (a plain collection, a counter, a map). Same method signatures as ${Cls}Lincheck.
                 */
                public class ${Cls}Spec {
                    public int operation(int arg) {
                        throw new UnsupportedOperationException("${TODO}: ${Cls}Spec.operation: the independent sequential"
                                + " specification (docs/adding-a-spec.md, 'Choosing the sequential specification')");
                    }
                }
                """);
        f.put("checks/src/main/java/dev/kmc/checks/NAME/CLSChecks.java", """
                package dev.kmc.checks.${name};

                import dev.kmc.checks.lincheck.Budget;
                import dev.kmc.checks.lincheck.Expectation;
                import dev.kmc.checks.lincheck.LincheckRunner;
                import dev.kmc.checks.lincheck.LincheckVerdict;
                import dev.kmc.checks.lincheck.ModelCheck;
                import dev.kmc.checks.lincheck.Scenarios;
                import dev.kmc.model.${name}.${Cls}Variant;
                import java.util.List;
                import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

                /** The Lincheck checks of the ${name} suite with their budgets and expected verdicts. */
                public final class ${Cls}Checks {
                    private ${Cls}Checks() { }

                    public static Class<? extends ${Cls}Lincheck> testClass(${Cls}Variant v) {
                        return v == ${Cls}Variant.PRE_FIX ? ${Cls}Lincheck.PreFix.class : ${Cls}Lincheck.Fixed.class;
                    }

                    /** ${TODO}: pin the minimal failing scenario (init, threads, post) of the incident. */
                    public static LincheckVerdict pinned(${Cls}Variant v, Budget budget) {
                        ModelCheckingOptions o = Scenarios.pinned(new ModelCheckingOptions(), 1000,
                                        Scenarios.of(testClass(v)).init("operation(1)").thread("operation(2)").build())
                                .sequentialSpecification(${Cls}Spec.class);
                        return LincheckRunner.run("${name}/pinned-mc [" + v.label() + "]", o, testClass(v));
                    }

                    public static final List<ModelCheck<${Cls}Variant>> ALL = List.of(
                            new ModelCheck<>("pinned-mc", "${TODO}: the minimal failing scenario; model checking",
                                    ${Cls}Checks::pinned,
                                    v -> v == ${Cls}Variant.PRE_FIX
                                            ? Expectation.bug("IncorrectResultsFailure", "= Invalid execution results =",
                                                    "${TODO}: the exact result cells that contradict the specification")
                                            : Expectation.clean())
                            // ${TODO}: add random-mc (random scenarios, a stated budget) and stress (StressOptions)
                    );

                    public static ModelCheck<${Cls}Variant> byId(String id) {
                        return ALL.stream().filter(m -> m.id().equals(id)).findFirst()
                                .orElseThrow(() -> new IllegalArgumentException("no ${name} check '" + id + "'"));
                    }
                }
                """);
        f.put("checks/src/test/java/dev/kmc/checks/NAME/CLSSequenceTest.java", """
                package dev.kmc.checks.${name};

                import static org.junit.jupiter.api.Assertions.fail;

                import org.junit.jupiter.api.Test;

                /** Deterministic sequences of the incident, with the invariants after every step. */
                class ${Cls}SequenceTest {

                    @Test
                    void preFixReproducesTheIncident() {
                        fail("${TODO}: drive the incident's sequence on ${Cls}Variant.PRE_FIX step by step and assert the exact"
                                + " wrong result (checks/src/test/java/dev/kmc/checks/${name}/${Cls}SequenceTest.java)");
                    }

                    @Test
                    void fixedKeepsTheInvariantsAfterEveryStep() {
                        fail("${TODO}: drive the same sequence on ${Cls}Variant.FIXED and check ${Cls}Invariants.firstViolation"
                                + " after every step");
                    }
                }
                """);
        f.put("checks/src/test/java/dev/kmc/checks/NAME/CLSExploreTest.java", """
                package dev.kmc.checks.${name};

                import static org.junit.jupiter.api.Assertions.assertNull;

                import dev.kmc.checks.explore.ExploreSuites;
                import dev.kmc.checks.explore.InterleavingExplorer;
                import java.util.concurrent.TimeUnit;
                import org.junit.jupiter.api.Timeout;
                import org.junit.jupiter.params.ParameterizedTest;
                import org.junit.jupiter.params.provider.ValueSource;

                /** Every universe of the suite comes to its expected verdict on both variants (a missed bug fails the build). */
                @Timeout(value = 2, unit = TimeUnit.MINUTES)
                class ${Cls}ExploreTest {

                    @ParameterizedTest
                    @ValueSource(strings = {"pre-fix", "fixed"})
                    void everyUniverseComesToItsExpectedVerdict(String variant) {
                        for (ExploreSuites.Exploration x : ${Cls}Explorations.SUITE.explorations()) {
                            InterleavingExplorer.Result r = x.run("${name}", variant, false);
                            assertNull(x.judge(variant, r), x.name() + " [" + variant + "]: " + r.report());
                        }
                    }
                }
                """);
        f.put("checks/src/test/java/dev/kmc/checks/NAME/CLSLincheckTest.java", """
                package dev.kmc.checks.${name};

                import static org.junit.jupiter.api.Assertions.assertNull;

                import dev.kmc.checks.lincheck.Budget;
                import dev.kmc.model.${name}.${Cls}Variant;
                import java.util.Arrays;
                import java.util.concurrent.TimeUnit;
                import java.util.stream.Stream;
                import org.junit.jupiter.api.DynamicTest;
                import org.junit.jupiter.api.TestFactory;
                import org.junit.jupiter.api.Timeout;

                /**
                 * Every ${name} Lincheck check of ${Cls}Checks.ALL on both variants at the QUICK budget, one test each:
                 * the bug on the pre-fix port, a clean pass on the fixed. Derived from ALL: nothing to add here.
                 */
                @Timeout(value = 15, unit = TimeUnit.MINUTES)
                class ${Cls}LincheckTest {

                    @TestFactory
                    Stream<DynamicTest> everyCheckComesToItsExpectedVerdict() {
                        return ${Cls}Checks.ALL.stream().flatMap(check -> Arrays.stream(${Cls}Variant.values()).map(v ->
                                DynamicTest.dynamicTest(check.id() + " [" + v.label() + "]", () -> {
                                    String mismatch = check.runAndCompare(v, Budget.QUICK);
                                    assertNull(mismatch, mismatch);
                                })));
                    }
                }
                """);
        f.put("stress/src/main/java/dev/kmc/stress/NAME/package-info.java", """
                /**
                 * JCStress harnesses of the ${name} suite: ${TODO}: what they race, citing the incident.
                 * Run them alone: {@code ./kmc jcstress -t ${Cls}Race -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}.
                 */
                package dev.kmc.stress.${name};
                """);
        f.put("stress/src/main/java/dev/kmc/stress/NAME/CLSRace.java", """
                package dev.kmc.stress.${name};

                import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
                import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

                import dev.kmc.model.${name}.${Cls};
                import dev.kmc.model.${name}.${Cls}Variant;
                import org.openjdk.jcstress.annotations.Actor;
                import org.openjdk.jcstress.annotations.JCStressTest;
                import org.openjdk.jcstress.annotations.Outcome;
                import org.openjdk.jcstress.annotations.State;
                import org.openjdk.jcstress.infra.results.II_Result;

                /**
                 * ${TODO}: what this harness races, citing the incident; list every reachable outcome with a
                 * narrating description (same ids and descriptions on both variants; only the grading differs).
                 * <p>
                 * Run alone: {@code ./kmc jcstress -t ${Cls}Race -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}
                 */
                public final class ${Cls}Race {
                    private ${Cls}Race() { }

                    /** ${TODO}: the outcome id (a regex over the result string) that shows the bug. */
                    public static final String BUG = "${TODO}";
                    static final String BUG_DESC = "${TODO}: narrate what happened in the outcome that shows the bug";

                    abstract static class Race {
                        final ${Cls} port;

                        Race(${Cls}Variant v) { port = new ${Cls}(v); }
                    }

                    @JCStressTest
                    @State
                    @Outcome(id = BUG, expect = ACCEPTABLE_INTERESTING, desc = BUG_DESC)
                    public static class PreFix extends Race {
                        public PreFix() { super(${Cls}Variant.PRE_FIX); }

                        @Actor
                        public void actor1(II_Result r) { r.r1 = port.operation(1); }

                        @Actor
                        public void actor2(II_Result r) { r.r2 = port.operation(2); }
                    }

                    @JCStressTest
                    @State
                    @Outcome(id = BUG, expect = FORBIDDEN, desc = BUG_DESC)
                    public static class Fixed extends Race {
                        public Fixed() { super(${Cls}Variant.FIXED); }

                        @Actor
                        public void actor1(II_Result r) { r.r1 = port.operation(1); }

                        @Actor
                        public void actor2(II_Result r) { r.r2 = port.operation(2); }
                    }
                }
                """);
        f.put("stress/src/test/java/dev/kmc/stress/NAME/CLSStressTest.java", """
                package dev.kmc.stress.${name};

                import static org.junit.jupiter.api.Assertions.assertEquals;
                import static org.junit.jupiter.api.Assertions.assertTrue;

                import dev.kmc.checks.lincheck.Budget;
                import dev.kmc.stress.runner.CheckResult;
                import dev.kmc.stress.runner.StressChecks;
                import dev.kmc.stress.suites.${Cls}Suite;
                import java.nio.file.Path;
                import java.util.List;
                import java.util.concurrent.TimeUnit;
                import org.junit.jupiter.api.Tag;
                import org.junit.jupiter.api.Test;
                import org.junit.jupiter.api.Timeout;
                import org.junit.jupiter.api.io.TempDir;

                /**
                 * Every JCStress harness ${Cls}Suite registers, both variants, in the short configuration, as kmc run runs
                 * them: the bug's outcome seen on the pre-fix port (a missed run is rerun, a bounded number of times),
                 * never on the fixed. Derived from the suite's registration: nothing to add here.
                 */
                @Tag("jcstress")
                @Timeout(value = 10, unit = TimeUnit.MINUTES)
                class ${Cls}StressTest {

                    @Test
                    void everyHarnessComesToItsExpectedVerdict(@TempDir Path out) {
                        ${Cls}Suite suite = new ${Cls}Suite();
                        List<CheckResult> results = StressChecks.run(suite, Budget.QUICK, out);
                        long harnesses = suite.variants().stream().mapToLong(v -> suite.stressHarnesses(v).size()).sum();
                        assertEquals(harnesses, results.size(), "one verdict per registered harness: " + results);
                        for (CheckResult r : results) assertTrue(r.met(), r.check() + " [" + r.variant() + "]: " + r.observed() + "; " + r.note());
                    }
                }
                """);
        f.put("stress/src/main/java/dev/kmc/stress/suites/CLSSuite.java", """
                package dev.kmc.stress.suites;

                import dev.kmc.checks.${name}.${Cls}Checks;
                import dev.kmc.model.${name}.${Cls}Variant;
                import dev.kmc.stress.${name}.${Cls}Race;
                import dev.kmc.stress.runner.Suite;
                import java.util.List;

                /** The ${name} suite: registered in Suites.ALL by kmc new-spec. */
                public final class ${Cls}Suite implements Suite {
                    private static final Variant PRE = new Variant("pre-fix", "${TODO}: the version that shipped the bug");
                    private static final Variant FIXED = new Variant("fixed", "${TODO}: with the fix commit");

                    @Override
                    public String name() { return "${name}"; }

                    @Override
                    public String incident() { return "${TODO}: the incident in one sentence"; }

                    @Override
                    public String property() { return "${TODO}: the property the pre-fix variant violates, in one sentence"; }

                    @Override
                    public List<Variant> variants() { return List.of(PRE, FIXED); }

                    private static ${Cls}Variant variant(Variant v) {
                        return v == PRE ? ${Cls}Variant.PRE_FIX : ${Cls}Variant.FIXED;
                    }

                    @Override
                    public List<ModelCheckRun> modelChecks(Variant v) {
                        ${Cls}Variant x = variant(v);
                        return ${Cls}Checks.ALL.stream().map(m -> new ModelCheckRun(m.id(), m.description(),
                                b -> m.run().apply(x, b), m.expectation().apply(x), ${Cls}Checks.testClass(x))).toList();
                    }

                    @Override
                    public List<StressHarness> stressHarnesses(Variant v) {
                        String cls = ${Cls}Race.class.getName() + (v == PRE ? ".PreFix" : ".Fixed");
                        return List.of(new StressHarness(cls, ${Cls}Race.BUG, "${TODO}: the bug's outcome in words", v == PRE));
                    }
                }
                """);
        return f;
    }
}
