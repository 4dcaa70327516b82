package dev.kmc.checks.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * What the explorer explores: either a pinned scenario (init operations run first, then each
 * CPU runs its own list of operations) or an open universe (from the fresh state every idle CPU
 * may start any operation of its alphabet, up to {@code maxOps} operations in all), with
 * interrupts on one CPU: at any scheduling point of that CPU, up to {@code maxInterrupts} times
 * in a path, an interrupt runs one whole operation of {@code irqOps} nested on top (depth at most
 * {@code irqDepth}, strictly LIFO as in the kernel). With {@code atomicOps} every operation is
 * one step (the operation-level setting: sequential histories only).
 *
 * @param init       operations run first, on CPU 0, before anything is explored (pinned only)
 * @param programs   per CPU, the operation names it runs in order; null for an open universe
 * @param maxOps     open universe: operations started in all, interrupts included (0: no bound)
 * @param irqCpu     the CPU interrupts arrive on, or -1 for none
 * @param irqOps     the operations an interrupt may run (names from that CPU's alphabet)
 * @param irqDepth   how many interrupts may be nested at once
 * @param maxInterrupts interrupts in one path
 * @param atomicOps  every operation one step
 */
public record Universe(String name, List<String> init, List<List<String>> programs, int maxOps,
                       int irqCpu, List<String> irqOps, int irqDepth, int maxInterrupts, boolean atomicOps) {

    public boolean pinned() { return programs != null; }

    /** A pinned scenario without interrupts. */
    public static Universe pinned(String name, List<String> init, List<List<String>> programs) {
        return new Universe(name, init, programs, 0, -1, List.of(), 0, 0, false);
    }

    /** An open universe without interrupts. */
    public static Universe open(String name, int maxOps) {
        return new Universe(name, List.of(), null, maxOps, -1, List.of(), 0, 0, false);
    }

    public Universe withInterrupts(int cpu, List<String> ops, int depth, int max) {
        return new Universe(name, init, programs, maxOps, cpu, ops, depth, max, atomicOps);
    }

    public Universe atomic() {
        return new Universe(name, init, programs, maxOps, irqCpu, irqOps, irqDepth, maxInterrupts, true);
    }

    public Universe named(String n) {
        return new Universe(n, init, programs, maxOps, irqCpu, irqOps, irqDepth, maxInterrupts, atomicOps);
    }

    /** The universe in words, as the report states it. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (pinned()) {
            parts.add("pinned: init " + (init.isEmpty() ? "-" : String.join(" ", init)));
            for (int c = 0; c < programs.size(); c++) {
                parts.add("cpu" + c + ": " + String.join(" ", programs.get(c)));
            }
        } else {
            parts.add("open universe from the fresh state, " + (maxOps == 0 ? "no bound on operations" : "at most " + maxOps + " operations"));
        }
        if (irqCpu >= 0 && maxInterrupts > 0) {
            parts.add("interrupts on cpu" + irqCpu + " at every scheduling point: " + String.join(" ", irqOps)
                    + " (nesting depth " + irqDepth + ", at most " + maxInterrupts + " per path)");
        } else {
            parts.add("no interrupts");
        }
        parts.add(atomicOps ? "operations atomic (sequential histories)" : "every shared access a scheduling point");
        return String.join("; ", parts);
    }
}
