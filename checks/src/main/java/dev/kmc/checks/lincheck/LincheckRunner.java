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
        long t0 = System.nanoTime();
        LincheckFailure failure = LinCheckerKt.checkImpl(options, testClass);
        return new LincheckVerdict(name, failure, (System.nanoTime() - t0) / 1_000_000);
    }
}
