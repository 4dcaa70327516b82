package dev.kmc.stress.runner;

import java.io.PrintStream;

/** {@code kmc list}. */
final class SuiteList {
    private SuiteList() { }

    static void print(PrintStream out) {
        for (Suite s : Suites.ALL) {
            out.println(s.name() + ": " + s.incident());
            out.printf("  %-8s %-7s %-34s %s%n", "variant", "engine", "check", "expected");
            for (Suite.Variant v : s.variants()) {
                for (Suite.ModelCheckRun c : s.modelChecks(v)) {
                    out.printf("  %-8s %-7s %-34s %s%n", v.name(), "model", c.id(), c.expectation().label());
                }
                for (Suite.StressHarness h : s.stressHarnesses(v)) {
                    out.printf("  %-8s %-7s %-34s %s%n", v.name(), "stress", h.shortName(), h.expectBug() ? "bug found" : "clean");
                }
            }
            out.println();
        }
    }
}
