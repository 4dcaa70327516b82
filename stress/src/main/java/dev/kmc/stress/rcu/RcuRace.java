package dev.kmc.stress.rcu;

import static dev.kmc.model.rcu.RcuSubject.D1;
import static dev.kmc.model.rcu.RcuSubject.D2;
import static dev.kmc.model.rcu.RcuSubject.LINK;

import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.RcuSubject;

/**
 * The state and the arbiter both RCU harnesses share: a fresh two-CPU {@link RcuSubject} per
 * sample (fresh heads, untracked by debugobjects, as the seed's), on real atomics.
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
     * A grace period, rcu_do_batch() on CPU 0 then on CPU 1; returns {link, D1, D2} = how often
     * rcu_do_batch() invoked each: its own {@code count++}, one per callback it dequeued, whatever
     * {@code ->func} then held (the real callback, rcu_leak_callback, or NULL after v5.15's other CPU
     * cleared it).
     */
    final int[] gracePeriodThenBatchBothCpus() {
        rcu.gracePeriod();
        // NOTE: the arbiter runs CPU 0's and then CPU 1's rcu_do_batch, though only a CPU's own thread
        // touches its list. This is a test device, not a third CPU: jcstress starts the arbiter after both
        // actors have returned, so the arbiter simply continues each CPU's sequence in turn.
        rcu.doBatch(0);
        rcu.doBatch(1);
        return new int[] {rcu.invocations(LINK), rcu.invocations(D1), rcu.invocations(D2)};
    }
}
