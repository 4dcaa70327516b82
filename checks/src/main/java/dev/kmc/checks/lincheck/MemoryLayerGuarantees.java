package dev.kmc.checks.lincheck;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.TaggedPtr;
import dev.kmc.model.mem.Word;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/**
 * How Lincheck's model checker sees kmc's memory layer: as kmc's explorer does. Each cell access
 * ({@code tailPage.readOnce()}, {@code entries.localAddReturn(1)}, {@code next.cmpxchg(old, neu)}) is one
 * atomic step with a switch point before it and none inside; the address registry ({@code Memory.addrOf},
 * {@code Memory.object}) and the printers ({@code peek}, {@code format}) are not steps at all.
 *
 * <p>Why: a primitive of the layer is one real atomic on its cell (see {@code Cell.direct}); the rest of
 * the method is bookkeeping that touches no shared state (an address to object lookup in a registry
 * filled at construction). Left to its default, Lincheck analyzes that bookkeeping as shared reads and
 * method-call events, which cost it about twice the time per invocation (tasklist's fixed pinned
 * scenario: 5-6 s for 500 invocations, 3 s with these guarantees, the same verdicts) and add switch
 * points that model nothing. {@code SpinLock} stays analyzed: its acquire spins, and the model checker
 * must be able to switch away from a spinning CPU.
 */
public final class MemoryLayerGuarantees {
    private MemoryLayerGuarantees() { }

    /** Methods of the cell classes that are not accesses: address arithmetic and printers. */
    private static final Set<String> NOT_ACCESSES = Set.of("word", "ptr", "flag", "peek", "poke", "peekPtr", "peekFlag", "pokePtr",
            "format", "show", "name", "memory", "index", "guard", "isCpuPrivate", "cpuPrivate", "guardedBy", "holdsAddress", "toString");

    /** The access methods of Word, Ptr and TaggedPtr: every public instance method that is not in NOT_ACCESSES. */
    static Set<String> accessMethods() {
        Set<String> names = new TreeSet<>();
        for (Class<?> c : new Class<?>[] {Word.class, Ptr.class, TaggedPtr.class}) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !NOT_ACCESSES.contains(m.getName())) {
                    names.add(m.getName());
                }
            }
        }
        return names;
    }

    /** Adds the guarantees to {@code o} and returns it. */
    public static ModelCheckingOptions apply(ModelCheckingOptions o) {
        Set<String> access = accessMethods();
        String[] cells = {Word.class.getName(), Ptr.class.getName(), TaggedPtr.class.getName()};
        return o.addGuarantee(ManagedStrategyGuaranteeKt.forClasses(cells).methods(access::contains).treatAsAtomic())
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(cells).methods(NOT_ACCESSES::contains).ignore())
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses("dev.kmc.model.mem.Cell").methods(NOT_ACCESSES::contains).ignore())
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(Memory.class.getName())
                        .methods("addrOf", "object", "nameOf", "register", "snapshot", "snapshotInto", "cell", "cells", "cellCount")
                        .ignore());
    }
}
