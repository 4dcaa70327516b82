package dev.kmc.checks.consolekit;

import dev.kmc.model.consolekit.ConsoleKitSubject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The sequential specification of session clean-up, written independently of the port: a plain
 * map cookie -&gt; client and a FIFO of signals, no hash table, no main loop, no scripts. Once a
 * client is gone, its leaders leave the map and are destroyed, each exactly once; no other
 * leader is touched.
 *
 * <p>Which signals one dispatch handles is ConsoleKit's documented behaviour, not an
 * implementation detail: removing a session runs its session_removed scripts, and while a
 * script runs "the main daemon continues serving clients", so every signal already waiting is
 * handled within that dispatch; a signal for a client without sessions is handled alone.
 *
 * <p>Lincheck needs a public no-arg constructor; the sessions are those of
 * {@link ConsoleKitSubject#POPULATION} (its data only).
 */
public class ConsoleKitSpec {
    private final TreeMap<String, String> leaders = new TreeMap<>();   // cookie -> client
    private final ArrayDeque<Integer> ready = new ArrayDeque<>();
    private final List<String> destroyed = new ArrayList<>();

    public ConsoleKitSpec() {
        for (String[] p : ConsoleKitSubject.POPULATION) {
            leaders.put(p[1], p[0]);
        }
    }

    public void nameOwnerChanged(int client) {
        ready.addLast(client);
    }

    public String dispatch() {
        List<String> handled = new ArrayList<>();
        if (ready.isEmpty()) {
            return handled.toString();
        }
        boolean scriptsRan = clientGone(ready.pollFirst(), handled);
        while (scriptsRan && !ready.isEmpty()) {
            clientGone(ready.pollFirst(), handled);
        }
        return handled.toString();
    }

    public String leaders() {
        return new ArrayList<>(leaders.keySet()).toString();
    }

    public String destroyed() {
        List<String> d = new ArrayList<>(destroyed);
        d.sort(null);
        return d.toString();
    }

    /** Removes and destroys the client's leaders; true if it had any (so scripts ran). */
    private boolean clientGone(int client, List<String> handled) {
        String name = ConsoleKitSubject.client(client);
        handled.add(name);
        List<String> mine = new ArrayList<>();
        leaders.forEach((cookie, owner) -> {
            if (owner.equals(name)) mine.add(cookie);
        });
        mine.forEach(leaders::remove);
        destroyed.addAll(mine);
        return !mine.isEmpty();
    }
}
