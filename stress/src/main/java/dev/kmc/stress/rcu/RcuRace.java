package dev.kmc.stress.rcu;

import static dev.kmc.model.rcu.RcuSubject.D1;
import static dev.kmc.model.rcu.RcuSubject.D2;
import static dev.kmc.model.rcu.RcuSubject.X;

import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.RcuSubject;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The state and the arbiter both RCU harnesses share: a fresh two-CPU {@link RcuSubject} per
 * sample, and the count of how often rcu_do_batch() invoked X, D1 and D2 once the actors are done.
 */
abstract class RcuRace {
    final RcuSubject rcu;

    RcuRace(EnqueueGuard guard) {
        rcu = new RcuSubject(guard);
    }

    /** call_rcu on {@code cpu} for a head that is not queued anywhere, so call_rcu must accept it. */
    final void release(int cpu, int id) {
        if (!rcu.callRcu(cpu, id)) {
            throw new IllegalStateException("cpu" + cpu + " call_rcu(" + RcuSubject.NAMES.get(id) + ") was rejected:\n" + rcu);
        }
    }

    /**
     * A grace period, rcu_do_batch() on CPU 0 then on CPU 1, then r1..r3 = invocations of X, D1, D2:
     * rcu_do_batch()'s own {@code count++}, one per callback it dequeued, whatever {@code ->func} then
     * held (dst_destroy_rcu, rcu_leak_callback, or NULL after another CPU cleared it).
     */
    final void gracePeriodThenBatchBothCpus(III_Result r) {
        rcu.gracePeriod();
        // NOTE: the arbiter runs CPU 0's and then CPU 1's rcu_do_batch, though the port lets only a
        // CPU's own thread touch its list. This is a test device, not a third CPU: jcstress starts
        // the arbiter after both actors have returned, so nothing else touches either list, and
        // the arbiter simply continues each CPU's sequence in turn.
        rcu.doBatch(0);
        rcu.doBatch(1);
        r.r1 = rcu.invocations(X);
        r.r2 = rcu.invocations(D1);
        r.r3 = rcu.invocations(D2);
    }
}
