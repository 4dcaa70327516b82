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

    /**
     * The universe as one line that {@link #parse} reads back, as traces carry it:
     * {@code init=write(1) consume(); cpu0=reserveDiscard(4); cpu1=isEmpty() peek(); irq=0:write(1),write(4):1:1; atomic}
     * or {@code open=12; irq=...}.
     */
    public String spec() {
        List<String> parts = new ArrayList<>();
        parts.add("name=" + name);
        if (pinned()) {
            if (!init.isEmpty()) parts.add("init=" + String.join(" ", init));
            for (int c = 0; c < programs.size(); c++) parts.add("cpu" + c + "=" + String.join(" ", programs.get(c)));
        } else {
            parts.add("open=" + maxOps);
        }
        if (irqCpu >= 0 && maxInterrupts > 0) {
            parts.add("irq=" + irqCpu + ":" + String.join(",", irqOps) + ":" + irqDepth + ":" + maxInterrupts);
        }
        if (atomicOps) parts.add("atomic");
        return String.join("; ", parts);
    }

    /** Reads {@link #spec()}; a bad part is an IllegalArgumentException naming it and what is accepted. */
    public static Universe parse(String spec) {
        String name = "scenario";
        List<String> init = List.of();
        java.util.TreeMap<Integer, List<String>> cpus = new java.util.TreeMap<>();
        int open = -1;
        int irqCpu = -1;
        List<String> irqOps = List.of();
        int depth = 0;
        int max = 0;
        boolean atomic = false;
        for (String raw : spec.split(";")) {
            String part = raw.trim();
            if (part.isEmpty()) continue;
            if (part.equals("atomic")) {
                atomic = true;
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("bad universe part '" + part + "': expected key=value (name, init, cpuN, open, irq) or atomic");
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("name")) {
                name = value;
            } else if (key.equals("init")) {
                init = ops(value, false);
            } else if (key.matches("cpu\\d+")) {
                cpus.put(Integer.parseInt(key.substring(3)), ops(value, false));
            } else if (key.equals("open")) {
                open = number(key, value);
            } else if (key.equals("irq")) {
                String[] f = value.split(":");
                if (f.length != 4) throw new IllegalArgumentException("bad irq '" + value + "': expected CPU:op,op:DEPTH:MAX, e.g. 0:write(1),reserveDiscard(1):1:1");
                irqCpu = number("irq cpu", f[0]);
                irqOps = ops(f[1], true);
                depth = number("irq depth", f[2]);
                max = number("irq max", f[3]);
            } else {
                throw new IllegalArgumentException("unknown universe key '" + key + "': accepted name, init, cpuN, open, irq, atomic");
            }
        }
        if (!cpus.isEmpty() && open >= 0) throw new IllegalArgumentException("a universe is pinned (cpuN=...) or open (open=N), not both");
        if (cpus.isEmpty() && open < 0) throw new IllegalArgumentException("a universe needs cpuN=ops (pinned) or open=N (open)");
        List<List<String>> programs = null;
        if (!cpus.isEmpty()) {
            programs = new ArrayList<>();
            for (int c = 0; c <= cpus.lastKey(); c++) {
                if (!cpus.containsKey(c)) throw new IllegalArgumentException("cpu" + c + " has no program; give cpu0 .. cpu" + cpus.lastKey());
                programs.add(cpus.get(c));
            }
        }
        return new Universe(name, programs == null ? List.of() : init, programs, Math.max(open, 0), irqCpu, irqOps, depth, max, atomic);
    }

    /**
     * The operations of a part: separated by blanks (or by commas, for irq), but not inside an
     * operation's parentheses: {@code walkFrom(2, 3) exitTask(3)} is two operations.
     */
    static List<String> ops(String value, boolean commas) {
        List<String> out = new ArrayList<>();
        StringBuilder op = new StringBuilder();
        int depth = 0;
        for (char ch : value.toCharArray()) {
            if (ch == '(') depth++;
            if (ch == ')') depth--;
            boolean sep = depth == 0 && (commas ? ch == ',' : Character.isWhitespace(ch));
            if (sep) {
                if (!op.toString().isBlank()) out.add(op.toString().trim());
                op.setLength(0);
            } else {
                op.append(ch);
            }
        }
        if (!op.toString().isBlank()) out.add(op.toString().trim());
        return List.copyOf(out);
    }

    private static int number(String what, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + " must be a whole number >= 0, got '" + v + "'");
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
