/**
 * JCStress harnesses for the ConsoleKit port ({@code dev.kmc.model.consolekit}: ConsoleKit2
 * 1.1.0 on GLib 2.46.2, and the fix 9dc77de).
 * <ul>
 * <li>The corruption is single-threaded re-entrancy; a harness can only race what is
 *     concurrent in the real daemon: GDBus's worker thread handing a signal to the main
 *     context while the main-loop thread removes sessions. Whether the signal lands before or
 *     after a script's exit decides whether it is dispatched nested.</li>
 * <li>One outer class per property, nested tests {@code PreFix}
 *     ({@code RemovalStrategy.FOREACH_REMOVE_1_1_0}) and {@code Fixed}
 *     ({@code RemovalStrategy.FOREACH_STEAL_9DC77DE}) with the same outcome ids and
 *     descriptions; only the grading differs.</li>
 * <li>Two actors (main loop, GDBus worker) and an arbiter: more actors than CPUs would be
 *     silently skipped on a 2-CPU machine. Every sample builds its daemon afresh.</li>
 * </ul>
 * Run them all: {@code java -jar stress/target/kmc.jar jcstress -t dev.kmc.stress.consolekit
 * -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}.
 */
package dev.kmc.stress.consolekit;
