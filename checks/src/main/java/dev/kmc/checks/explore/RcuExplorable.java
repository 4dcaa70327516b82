package dev.kmc.checks.explore;

import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.RcuInvariants;
import dev.kmc.model.rcu.RcuSubject;
import java.util.ArrayList;
import java.util.List;

/**
 * The RCU port as a transition system: 2 CPUs, callbacks X, D1.. (up to {@code callbacks}),
 * operations call_rcu(cpu, head), a grace period and rcu_do_batch(cpu). To keep the space
 * finite, call_rcu of a head is a no-op once call_rcu has accepted it twice (enough for a
 * double enqueue, and for a legal re-post after invocation). Invariants: kernel-spec B.7.
 */
public final class RcuExplorable implements Explorable<RcuSubject> {
    private static final int MAX_ACCEPTED = 2;

    private final EnqueueGuard guard;
    private final int callbacks;
    private final List<String> ops = new ArrayList<>();

    public RcuExplorable(EnqueueGuard guard, int callbacks) {
        if (callbacks < 1 || callbacks > RcuSubject.NAMES.size()) {
            throw new IllegalArgumentException("callbacks must be 1.." + RcuSubject.NAMES.size() + ", got " + callbacks);
        }
        this.guard = guard;
        this.callbacks = callbacks;
        for (int cpu = 0; cpu < RcuSubject.CPUS; cpu++) {
            for (int id = 0; id < callbacks; id++) ops.add("callRcu(cpu" + cpu + ", " + RcuSubject.NAMES.get(id) + ")");
        }
        ops.add("gracePeriod()");
        for (int cpu = 0; cpu < RcuSubject.CPUS; cpu++) ops.add("doBatch(cpu" + cpu + ")");
    }

    @Override
    public RcuSubject initial() { return new RcuSubject(guard); }

    @Override
    public List<String> operations() { return ops; }

    @Override
    public RcuSubject apply(RcuSubject state, int op) {
        RcuSubject s = state.copy();
        int calls = RcuSubject.CPUS * callbacks;
        if (op < calls) {
            int cpu = op / callbacks;
            int id = op % callbacks;
            if (s.rcu().accepted(id) < MAX_ACCEPTED) s.callRcu(cpu, id);
        } else if (op == calls) {
            s.gracePeriod();
        } else {
            s.doBatch(op - calls - 1);
        }
        return s;
    }

    @Override
    public int[] key(RcuSubject state) { return state.stateKey(); }

    @Override
    public String violation(RcuSubject state) {
        String v = RcuInvariants.firstViolation(state.rcu());
        return v != null ? v : RcuInvariants.exactlyOnceViolation(state.rcu());
    }

    @Override
    public String describe(RcuSubject state) { return state.toString(); }
}
