package dev.kmc.checks.explore;

import dev.kmc.model.mem.Memory;
import java.util.List;

/**
 * A port as kmc's explorer sees it: one instance built on a {@link Memory} the explorer
 * schedules, the CPUs that run operations on it, and the properties to check. An operation must
 * be a deterministic function of the values its accesses return (the explorer re-runs it from its
 * start to resume it mid-way); everything it changes must be in cells of the memory.
 *
 * <p>Write one per suite ({@code RingBufferMachine} is the example) and give it to
 * {@link InterleavingExplorer} with a {@link Universe}.
 */
public interface Machine {

    /** The memory the port was built on (the explorer's). */
    Memory memory();

    /** How many CPUs run operations. */
    int cpus();

    /** What CPU {@code cpu} calls itself in traces ("cpu0 (writer)"). */
    default String cpuName(int cpu) { return "cpu" + cpu; }

    /** The operations CPU {@code cpu} can run, by name ("write(1)", "consume()"). */
    List<String> operations(int cpu);

    /** Runs operation {@code op} (an index into {@link #operations}) on CPU {@code cpu}; returns its result as printed. */
    String run(int cpu, int op);

    /**
     * The first violated property of the state in memory with every CPU idle, as "kind: details",
     * or null. Called with the memory in sequential mode; it may run operations (on a copy or in
     * place: the explorer restores the state afterwards).
     */
    String quiescentViolation();

    /**
     * A canonical key of the state with every CPU idle, for open universes: two states with the
     * same key must behave the same under every later interleaving and every check (say why in the
     * implementation). Null: use the memory as it is.
     */
    default int[] quiescentKey() { return null; }

    /**
     * For pinned scenarios: whether these per-CPU results (in each CPU's program order, after the
     * init operations) are those of some sequential order of the whole operations that respects
     * each CPU's order, per the suite's independent sequential specification; "kind: details" if
     * not, null if so or if the suite has no specification.
     */
    default String checkResults(List<String> init, List<List<String>> programs, List<List<String>> results) { return null; }

    /** The structure in the memory, in the port's own vocabulary (its toString()). */
    String describe();

    /**
     * The same state as {@link #describe()} as data (maps, lists, strings, numbers), for pictures
     * of the structure: the HTML report draws from it, so the picture and the text name the same
     * pages, nodes and values. Null if the port has none yet.
     */
    default Object snapshot() { return null; }
}
