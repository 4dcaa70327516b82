package dev.kmc.checks.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;

/** The verdict assertions every suite's explore test makes. */
final class ExploreAssertions {
    private ExploreAssertions() { }

    /** Violation kind to its shortest interleaving length. */
    static Map<String, Integer> shortest(InterleavingExplorer.Result r) {
        Map<String, Integer> m = new TreeMap<>();
        r.findings().forEach((k, f) -> m.put(k, f.shortest()));
        return m;
    }

    /** A complete run with no violation, which the verdict calls proven. */
    static void assertProven(InterleavingExplorer.Result r) {
        assertTrue(r.complete(), r.report());
        assertTrue(r.findings().isEmpty(), r.report());
        assertTrue(r.verdict().startsWith("proven: every interleaving of the universe") && r.verdict().endsWith("complete"), r.verdict());
    }

    /** A complete run with exactly these violation kinds and shortest lengths; fails if the bug was not found. */
    static void assertFound(InterleavingExplorer.Result r, Map<String, Integer> expected) {
        assertFalse(r.findings().isEmpty(), "the pre-fix exploration found nothing:\n" + r.report());
        assertTrue(r.complete(), r.report());
        assertEquals(new TreeMap<>(expected), shortest(r), r.report());
    }

    /** The same with kinds and lengths as alternating arguments; none: the run must be complete and clean. */
    static void assertVerdict(InterleavingExplorer.Result r, Object... kindAndShortest) {
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < kindAndShortest.length; i += 2) expected.put((String) kindAndShortest[i], (Integer) kindAndShortest[i + 1]);
        assertTrue(r.complete(), "not complete: " + r.verdict());
        assertEquals(expected, shortest(r), r.verdict() + "\n" + (r.findings().isEmpty() ? "" : r.report()));
    }
}
