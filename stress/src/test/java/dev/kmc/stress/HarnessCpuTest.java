package dev.kmc.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.stress.ringbuffer.EmptyVsPeekAfterDiscard;
import dev.kmc.stress.runner.Suite;
import dev.kmc.stress.runner.Suites;
import org.junit.jupiter.api.Test;

/**
 * JCStress skips a harness with more actors than CPUs and says nothing a test would see: here a
 * harness that needs more CPUs than the machine has fails the build, by name, instead.
 */
class HarnessCpuTest {

    @Test
    void everyRegisteredHarnessFitsThisMachinesCpus() {
        int cpus = Runtime.getRuntime().availableProcessors();
        for (Suite s : Suites.ALL) {
            for (Suite.Variant v : s.variants()) {
                for (Suite.StressHarness h : s.stressHarnesses(v)) {
                    assertTrue(JCStressRun.actors(h.testClass()) >= 2, h.testClass() + " has fewer than 2 actors: no race");
                    JCStressRun.requireCpus(h.testClass(), cpus);   // throws, naming the harness, if it does not fit
                }
            }
        }
    }

    @Test
    void aHarnessWithMoreActorsThanCpusIsAnErrorNotASkip() {
        String name = EmptyVsPeekAfterDiscard.class.getName() + ".PreFix";
        assertEquals(2, JCStressRun.actors(name));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JCStressRun.requireCpus(name, 1));
        assertEquals(name + " has 2 actors but this machine has 1 CPU(s): JCStress would skip it without a verdict;"
                + " run it on a machine with at least 2 CPUs", e.getMessage());
    }
}
