package dev.kmc.stress.runner;

import dev.kmc.stress.suites.ConsoleKitSuite;
import dev.kmc.stress.suites.RcuSuite;
import dev.kmc.stress.suites.RingBufferSuite;
import dev.kmc.stress.suites.SystemdSuite;
import dev.kmc.stress.suites.TaskListSuite;
import java.util.List;

/** The one list of suites. Register a new suite by adding it here. */
public final class Suites {
    private Suites() { }

    public static final List<Suite> ALL = List.of(
            new RingBufferSuite(),
            new RcuSuite(),
            new ConsoleKitSuite(),
            new TaskListSuite(),
            new SystemdSuite()
    );

    public static Suite byName(String name) {
        return byName(name, ALL);
    }

    static Suite byName(String name, List<Suite> registry) {
        List<String> names = registry.stream().map(Suite::name).toList();
        return registry.get(names.indexOf(Cli.oneOf("suite", name, names)));
    }

    /** A suite by its class (the model worker's way: it also finds suites that only tests register). */
    static Suite byClass(String className) {
        try {
            return (Suite) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("no suite class " + className + ": " + e);
        }
    }
}
