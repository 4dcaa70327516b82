package dev.kmc.stress.runner;

import dev.kmc.stress.suites.RingBufferSuite;
import java.util.List;

/** The ring-buffer suite with only its two pinned model checks (seconds, not minutes): real traces for the replay and export tests. */
public class PinnedRingBufferSuite implements Suite {
    private final Suite all = new RingBufferSuite();

    @Override
    public String name() { return all.name(); }

    @Override
    public String incident() { return all.incident(); }

    @Override
    public String property() { return all.property(); }

    @Override
    public List<Variant> variants() { return all.variants(); }

    @Override
    public List<ModelCheckRun> modelChecks(Variant v) {
        return all.modelChecks(v).stream().filter(c -> List.of("pinned-mc", "concurrent-mc").contains(c.id())).toList();
    }

    @Override
    public List<StressHarness> stressHarnesses(Variant v) { return List.of(); }
}
