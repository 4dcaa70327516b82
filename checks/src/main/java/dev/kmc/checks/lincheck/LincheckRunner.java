package dev.kmc.checks.lincheck;

import org.jetbrains.kotlinx.lincheck.LinCheckerKt;
import org.jetbrains.kotlinx.lincheck.strategy.LincheckFailure;
import org.jetbrains.lincheck.datastructures.Options;

/** Runs one Lincheck check and times it. Lincheck runs one check at a time per JVM. */
public final class LincheckRunner {
    private LincheckRunner() { }

    private static volatile boolean minimize = true;

    /**
     * Whether failing scenarios are minimized (the default). The benchmark turns it off, so a
     * verdict's time is the time to first detection, without the minimization reruns.
     */
    public static void minimizeFailures(boolean on) {
        minimize = on;
    }

    public static synchronized <O extends Options<O, ?>> LincheckVerdict run(String name, O options, Class<?> testClass) {
        options.minimizeFailedScenario(minimize);
        long t0 = System.nanoTime();
        LincheckFailure failure = LinCheckerKt.checkImpl(options, testClass);
        return new LincheckVerdict(name, failure, (System.nanoTime() - t0) / 1_000_000);
    }
}
