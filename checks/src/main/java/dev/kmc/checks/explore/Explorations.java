package dev.kmc.checks.explore;

import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import java.util.ArrayList;
import java.util.List;

/** The configurations kmc explores (issue: exhaustive exploration), both variants of each. */
public final class Explorations {
    private Explorations() { }

    /** One configuration: its suite, its name, the variant, and how to build the system. */
    public record Config(String suite, String name, String variant, boolean preFix, Explorable<?> system) {
        public ExplorationReport run(Explorer.Limits limits) {
            return Explorer.explore(suite + " " + name + " [" + variant + "]", system, limits);
        }
    }

    public static List<Config> all() {
        List<Config> all = new ArrayList<>();
        for (int pages : new int[] {2, 3}) {
            for (boolean overwrite : new boolean[] {false, true}) {
                for (int[] sizes : new int[][] {{1, 2, 3, 4}, {1}}) {
                    String name = pages + " ring pages x 4, sizes " + (sizes.length == 1 ? "1" : "1..4")
                            + ", overwrite " + (overwrite ? "on" : "off");
                    for (EmptyCheck c : EmptyCheck.values()) {
                        all.add(new Config("ringbuffer", name, c == EmptyCheck.V5_13 ? "pre-fix" : "fixed", c == EmptyCheck.V5_13,
                                new RingBufferExplorable(Geometry.slots(pages, 4, overwrite), c, sizes)));
                    }
                }
            }
        }
        for (int callbacks = 2; callbacks <= 4; callbacks++) {
            for (EnqueueGuard g : EnqueueGuard.values()) {
                all.add(new Config("rcu", "2 CPUs, " + callbacks + " callbacks", g == EnqueueGuard.UNGUARDED ? "pre-fix" : "fixed",
                        g == EnqueueGuard.UNGUARDED, new RcuExplorable(g, callbacks)));
            }
        }
        return all;
    }
}
