package dev.kmc.stress.runner;

import java.io.PrintStream;

/** {@code kmc list}. */
final class SuiteList {
    private SuiteList() { }

    static void print(PrintStream out) {
        for (Suite s : Suites.ALL) {
            out.println(s.name() + ": " + s.incident());
            out.printf("  %-8s %-7s %-26s %s%n", "variant", "engine", "check", "expected");
            for (Suite.Variant v : s.variants()) {
                for (Suite.ModelCheckRun c : s.modelChecks(v)) {
                    out.printf("  %-8s %-7s %-26s %s%n", v.name(), "model", c.id(), c.expectation().label());
                }
                for (Suite.StressHarness h : s.stressHarnesses(v)) {
                    String cls = h.testClass().substring(h.testClass().lastIndexOf('.') + 1);
                    out.printf("  %-8s %-7s %-26s %s%n", v.name(), "stress", cls, h.expectBug() ? "bug found" : "clean");
                }
            }
            out.println();
        }
    }
}
