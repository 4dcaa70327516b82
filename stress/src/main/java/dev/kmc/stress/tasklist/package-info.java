/**
 * JCStress harnesses for the task-list port ({@code dev.kmc.model.tasklist}: the Linux v6.1
 * process list and the dirpro module's walk, kernel-spec C2).
 * <ul>
 * <li>One outer class per property, with nested tests {@code PreFix}
 *     ({@code WalkStart.START_TASKS}) and {@code Fixed} ({@code WalkStart.FOR_EACH_PROCESS}). They
 *     share the state and the actions and list the same outcome ids and descriptions (constants
 *     of the outer class); only the grading differs: LOOPED is ACCEPTABLE_INTERESTING on PreFix
 *     and FORBIDDEN on Fixed.</li>
 * <li>Two actors (the exiting task's CPU, the module's CPU): a test with more actors than CPUs
 *     is silently skipped on a 2-CPU machine.</li>
 * <li>The module's walk is bounded ({@code TaskList.WALK_BOUND}): an actor that never returned
 *     would hang jcstress's pre-run API check for good.</li>
 * </ul>
 * Run them all: {@code java -jar stress/target/kmc.jar jcstress -t dev.kmc.stress.tasklist
 * -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}.
 */
package dev.kmc.stress.tasklist;
