package dev.kmc.model.consolekit;

import java.util.ArrayList;
import java.util.List;

/**
 * The one place where the two variants differ: the body of {@code remove_sessions_for_connection()}
 * and of its foreach callback {@code remove_leader_for_connection()} (src/ck-manager.c).
 * Everything else is shared, including {@link CkManager#removeSessionForCookie} in the fix's form,
 * whose {@code leader} parameter the pre-fix callers pass as NULL (exactly the 1.1.0 body).
 */
public enum RemovalStrategy {
    /**
     * ConsoleKit2 1.1.0 up to cfcc384 (the port's base): g_hash_table_foreach_remove, and the callback does
     * the removal work itself, which runs the session_removed scripts and so the main loop,
     * inside the iteration.
     */
    FOREACH_REMOVE_1_1_0("pre-fix ConsoleKit2 1.1.0: g_hash_table_foreach_remove") {
        @Override
        void removeSessionsForConnection(CkManager manager, String serviceName) {
            manager.leaders.gHashTableForeachRemove((cookie, leader) -> {    // remove_leader_for_connection
                String name = leader.ckSessionLeaderPeekServiceName(manager.heap);
                if (name.equals(serviceName)) {
                    manager.removeSessionForCookie(cookie, null);          // may dispatch other events: re-entrancy
                    leader.ckSessionLeaderCancel(manager.heap);
                    return true;                                          // the caller removes node i and destroys key and value
                }
                return false;
            });
        }
    },
    /**
     * 9dc77de (ConsoleKit2 1.1.1, PR #81): collect-then-act. g_hash_table_foreach_steal takes the
     * matching entries out (no destroy notifiers) and the callback only records them; the removal
     * work and the frees (destroy_entity) run after the iteration has ended.
     */
    FOREACH_STEAL_9DC77DE("fixed 9dc77de: g_hash_table_foreach_steal, then destroy_entity") {
        @Override
        void removeSessionsForConnection(CkManager manager, String serviceName) {
            List<RemoveEntity> entities = new ArrayList<>();              // g_ptr_array_new_with_free_func (destroy_entity)
            int n = manager.leaders.gHashTableForeachSteal((cookie, leader) -> {   // remove_leader_for_connection
                String name = leader.ckSessionLeaderPeekServiceName(manager.heap);
                if (name.equals(serviceName)) {
                    entities.add(new RemoveEntity(cookie, leader));       // g_malloc'd RemoveEntity, g_ptr_array_add
                    return true;
                }
                return false;
            });
            while (n-- > 0) {
                gPtrArrayRemoveIndexFast(entities, 0, e -> destroyEntity(manager, e));
            }
            // g_assert (data.entities->len == 0); g_ptr_array_free (data.entities, TRUE)
        }

        /** destroy_entity: the removal work, then the frees the destroy notifiers would have done. */
        private void destroyEntity(CkManager manager, RemoveEntity ent) {
            manager.removeSessionForCookie(ent.cookie(), ent.leader());   // may dispatch other events: the table is no longer iterated
            ent.leader().ckSessionLeaderCancel(manager.heap);
            manager.heap.gFree(ent.cookie());
            manager.heap.gObjectUnref(ent.leader(), "destroy_entity");
        }
    };

    /** 9dc77de's RemoveEntity (its manager field is the receiver here). */
    record RemoveEntity(CString cookie, CkSessionLeader leader) { }

    /** g_ptr_array_remove_index_fast with a free func: free element i, move the last one into its place. */
    static <E> void gPtrArrayRemoveIndexFast(List<E> array, int i, java.util.function.Consumer<E> elementFreeFunc) {
        elementFreeFunc.accept(array.get(i));
        int last = array.size() - 1;
        if (i != last) {
            array.set(i, array.get(last));
        }
        array.remove(last);
    }

    private final String label;

    RemovalStrategy(String label) {
        this.label = label;
    }

    public String label() { return label; }

    /** remove_sessions_for_connection(manager, service_name), called by on_name_owner_notify. */
    abstract void removeSessionsForConnection(CkManager manager, String serviceName);
}
