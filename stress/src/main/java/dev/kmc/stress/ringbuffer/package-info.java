/**
 * JCStress harnesses for the ring-buffer port ({@code dev.kmc.model.ringbuffer}: Linux
 * {@code kernel/trace/ring_buffer.c} v5.13, and the fix 67f0d6d9883c).
 * <ul>
 * <li>One outer class per property, with nested tests {@code PreFix} ({@code EmptyCheck.V5_13})
 *     and {@code Fixed} ({@code EmptyCheck.FIXED_67F0D6D9}). They share the state and the
 *     actions and list the same outcome ids and descriptions (constants of the outer class);
 *     only the grading differs: a contradiction is ACCEPTABLE_INTERESTING on PreFix and
 *     FORBIDDEN on Fixed.</li>
 * <li>Two actors (writer CPU, reader CPU) and an arbiter: a test with more actors than CPUs is
 *     silently skipped on a 2-CPU machine.</li>
 * <li>Each state is the kernel-spec A.7.1 step-8 buffer ({@link dev.kmc.stress.ringbuffer.A71Step8}),
 *     rebuilt for every sample.</li>
 * </ul>
 * Run them all: {@code java -jar stress/target/kmc.jar jcstress -t dev.kmc.stress.ringbuffer
 * -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}.
 */
package dev.kmc.stress.ringbuffer;
