package dev.kmc.checks.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.mem.Cell;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Prim;
import dev.kmc.model.mem.Scheduler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * MemoryLayerGuarantees tells Lincheck that each access method of Word, Ptr and TaggedPtr is one atomic
 * step. That is only true if each performs exactly one access of its cell: this test calls every one of
 * them on a memory whose scheduler counts, and fails naming a method that performs none or several.
 */
class MemoryLayerGuaranteesTest {

    /** A scheduler that performs each primitive sequentially and records it. */
    private static final class Counting implements Scheduler {
        final List<String> accesses = new ArrayList<>();

        @Override
        public long access(Cell cell, Prim prim, long a, long b) {
            accesses.add(prim + " " + cell.name());
            return prim.applySequentially(cell, a, b);
        }

        @Override
        public void fence(Prim prim) { accesses.add(prim.name()); }

        @Override
        public void again(String where) { }
    }

    @Test
    void everyMethodTreatedAsAtomicIsExactlyOneAccessOfItsCell() throws Exception {
        Set<String> names = MemoryLayerGuarantees.accessMethods();
        assertTrue(names.containsAll(Set.of("readOnce", "writeOnce", "load", "store", "cmpxchg", "xchg", "localAddReturn",
                "localCmpxchg", "atomicIncReturn", "rcuDereference", "rcuAssignPointer")), names.toString());
        assertFalse(names.contains("peek") || names.contains("word") || names.contains("ptr") || names.contains("format"), names.toString());
        int checked = 0;
        for (String kind : List.of("word", "ptr", "taggedPtr")) {
            Counting sched = new Counting();
            Memory mem = new Memory(sched);
            Object target = new Object();
            mem.register(target);
            Cell cell = switch (kind) {
                case "word" -> mem.word("w", 0);
                case "ptr" -> mem.ptr("p", null);
                default -> mem.taggedPtr("t");
            };
            for (Method m : cell.getClass().getDeclaredMethods()) {
                if (!names.contains(m.getName()) || !java.lang.reflect.Modifier.isPublic(m.getModifiers())) continue;
                Object[] args = new Object[m.getParameterCount()];
                for (int i = 0; i < args.length; i++) {
                    Class<?> t = m.getParameterTypes()[i];
                    args[i] = t == long.class ? (Object) 0L : t == int.class ? (Object) 0 : target;
                }
                sched.accesses.clear();
                m.invoke(cell, args);
                assertEquals(1, sched.accesses.size(), kind + "." + m.getName() + " performed " + sched.accesses
                        + ": Lincheck would treat several accesses (or none) as one atomic step");
                checked++;
            }
        }
        assertTrue(checked >= 30, "only " + checked + " access methods were checked");
    }
}
