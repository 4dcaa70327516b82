package dev.kmc.checks.explore;

import dev.kmc.model.consolekit.CkFinding;
import dev.kmc.model.consolekit.CkManager;
import dev.kmc.model.consolekit.CkSessionLeader;
import dev.kmc.model.consolekit.ConsoleKitInvariants;
import dev.kmc.model.consolekit.ConsoleKitSubject;
import dev.kmc.model.consolekit.RemovalStrategy;
import dev.kmc.model.mem.Memory;
import java.util.ArrayList;
import java.util.List;

/**
 * ConsoleKit2's daemon for kmc's explorer (kernel-spec C1). cpu0 is the main loop:
 * {@code dispatch()} is one g_main_context_iteration with everything nested in it (the
 * session_removed scripts' own main loops inside the outer g_hash_table_foreach_remove, as
 * upstream), {@code login(n)} an OpenSession of client :1.n. cpu1 is GDBus's worker thread:
 * {@code nameOwnerChanged(n)} hands the bus's signal for client :1.n vanishing to the main
 * context. The two share only the context's ready list, under its lock; the tables and objects
 * are main-loop cells, so the explorer's scheduling points are the lock operations, which is
 * exactly where a signal can land among the scripts' child exits.
 *
 * <p>Properties at quiescence, from {@link ConsoleKitInvariants}, first match wins:
 * {@code dead loop} (a GLib loop that never ends: issue 11's 100% CPU), {@code double destroy}
 * (a leader unreffed twice, a double g_free, a use after free, g_object_unref(NULL)),
 * {@code wrong leader destroyed} (a connected client's leader finalized or removed),
 * {@code version CRITICAL} (a foreach saw the table change), {@code invariant} (any other
 * violated invariant: bounds, counters, a gone client's leader left in the table).
 */
public final class ConsoleKitMachine implements Machine {
    private final Memory mem;
    private final ConsoleKitSubject ck;
    private final List<String> mainOps;
    private final List<String> workerOps;

    /** The daemon on {@code mem} with room for {@code capacity} leaders and 64-slot table banks. */
    public ConsoleKitMachine(Memory mem, RemovalStrategy strategy, int capacity, List<String> mainOps, List<String> workerOps) {
        this.mem = mem;
        this.ck = new ConsoleKitSubject(strategy, mem, capacity, 64);
        this.mainOps = mainOps;
        this.workerOps = workerOps;
    }

    public ConsoleKitSubject subject() { return ck; }

    @Override
    public Memory memory() { return mem; }

    @Override
    public int cpus() { return 2; }

    @Override
    public String cpuName(int cpu) { return cpu == 0 ? "cpu0 (main loop)" : "cpu1 (GDBus worker)"; }

    @Override
    public List<String> operations(int cpu) { return cpu == 0 ? mainOps : workerOps; }

    @Override
    public String run(int cpu, int op) {
        String name = operations(cpu).get(op);
        if (name.equals("dispatch()")) {
            return ck.dispatch();
        }
        int n = Integer.parseInt(name.substring(name.indexOf('(') + 1, name.length() - 1));
        if (name.startsWith("login(")) {
            return ck.login(n);
        }
        if (name.startsWith("nameOwnerChanged(")) {
            ck.nameOwnerChanged(n);
            return "posted";
        }
        throw new IllegalArgumentException(name);
    }

    @Override
    public String quiescentViolation() {
        CkManager m = ck.manager();
        List<CkFinding> findings = m.heap().findings();
        for (CkFinding f : findings) {
            if (f instanceof CkFinding.ProbesForever) return "dead loop: " + f;
        }
        for (CkSessionLeader l : m.created()) {
            if (l.unrefs() > 1) return "double destroy: " + l.name() + " unreffed " + l.unrefs() + "x";
        }
        for (CkFinding f : findings) {
            if (f instanceof CkFinding.DoubleFree || f instanceof CkFinding.UseAfterFree || f instanceof CkFinding.UnrefNull) {
                return "double destroy: " + f;
            }
        }
        List<CkSessionLeader> wrong = ConsoleKitInvariants.connectedLeadersDestroyed(m);
        if (!wrong.isEmpty()) {
            CkSessionLeader l = wrong.get(0);
            return "wrong leader destroyed: " + l.name() + " of connected " + l.serviceName()
                    + (l.finalized() ? " was finalized" : " was removed from the table");
        }
        for (CkFinding f : findings) {
            if (f instanceof CkFinding.VersionChanged) return "version CRITICAL: " + f;
        }
        String v = ConsoleKitInvariants.firstViolation(m);
        return v == null ? null : "invariant: " + v;
    }

    @Override
    public String describe() { return ck.toString(); }

    /** {@code CkManager.snapshotData()}: the tree {@link #describe()} is printed from (report.html draws it). */
    @Override
    public Object snapshot() { return ck.manager().snapshotData(); }

    /** The operations of a universe: cpu0's alphabet from the main-loop programs, cpu1's from the worker's. */
    static List<String> distinct(List<String> ops) {
        List<String> out = new ArrayList<>();
        for (String o : ops) if (!out.contains(o)) out.add(o);
        return out;
    }
}
