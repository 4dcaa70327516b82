package dev.kmc.model.systemd;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * {@code Set *u->pids} over the model's fixed universe of pids ({@link Systemd#PIDS}): one cell per
 * pid, 1 while the pid is in the set. Only PID 1 touches it.
 */
final class PidSet {
    private final long[] universe;
    private final Word[] member;

    PidSet(Memory mem, String name, long[] universe, long... initial) {
        this.universe = universe.clone();
        this.member = new Word[universe.length];
        for (int i = 0; i < universe.length; i++) {
            long init = 0;
            for (long p : initial) {
                if (p == universe[i]) {
                    init = 1;
                }
            }
            member[i] = mem.word(name + "[" + universe[i] + "]", init).cpuPrivate();
        }
    }

    private int slot(long pid) {
        for (int i = 0; i < universe.length; i++) {
            if (universe[i] == pid) {
                return i;
            }
        }
        throw new IllegalArgumentException("pid " + pid + " is not one of the model's pids");
    }

    /** {@code set_contains(u->pids, PID_TO_PTR(pid))}. */
    boolean contains(long pid) { return member[slot(pid)].load() != 0; }

    /** {@code set_remove(u->pids, PID_TO_PTR(pid))}. */
    void remove(long pid) { member[slot(pid)].store(0); }

    /** {@code set_isempty(u->pids)}. */
    boolean isEmpty() {
        for (Word w : member) {
            if (w.load() != 0) {
                return false;
            }
        }
        return true;
    }

    /** The pids in the set, without scheduling (printers, snapshots). */
    java.util.List<Long> members() {
        java.util.List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < universe.length; i++) {
            if (member[i].peek() != 0) out.add(universe[i]);
        }
        return out;
    }

    /** The pids in the set, without scheduling (printers). */
    String show() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < universe.length; i++) {
            if (member[i].peek() != 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(universe[i]);
            }
        }
        return sb.append('}').toString();
    }
}
