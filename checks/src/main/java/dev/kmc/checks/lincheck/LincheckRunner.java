package dev.kmc.checks.lincheck;

import org.jetbrains.kotlinx.lincheck.LinCheckerKt;
import org.jetbrains.kotlinx.lincheck.strategy.LincheckFailure;
import org.jetbrains.lincheck.datastructures.Options;

/** Runs one Lincheck check and times it. Lincheck runs one check at a time per JVM. */
public final class LincheckRunner {
    private LincheckRunner() { }

    private static volatile boolean neverMinimize;

    /**
     * Turns scenario minimization off for every following check, whatever its options say. The
     * benchmark does this, so a verdict's time is the time to first detection, without the
     * minimization reruns. By default each check's own options decide.
     */
    public static void neverMinimize() {
        neverMinimize = true;
    }

    public static synchronized <O extends Options<O, ?>> LincheckVerdict run(String name, O options, Class<?> testClass) {
        if (neverMinimize) options.minimizeFailedScenario(false);
        if (options instanceof org.jetbrains.lincheck.datastructures.ModelCheckingOptions) {
            MemoryLayerGuarantees.apply((org.jetbrains.lincheck.datastructures.ModelCheckingOptions) (Object) options);
        }
        long t0 = System.nanoTime();
        LincheckFailure failure = LinCheckerKt.checkImpl(options, testClass);
        return new LincheckVerdict(name, failure, (System.nanoTime() - t0) / 1_000_000, coverage(options));
    }

    /**
     * What a passing check covered, in words: Lincheck samples interleavings within a budget, so a
     * clean verdict must say how much was sampled ("clean in 2 scenarios x 2,000 invocations; the
     * interleaving tree is not known to be exhausted"). Read from the options (protected getters,
     * so by reflection); "?" where Lincheck does not expose them.
     */
    static String coverage(Options<?, ?> o) {
        int iterations = intField(o, "iterations");
        int invocations = intField(o, "invocationsPerIteration");
        int custom = -1;
        try {
            java.lang.reflect.Field f = Options.class.getDeclaredField("customScenarios");
            f.setAccessible(true);
            custom = ((java.util.List<?>) f.get(o)).size();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // unknown
        }
        int scenarios = (iterations < 0 ? 0 : iterations) + Math.max(custom, 0);
        String mode = o.getClass().getSimpleName().startsWith("Stress") ? "runs on real threads" : "invocations";
        if (iterations < 0 || invocations < 0 || custom < 0) return "a sampled search";
        return String.format(java.util.Locale.ROOT, "%,d scenario%s x %,d %s", scenarios, scenarios == 1 ? "" : "s", invocations, mode);
    }

    private static int intField(Object o, String name) {
        try {
            java.lang.reflect.Field f = Options.class.getDeclaredField(name);
            f.setAccessible(true);
            return f.getInt(o);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
