/**
 * JCStress harnesses for the RCU port ({@code dev.kmc.model.rcu}; kernel-spec Part B). Each outer
 * class has nested tests {@code PreFix} (the incident's kernel, RHEL 3.10.0-514 without
 * CONFIG_DEBUG_OBJECTS_RCU_HEAD) and {@code Fixed} (v5.15 with CONFIG_DEBUG_OBJECTS_RCU_HEAD and
 * lib/debugobjects.c before 63a759694eed). They share the state, the actions and the outcome ids
 * and descriptions; each variant grades every outcome by what its kernel does: ACCEPTABLE or
 * ACCEPTABLE_INTERESTING if the port of that kernel can produce it, FORBIDDEN if it cannot.
 * <ul>
 * <li>Two actors (CPU 0, CPU 1) and an arbiter that runs a grace period and each CPU's
 *     rcu_do_batch in turn ({@link dev.kmc.stress.rcu.RcuRace}).</li>
 * <li>Results count how often rcu_do_batch invoked link, D1 and D2 (its own count, through NULL and
 *     rcu_leak_callback included), on a fresh {@code RcuSubject} per sample (untracked heads).</li>
 * </ul>
 * Run them all: {@code ./kmc jcstress -t dev.kmc.stress.rcu -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}.
 */
package dev.kmc.stress.rcu;
