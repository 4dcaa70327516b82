/**
 * JCStress harnesses for the RCU port ({@code dev.kmc.model.rcu}: Linux {@code call_rcu} and
 * {@code rcu_segcblist} about v5.15; kernel-spec Part B).
 * <ul>
 * <li>One outer class per property, with nested tests {@code PreFix}
 *     ({@code EnqueueGuard.UNGUARDED}, as in the incident) and {@code Fixed}
 *     ({@code EnqueueGuard.DEBUG_OBJECTS}). They share the state and the actions and list the
 *     same outcome ids and descriptions (constants of the outer class); only the grading differs:
 *     a callback invoked twice, early or never is ACCEPTABLE_INTERESTING on PreFix and FORBIDDEN
 *     on Fixed.</li>
 * <li>Two actors (CPU 0 and CPU 1) and an arbiter that runs a grace period and each CPU's
 *     rcu_do_batch in turn ({@link dev.kmc.stress.rcu.RcuRace}): a test with more actors than
 *     CPUs is silently skipped on a 2-CPU machine.</li>
 * <li>The result is always how often rcu_do_batch invoked X, D1 and D2 (its own count, calls
 *     through NULL and rcu_leak_callback included), on a fresh {@code RcuSubject} per sample.</li>
 * </ul>
 * Run them all: {@code java -jar stress/target/kmc.jar jcstress -t dev.kmc.stress.rcu
 * -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}.
 */
package dev.kmc.stress.rcu;
