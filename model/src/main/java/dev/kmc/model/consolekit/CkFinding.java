package dev.kmc.model.consolekit;

/**
 * What GLib would log, what a debugging allocator or valgrind would report, or what would hang,
 * recorded instead so the model keeps running and a check can say exactly what happened.
 * Findings are outputs only: the model never reads them back (except that a dead loop ends the
 * main-loop thread's work). They are kept in a fixed-size log of main-loop cells in the {@link Heap}.
 */
public sealed interface CkFinding {

    /** g_hash_table_foreach_remove_or_steal's per-step check failed; the loop returned 0 at once. */
    record VersionChanged(String table, int slot, int expected, int actual) implements CkFinding {
        /** Its code in the {@link Heap}\'s findings log. */
        static final int KIND = 1;

        @Override
        public String toString() {
            return "GLib-CRITICAL **: g_hash_table_foreach_remove_or_steal: assertion 'version == hash_table->version' failed"
                    + " (" + table + " changed during iteration: version " + expected + " -> " + actual + " after slot " + slot + ")";
        }
    }

    /** g_hash_table_remove_node with a stale index past the end of the reallocated arrays. */
    record OutOfBounds(String table, int slot, int size) implements CkFinding {
        /** Its code in the {@link Heap}\'s findings log. */
        static final int KIND = 2;

        @Override
        public String toString() {
            return "g_hash_table_remove_node(" + table + ", " + slot + "): past the end of the " + size
                    + "-slot arrays: writes past the allocation, frees whatever it reads there (heap corruption)";
        }
    }

    /**
     * DEADLOOP: a GLib loop that can never end on this table. {@code g_hash_table_lookup_node}
     * (and the probe of {@code g_hash_table_resize}) probed all {@code size} slots without meeting
     * the key or an UNUSED slot; {@code g_hash_table_find_closest_shift} was given a negative
     * nnodes * 2 ({@code key} holds it). The daemon's only thread spins at 100% CPU there.
     */
    record ProbesForever(String table, String where, String key, int size) implements CkFinding {
        /** Its code in the {@link Heap}\'s findings log. */
        static final int KIND = 3;

        @Override
        public String toString() {
            if (where.equals("g_hash_table_find_closest_shift")) {
                return "DEADLOOP: " + where + "(" + key + ") on " + table + ": a negative gint shifted right stays -1: "
                        + "GLib loops forever (100% CPU)";
            }
            return "DEADLOOP: " + where + "(" + table + ", \"" + key + "\"): all " + size
                    + " slots probed, none UNUSED and none holds the key: GLib probes forever (100% CPU)";
        }
    }

    /** g_object_unref(NULL), e.g. the value destroy notifier run on an empty slot. */
    record UnrefNull(String table) implements CkFinding {
        /** Its code in the {@link Heap}\'s findings log. */
        static final int KIND = 4;

        @Override
        public String toString() {
            return "GLib-GObject-CRITICAL **: g_object_unref: assertion 'G_IS_OBJECT (object)' failed (" + table
                    + "'s value destroy notifier got NULL)";
        }
    }

    /** An operation on an object that was already finalized. */
    record UseAfterFree(String operation, String object) implements CkFinding {
        /** Its code in the {@link Heap}\'s findings log. */
        static final int KIND = 5;

        @Override
        public String toString() {
            return operation + "(" + object + "): " + object + " was already finalized (use after free)";
        }
    }

    /** g_free of a string that was already freed. */
    record DoubleFree(String text) implements CkFinding {
        /** Its code in the {@link Heap}\'s findings log. */
        static final int KIND = 6;

        @Override
        public String toString() {
            return "g_free(\"" + text + "\"): already freed (double free)";
        }
    }
}
