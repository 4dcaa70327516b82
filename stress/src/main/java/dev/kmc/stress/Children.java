package dev.kmc.stress;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child processes kmc has started and not yet seen end (check JVMs, JCStress and its forks),
 * so that an interrupted launcher can stop them at once: {@link #stopAll} kills each one with its
 * descendants and refuses new ones from then on. Without it, a child went on for 45 s after the
 * launcher's SIGTERM and wrote into the abandoned results folder.
 */
public final class Children {
    private Children() { }

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean stopping;

    /** Registers a started child; if kmc is already stopping, kills it and throws. */
    public static void register(Process p) {
        LIVE.add(p);
        if (stopping) {
            kill(p);
            throw new IllegalStateException("kmc is stopping: not starting another child");
        }
    }

    public static void unregister(Process p) {
        LIVE.remove(p);
    }

    /** True once {@link #stopAll} ran. */
    public static boolean stopping() {
        return stopping;
    }

    /** Kills every live child and its descendants, forcibly (SIGKILL), and refuses new children. Returns how many were live. */
    public static int stopAll() {
        stopping = true;
        int n = 0;
        for (Process p : LIVE) {
            kill(p);
            n++;
        }
        for (Process p : LIVE) {
            try {
                p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // killed forcibly; nothing more to do
            }
        }
        return n;
    }

    /** Kills {@code p} and the processes it started (JCStress forks its test VMs). */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }
}
