package dev.kmc.model.consolekit;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * A reference-counted GObject: finalized when g_object_unref drops the last reference. Its
 * state is in main-loop cells ({@code cpuPrivate}: only the daemon's main loop touches objects).
 */
public abstract class GObject {
    /** ref_count. */
    final Word refCount;
    /** 1 once dispose + finalize + g_type_free_instance ran. */
    final Word finalized;
    /** How often g_object_unref was called on this object (the model's record, no GLib counterpart). */
    final Word unrefs;

    GObject(Memory mem, String name) {
        refCount = mem.word(name + ".ref_count", 0).cpuPrivate();
        finalized = mem.word(name + ".finalized", 0).cpuPrivate();
        unrefs = mem.word(name + ".unrefs", 0).cpuPrivate();
    }

    /** g_object_new's part the model keeps: a fresh object with one reference. */
    void gObjectInit() {
        refCount.store(1);
        finalized.store(0);
        unrefs.store(0);
    }

    /** "leader 1a", "session Session3". */
    public abstract String name();

    public boolean finalized() { return finalized.peek() != 0; }

    public int unrefs() { return (int) unrefs.peek(); }

    @Override
    public String toString() { return name(); }
}
