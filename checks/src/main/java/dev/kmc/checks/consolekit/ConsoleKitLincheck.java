package dev.kmc.checks.consolekit;

import dev.kmc.checks.lincheck.SequentialSpec;
import dev.kmc.model.consolekit.ConsoleKitSubject;
import dev.kmc.model.consolekit.RemovalStrategy;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck operations on a ConsoleKit daemon with the eight sessions of
 * {@link ConsoleKitSubject#POPULATION} open. The variants are the nested subclasses; the
 * sequential specification is {@link ConsoleKitSpec}, never the port.
 *
 * <p>The daemon is single-threaded: {@link #dispatch()}, {@link #leaders()} and
 * {@link #destroyed()} run on its main loop and share the non-parallel group "mainloop", so
 * Lincheck keeps them on one thread. The re-entrancy is inside {@code dispatch()}: one
 * top-level g_main_context_iteration whose handler may iterate the loop again.
 * {@link #nameOwnerChanged(int)} is in no group: it is GDBus's worker thread handing a signal
 * to the main loop, which really does run on another thread, so a second thread of Lincheck
 * may post while the main loop dispatches. Posting the same client twice is what the bus does
 * when a client that owned a well-known name disconnects: one NameOwnerChanged per name, all
 * with the client's unique name as old owner.
 */
@Param(name = "client", gen = IntGen.class, conf = "1:4")
@SequentialSpec(ConsoleKitSpec.class)   // kmc export-test finds the specification here
public abstract class ConsoleKitLincheck {
    private final ConsoleKitSubject ck;

    protected ConsoleKitLincheck(RemovalStrategy strategy) {
        ck = new ConsoleKitSubject(strategy);
    }

    /** The bus's NameOwnerChanged for client :1.{@code client} (1..4; :1.4 has no session) becomes ready. */
    @Operation
    public void nameOwnerChanged(@Param(name = "client") int client) { ck.nameOwnerChanged(client); }

    /** One main-loop iteration: the clients whose NameOwnerChanged it handled, nested ones included. */
    @Operation(nonParallelGroup = "mainloop")
    public String dispatch() { return ck.dispatch(); }

    /** The cookies in the leaders table, sorted. */
    @Operation(nonParallelGroup = "mainloop")
    public String leaders() { return ck.leaders(); }

    /** One entry per g_object_unref of a leader, sorted. */
    @Operation(nonParallelGroup = "mainloop")
    public String destroyed() { return ck.destroyed(); }

    /** The daemon, for traces. */
    @Override
    public String toString() { return ck.toString(); }

    /** ConsoleKit2 1.1.0: g_hash_table_foreach_remove with the removal work in its callback. */
    public static class PreFix extends ConsoleKitLincheck {
        public PreFix() { super(RemovalStrategy.FOREACH_REMOVE_1_1_0); }
    }

    /** With 9dc77de: g_hash_table_foreach_steal, then the removal work. */
    public static class Fixed extends ConsoleKitLincheck {
        public Fixed() { super(RemovalStrategy.FOREACH_STEAL_9DC77DE); }
    }
}
