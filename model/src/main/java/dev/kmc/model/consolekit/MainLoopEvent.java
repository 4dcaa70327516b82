package dev.kmc.model.consolekit;

/** A ready source of the daemon's GMainContext: what one g_main_context_iteration dispatches. */
public sealed interface MainLoopEvent {

    /**
     * org.freedesktop.DBus.NameOwnerChanged(name, old_owner, new_owner), delivered to
     * on_name_owner_notify. For a client that disconnects: its unique name, itself, "".
     */
    record NameOwnerChanged(String name, String oldOwner, String newOwner) implements MainLoopEvent {
        /** The signal the bus sends when the client with unique name {@code name} disconnects. */
        public static NameOwnerChanged vanished(String name) {
            return new NameOwnerChanged(name, name, "");
        }

        @Override
        public String toString() {
            return "NameOwnerChanged(" + name + (newOwner.isEmpty() ? " gone" : " -> " + newOwner) + ")";
        }
    }

    /** A run-session.d script exited: its child watch (_child_watch) is ready. */
    record ChildExited(ChildData cd) implements MainLoopEvent {
        @Override
        public String toString() {
            return "child " + cd.pid + " exited";
        }
    }

    /**
     * ck-run-programs.c's ChildData: the script's pid and whether ck_run_programs still waits for
     * it. One per pid, preallocated by the manager; {@code child_is_running} is a main-loop cell.
     */
    final class ChildData {
        final int pid;
        final dev.kmc.model.mem.Word childIsRunning;

        ChildData(dev.kmc.model.mem.Memory mem, int pid) {
            this.pid = pid;
            this.childIsRunning = mem.word("cd[" + pid + "].child_is_running", 0).cpuPrivate();
        }
    }
}
