package dev.kmc.model.systemd;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Hashmap *} from a key to a {@code Unit *} ({@code m->cgroup_unit},
 * {@code m->cgroup_inotify_wd_unit}, {@code m->watch_pids1}) over the model's fixed set of keys:
 * one pointer cell per key, NULL when the key is absent. Only PID 1 touches it.
 */
final class UnitTable<K> {
    private final String name;
    private final List<K> keys;
    private final List<Ptr<Unit>> values = new ArrayList<>();

    UnitTable(Memory mem, String name, List<K> keys) {
        this.name = name;
        this.keys = List.copyOf(keys);
        for (K k : keys) {
            values.add(mem.<Unit>ptr(name + "[" + k + "]", null).cpuPrivate());
        }
    }

    private Ptr<Unit> slot(K key) {
        int i = keys.indexOf(key);
        return i < 0 ? null : values.get(i);
    }

    /** {@code hashmap_get(h, key)}: NULL for a key the model never holds. */
    Unit get(K key) {
        Ptr<Unit> s = slot(key);
        return s == null ? null : s.load();
    }


    /** {@code hashmap_remove(h, key)}. */
    void remove(K key) {
        Ptr<Unit> s = slot(key);
        if (s != null) {
            s.store(null);
        }
    }

    /** {@code hashmap_remove_value(h, key, u)}: removes the entry only if it maps to {@code u}. */
    void removeValue(K key, Unit u) {
        Ptr<Unit> s = slot(key);
        if (s != null && s.load() == u) {
            s.store(null);
        }
    }

    /** Sets an entry without scheduling: building the initial state only. */
    void poke(K key, Unit u) { slot(key).pokePtr(u); }

    /** {@code hashmap_get} without scheduling (printers, tests). */
    Unit peek(K key) {
        Ptr<Unit> s = slot(key);
        return s == null ? null : s.peekPtr();
    }

    /** Every present entry, without scheduling (printers, invariants). */
    List<Object[]> peekEntries() {
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Unit u = values.get(i).peekPtr();
            if (u != null) {
                out.add(new Object[] {keys.get(i), u});
            }
        }
        return out;
    }

    /** The table as data: {@code name}, {@code entries} (each {@code key}, {@code unit}, {@code freed}); no scheduling. */
    java.util.Map<String, Object> data() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("name", name);
        List<Object> entries = new ArrayList<>();
        for (Object[] e : peekEntries()) {
            Unit u = (Unit) e[1];
            entries.add(java.util.Map.of("key", String.valueOf(e[0]), "unit", u.id, "freed", u.freed()));
        }
        d.put("entries", entries);
        return d;
    }

    /** {@link #data()} as the printer shows it: "watch_pids1: {4242 -> session-2.scope (FREED)}". */
    @SuppressWarnings("unchecked")
    static String show(java.util.Map<String, Object> d) {
        StringBuilder sb = new StringBuilder(String.valueOf(d.get("name"))).append(": {");
        for (Object o : (List<Object>) d.get("entries")) {
            java.util.Map<String, Object> e = (java.util.Map<String, Object>) o;
            sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ").append(e.get("key")).append(" -> ").append(e.get("unit"))
                    .append((Boolean) e.get("freed") ? " (FREED)" : "");
        }
        return sb.append('}').toString();
    }

    String show() {
        StringBuilder sb = new StringBuilder(name).append(": {");
        for (Object[] e : peekEntries()) {
            Unit u = (Unit) e[1];
            sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ").append(e[0]).append(" -> ").append(u.id)
                    .append(u.freed() ? " (FREED)" : "");
        }
        return sb.append('}').toString();
    }
}
