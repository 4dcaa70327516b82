package dev.kmc.stress.runner;

import dev.kmc.stress.suites.ConsoleKitSuite;
import dev.kmc.stress.suites.RcuSuite;
import dev.kmc.stress.suites.RingBufferSuite;
import dev.kmc.stress.suites.SystemdSuite;
import dev.kmc.stress.suites.TaskListSuite;
import java.util.List;

/**
 * Each registered suite with only its pinned model check (a second, not minutes): real pre-fix
 * traces of every suite for the export test. The model worker builds a suite from its class name,
 * so each has a class of its own.
 */
abstract class PinnedSuites implements Suite {
    private final Suite all;

    PinnedSuites(Suite all) { this.all = all; }

    /** The classes, one per suite of Suites.ALL. */
    static final List<Class<? extends PinnedSuites>> ALL = List.of(RingBuffer.class, Rcu.class, ConsoleKit.class, TaskList.class, Systemd.class);

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
        return all.modelChecks(v).stream().filter(c -> c.id().equals("pinned-mc")).toList();
    }

    @Override
    public List<StressHarness> stressHarnesses(Variant v) { return List.of(); }

    public static final class RingBuffer extends PinnedSuites { public RingBuffer() { super(new RingBufferSuite()); } }

    public static final class Rcu extends PinnedSuites { public Rcu() { super(new RcuSuite()); } }

    public static final class ConsoleKit extends PinnedSuites { public ConsoleKit() { super(new ConsoleKitSuite()); } }

    public static final class TaskList extends PinnedSuites { public TaskList() { super(new TaskListSuite()); } }

    public static final class Systemd extends PinnedSuites { public Systemd() { super(new SystemdSuite()); } }
}
