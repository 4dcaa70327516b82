package dev.kmc.checks.explore;

import dev.kmc.checks.rcu.RcuSpec;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.Rcu;
import dev.kmc.model.rcu.RcuFinding;
import dev.kmc.model.rcu.RcuHead;
import dev.kmc.model.rcu.RcuInvariants;
import dev.kmc.model.rcu.RcuSubject;
import java.util.ArrayList;
import java.util.List;

/**
 * The RCU port for kmc's explorer: the two CPUs that call {@code call_rcu} (cpu0, cpu1) and the
 * grace-period kthread (cpu2), on the seed's objects ({@link RcuSubject}: the module's {@code link},
 * the route entries D1..D4).
 * <ul>
 * <li>cpu0 and cpu1 each run {@code callRcu(link)}, {@code callRcu(D1)}, ... (the first
 *     {@code heads} heads: for the link its "peer info changed" handler, for a dst
 *     {@code dst_release()}; both end in {@code __call_rcu} on that CPU) and {@code doBatch()}
 *     ({@code rcu_do_batch} on that CPU, callbacks included).</li>
 * <li>cpu2 ("rcu_gp kthread") runs {@code gracePeriod()}: {@code rcu_gp_init} then
 *     {@code rcu_gp_cleanup}. It is a CPU of its own because the kernel's GP kthread runs
 *     concurrently with both CPUs' call_rcu and rcu_do_batch, and the port's grace period must not
 *     run concurrently with itself (one kthread).</li>
 * </ul>
 * Every access of a cell other CPUs can touch is a scheduling point; a CPU's own list, tails,
 * seglen and gp_seq are cpuPrivate (interrupts off), the debugobjects trackers are guarded by the
 * bucket lock. So the explorer covers call_rcu on both CPUs on the same and on different heads,
 * grace periods at any point, and rcu_do_batch racing an enqueue on the other CPU.
 *
 * <p>At quiescence (every CPU idle), in this order (the first that fails is the state's kind):
 * <ol>
 * <li>the symptoms the kernel shows, from the port's findings, in this order of kinds: "double free" (kmem_cache_free of a
 *     free dst), "slab reuse", "list_del corruption", "callback cycle", "rehashed twice" (the link's
 *     callback ran again: SAME_TUPLE_LINK), "WARN" (an rcu_do_batch WARN_ON_ONCE);</li>
 * <li>{@link RcuInvariants#firstViolation}: "counts", "shape" (a cyclic list included),
 *     "disjointness" (a head on two CPUs' lists), "func" (a head queued or invoked through NULL);</li>
 * <li>{@link RcuInvariants#exactlyOnceViolation}: "exactly once" (invoked more often than accepted,
 *     before its grace period, or owed and lost);</li>
 * <li>"debugobjects stuck" (guarded kernel only): a head whose every accepted call_rcu has been
 *     invoked and which is on no list, yet debugobjects still tracks it ACTIVE, so every later
 *     call_rcu of it is rejected as a "Double-freed CB" and leaked.</li>
 * </ol>
 * Diagnostics the guarded kernel prints by design (ODEBUG warnings, "Double-freed CB", the leak of
 * a rejected duplicate) are outcomes, not violations: they are what the guard is for.
 *
 * <p>Pinned results are checked against {@link RcuSpec} (which shares no code with the port); its
 * whole-operation contract is stricter than RCU (see RcuLincheck's NOTE), so it is consulted only
 * when {@code checkSpec} is set.
 */
public final class RcuMachine implements Machine {
    public static final int GP_CPU = 2;

    private final Memory mem;
    private final RcuSubject subject;
    private final int heads;
    private final boolean checkSpec;
    private final List<List<String>> ops = new ArrayList<>();

    /**
     * {@code heads}: how many of link, D1..D4 the CPUs call call_rcu on (1..5); {@code initRcuHeads}:
     * every head passed through init_rcu_head() first (guarded kernel: tracked from the start).
     */
    public RcuMachine(Memory mem, EnqueueGuard guard, boolean initRcuHeads, int heads, boolean checkSpec) {
        if (heads < 1 || heads > RcuSubject.NAMES.size()) {
            throw new IllegalArgumentException("heads must be 1.." + RcuSubject.NAMES.size() + ", got " + heads);
        }
        this.mem = mem;
        this.heads = heads;
        this.checkSpec = checkSpec;
        this.subject = new RcuSubject(guard, initRcuHeads, mem);
        for (int cpu = 0; cpu < RcuSubject.CPUS; cpu++) {
            List<String> l = new ArrayList<>();
            for (int id = 0; id < heads; id++) l.add("callRcu(" + RcuSubject.NAMES.get(id) + ")");
            l.add("doBatch()");
            ops.add(List.copyOf(l));
        }
        ops.add(List.of("gracePeriod()"));
    }

    public RcuSubject subject() { return subject; }

    @Override
    public Memory memory() { return mem; }

    @Override
    public int cpus() { return RcuSubject.CPUS + 1; }

    @Override
    public String cpuName(int cpu) { return cpu == GP_CPU ? "rcu_gp kthread" : "cpu" + cpu; }

    @Override
    public List<String> operations(int cpu) { return ops.get(cpu); }

    @Override
    public String run(int cpu, int op) {
        if (cpu == GP_CPU) {
            subject.gracePeriod();
            return "void";
        }
        if (op < heads) {
            return String.valueOf(subject.callRcu(cpu, op));
        }
        return subject.doBatch(cpu);
    }

    @Override
    public String quiescentViolation() {
        Rcu rcu = subject.rcu();
        List<RcuFinding> findings = rcu.findings();
        for (RcuFinding.Kind k : SYMPTOMS) {
            for (RcuFinding f : findings) {
                if (f.kind() == k) return symptom(f);
            }
        }
        String v = RcuInvariants.firstViolation(rcu);
        if (v != null) return v;
        v = RcuInvariants.exactlyOnceViolation(rcu);
        if (v != null) return v;
        if (subject.guard() == EnqueueGuard.DEBUG_OBJECTS) {
            List<RcuHead> queued = new ArrayList<>();
            for (int cpu = 0; cpu < rcu.cpus(); cpu++) queued.addAll(rcu.cblist(cpu).walk().nodes());
            for (RcuHead h : rcu.heads()) {
                if (!queued.contains(h) && rcu.accepted(h.id()) == rcu.invocations(h.id()) && rcu.debugObjects().isActive(h)) {
                    return "debugobjects stuck: " + h.name() + " is on no list and owes no invocation, but debugobjects tracks it"
                            + " ACTIVE (active state " + (rcu.debugObjects().astate(h) == 1 ? "QUEUED" : "READY") + "): every later"
                            + " call_rcu of it is rejected as a Double-freed CB and leaked";
                }
            }
        }
        return null;
    }

    /** The symptoms, most telling first (a state shows the first it has, whatever the order they happened in). */
    private static final List<RcuFinding.Kind> SYMPTOMS = List.of(RcuFinding.Kind.DOUBLE_FREE, RcuFinding.Kind.SLAB_REUSE,
            RcuFinding.Kind.LIST_DEL_CORRUPTION, RcuFinding.Kind.CALLBACK_CYCLE, RcuFinding.Kind.SAME_TUPLE_LINK, RcuFinding.Kind.WARN);

    private static String symptom(RcuFinding f) {
        switch (f.kind()) {
            case DOUBLE_FREE: return "double free: " + f;
            case SLAB_REUSE: return "slab reuse: " + f;
            case LIST_DEL_CORRUPTION: return "list_del corruption: " + f;
            case CALLBACK_CYCLE: return "callback cycle: " + f;
            case SAME_TUPLE_LINK: return "rehashed twice: " + f + " (link_rehash_rcu ran for a link already hashed)";
            default: return "WARN: " + f;
        }
    }

    @Override
    public String checkResults(List<String> init, List<List<String>> programs, List<List<String>> results) {
        if (!checkSpec) return null;
        if (SequentialOrders.exists(RcuSpec::new, RcuMachine::call, init, programs, results)) return null;
        return "not linearizable: no order of the whole operations (each CPU's in program order) gives these results"
                + " in the independent specification RcuSpec";
    }


    private static String call(RcuSpec spec, int cpu, String op) {
        if (op.equals("gracePeriod()")) {
            spec.gracePeriod();
            return "void";
        }
        if (op.equals("doBatch()")) {
            return cpu == 0 ? spec.doBatch0() : spec.doBatch1();
        }
        int id = RcuSubject.NAMES.indexOf(op.substring("callRcu(".length(), op.length() - 1));
        return String.valueOf(cpu == 0 ? spec.callRcu0(id) : spec.callRcu1(id));
    }

    /** The lists, tails, heads, debugobjects trackers, slab freelists and findings, as the port prints them. */
    @Override
    public String describe() { return subject.toString(); }

    /** {@code Rcu.snapshotData()}: the tree {@link #describe()} is printed from (report.html draws it). */
    @Override
    public Object snapshot() { return subject.rcu().snapshotData(); }
}
