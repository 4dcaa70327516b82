package dev.kmc.checks.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * The Lincheck scenario of a pinned universe: the same operations, in the same order, on one Lincheck
 * thread per CPU (the init part as Lincheck's init part). It lets {@code kmc bench} run both engines on
 * the same work. A universe with interrupts or in the atomic setting has no twin: Lincheck has neither.
 *
 * <p>The explorer's machines name operations as the suites' Lincheck classes do, with one exception:
 * RCU's Lincheck operations carry their CPU in the name ({@code callRcu0(0)}, {@code doBatch1()}), the
 * machine's take it from the CPU that runs them ({@code callRcu(link)}, {@code doBatch()}); head 0 is
 * the link.
 */
public final class LincheckTwin {
    private LincheckTwin() { }

    /**
     * The scenario as {@code Scenarios.parse} reads it ({@code init: a() b() | thread: c() | thread: d() | post: -}),
     * or null if {@code u} has no Lincheck twin (open, interrupts, atomic).
     */
    public static String scenarioText(String suite, Universe u) {
        if (!u.pinned() || !u.irqOps().isEmpty() || u.atomicOps()) return null;
        StringBuilder sb = new StringBuilder("init: ").append(ops(suite, 0, u.init()));
        for (int cpu = 0; cpu < u.programs().size(); cpu++) {
            if (u.programs().get(cpu).isEmpty()) continue;
            sb.append(" | thread: ").append(ops(suite, cpu, u.programs().get(cpu)));
        }
        return sb.append(" | post: -").toString();
    }

    private static String ops(String suite, int cpu, List<String> ops) {
        if (ops.isEmpty()) return "-";
        List<String> out = new ArrayList<>();
        for (String op : ops) out.add(op(suite, cpu, op.replace(" ", "")));
        return String.join(" ", out);
    }

    private static String op(String suite, int cpu, String op) {
        if (!suite.equals("rcu")) return op;
        if (op.startsWith("callRcu(")) {
            String head = op.substring("callRcu(".length(), op.length() - 1);
            int id = dev.kmc.model.rcu.RcuSubject.NAMES.indexOf(head);
            if (id < 0) throw new IllegalArgumentException("no rcu_head named '" + head + "'");
            return "callRcu" + cpu + "(" + id + ")";
        }
        if (op.equals("doBatch()")) return "doBatch" + cpu + "()";
        return op;
    }
}
