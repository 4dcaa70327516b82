package dev.kmc.model.consolekit;

/** A reference-counted GObject: finalized when g_object_unref drops the last reference. */
public abstract class GObject {
    int refCount = 1;
    boolean finalized;
    /** How often g_object_unref was called on this object (the model's record, no GLib counterpart). */
    int unrefs;

    /** "leader 1a", "session Session3". */
    public abstract String name();

    public boolean finalized() { return finalized; }

    public int unrefs() { return unrefs; }
}
