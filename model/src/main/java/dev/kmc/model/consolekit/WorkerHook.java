package dev.kmc.model.consolekit;

/**
 * Another thread acting while the main-loop thread is at a marked point, replayed
 * deterministically: GDBus's worker thread delivering a signal into the context just before
 * ck_run_programs spawns a script. Tests use it to place a NameOwnerChanged among the child
 * exits exactly where a race would.
 */
@FunctionalInterface
public interface WorkerHook {
    WorkerHook NONE = (spawn, context) -> { };

    /** Called in ck_run_programs before the {@code spawn}-th script (1, 2, ...) of the run is spawned. */
    void beforeSpawn(int spawn, GMainContext context);
}
