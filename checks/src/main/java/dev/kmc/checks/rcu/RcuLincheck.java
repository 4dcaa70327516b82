package dev.kmc.checks.rcu;

import dev.kmc.checks.lincheck.SequentialSpec;
import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.RcuSubject;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck operations on the RCU port with two CPUs and the seed's heads: {@code link} (id 0, the
 * head whose call_rcu the incident duplicated) and the route entries D1..D4 (ids 1..4). Each CPU's operations share a non-parallel
 * group ("cpu0", "cpu1"), so they run on one thread one at a time, as the kernel runs them with
 * interrupts off; {@link #gracePeriod()} runs on any thread, as the GP kthread does. Callbacks
 * are the port's {@code link_rehash_rcu} and {@code dst_destroy_rcu} (no re-posting).
 *
 * <p>The variants are the nested subclasses, named as in the ring-buffer suite:
 * {@link PreFix} = {@link EnqueueGuard#UNGUARDED} (the incident's 3.10.0-514),
 * {@link Fixed} = {@link EnqueueGuard#DEBUG_OBJECTS} (v5.15, debugobjects before 63a759694eed) with
 * fresh heads, as the seed's link and dst heads are (nobody calls init_rcu_head() on them), and
 * {@link FixedInitRcuHead}, the same kernel with every head passed through init_rcu_head() first, so
 * that debugobjects already tracks it. The sequential specification is {@link RcuSpec}, never the port.
 *
 * <h2>Which steps may overlap</h2>
 * The two CPUs' call_rcu calls run concurrently: that is the race of the incident (two packets
 * handled on two CPUs), which debugobjects' test-and-set decides. A batch and a grace period are
 * one step each: they run while no other operation is in progress ({@code cpuLock}).
 * NOTE: without that, the guarded port is correct RCU yet not linearizable to any specification
 * whose batch and grace period are atomic, because the port's take time and other CPUs see
 * them half done (each reproduced by model checking the guarded port without these locks):
 * <ul>
 * <li>A CPU that runs between rcu_gp_init and rcu_gp_cleanup notes the start, so what it queues
 *     next waits for the following grace period: {@code callRcu0(X), callRcu0(D1),
 *     doBatch0(): [], doBatch0(): [X] || gracePeriod()}.</li>
 * <li>call_rcu tests debugobjects before it notes gp_seq and enqueues, so a whole grace period
 *     can pass in between: {@code callRcu1(D2): true || callRcu0(D2): false, gracePeriod()},
 *     then {@code doBatch1(): []}.</li>
 * <li>rcu_do_batch unqueues each head just before its own callback, so another CPU sees the
 *     first head free and the second still queued: after {@code callRcu0(X), callRcu0(D1),
 *     gracePeriod()}, {@code doBatch0(): [X, D1] || callRcu1(X): true, callRcu1(D1): false}.</li>
 * </ul>
 * None of these is a bug: each time the port is more conservative than the specification (a callback waits
 * for a later grace period; a head counts as queued until its own callback runs). The cost: the
 * window of v5.15's two-step debug_rcu_head_unqueue() (a call_rcu between its steps) cannot
 * happen here; RcuSequenceTest and the JCStress harness CallRcuVsDoBatch cover it.
 */
@Param(name = "id", gen = IntGen.class, conf = "0:4")
@SequentialSpec(RcuSpec.class)   // kmc export-test finds the specification here
public abstract class RcuLincheck {

    private final RcuSubject rcu;
    /** Held by CPU c's call_rcu; a batch or a grace period holds both, in index order. */
    private final Object[] cpuLock = {new Object(), new Object()};

    protected RcuLincheck(EnqueueGuard guard, boolean initRcuHeads) {
        rcu = new RcuSubject(guard, initRcuHeads);
    }

    /** call_rcu(head id) on CPU 0: whether it was accepted. */
    @Operation(nonParallelGroup = "cpu0")
    public boolean callRcu0(@Param(name = "id") int id) {
        synchronized (cpuLock[0]) {
            return rcu.callRcu(0, id);
        }
    }

    /** rcu_do_batch on CPU 0: the heads it invoked, in order, e.g. "[X, D2]". */
    @Operation(nonParallelGroup = "cpu0")
    public String doBatch0() {
        synchronized (cpuLock[0]) {
            synchronized (cpuLock[1]) {
                return rcu.doBatch(0);
            }
        }
    }

    @Operation(nonParallelGroup = "cpu1")
    public boolean callRcu1(@Param(name = "id") int id) {
        synchronized (cpuLock[1]) {
            return rcu.callRcu(1, id);
        }
    }

    @Operation(nonParallelGroup = "cpu1")
    public String doBatch1() {
        synchronized (cpuLock[0]) {
            synchronized (cpuLock[1]) {
                return rcu.doBatch(1);
            }
        }
    }

    /** One whole grace period (the GP kthread). */
    @Operation
    public void gracePeriod() {
        synchronized (cpuLock[0]) {
            synchronized (cpuLock[1]) {
                rcu.gracePeriod();
            }
        }
    }

    /** The lists, tails and heads as the port's printer draws them, for traces. */
    @Override
    public String toString() { return rcu.toString(); }

    /** 3.10.0-514, no CONFIG_DEBUG_OBJECTS_RCU_HEAD: a second call_rcu of a queued head links it into a second list. */
    public static class PreFix extends RcuLincheck {
        public PreFix() { super(EnqueueGuard.UNGUARDED, false); }
    }

    /**
     * v5.15 with debugobjects before 63a759694eed, fresh heads: a call_rcu that finds the head ACTIVE
     * is rejected and leaked, but two overlapping first call_rcu()s of an untracked head can both be accepted.
     */
    public static class Fixed extends RcuLincheck {
        public Fixed() { super(EnqueueGuard.DEBUG_OBJECTS, false); }
    }

    /** The same kernel with init_rcu_head() on every head: each activation is one test-and-set under the bucket lock. */
    public static class FixedInitRcuHead extends RcuLincheck {
        public FixedInitRcuHead() { super(EnqueueGuard.DEBUG_OBJECTS, true); }
    }
}
