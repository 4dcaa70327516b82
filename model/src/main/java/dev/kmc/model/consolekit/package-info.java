/**
 * ConsoleKit2's recursive session deletion (kernel-spec Part C, item C1; ConsoleKit2 issue #80,
 * "recursive session deletion corrupts memory"), ported from ConsoleKit2 git master at
 * cfcc3843ba07901b936690350022fc2e04656ea8, the parent of the fix and 22 commits after tag 1.1.0
 * ({@code src/ck-manager.c}, {@code src/ck-seat.c}, {@code src/ck-run-programs.c}; the seed's
 * line numbers, ck-manager.c 3280/3436/3455/3491, match this commit and not 1.1.0, whose
 * removal path is otherwise the same), on GLib 2.46.2 (tag commit
 * 63beebb31ea7aef56478928ea47c21a338c3a999, {@code glib/ghash.c}; the incident ran Gentoo's
 * dev-libs/glib-2.46.2-r3, and 2.48.2's ghash.c has the same code), and the same code with the
 * fix 9dc77de4f393cd1f3cfa9ef875d6d2c390c645bc ("fix memory corruption due to delete session
 * recursively", PR #81, released in 1.1.1). The variants differ only in
 * {@link dev.kmc.model.consolekit.RemovalStrategy}.
 *
 * <p>The incident: when a D-Bus client disconnects, {@code on_name_owner_notify} calls
 * {@code remove_sessions_for_connection}, which runs {@code g_hash_table_foreach_remove} over
 * the {@code leaders} table. Its callback removes the leader's session, which runs the
 * session_removed scripts, and {@code ck_run_programs} spins the main loop until each script
 * exits. That nested loop dispatches whatever else is ready, such as another client's
 * NameOwnerChanged, whose handler iterates and changes the same table, and may shrink it
 * (new arrays, every entry rehashed). When the outer callback returns TRUE,
 * {@code g_hash_table_remove_node} removes slot {@code i} of the <em>new</em> arrays: another
 * client's leader, an empty slot (destroy notifiers on NULL, nnodes one too low) or a slot past
 * the end. The version check that follows ends the loop (GLib-CRITICAL), leaving the client's
 * other leaders in the table. A second signal for the same client (the bus sends one per name
 * the client owned, all with the same old owner) makes the nested handler destroy the very
 * leader and session the outer callback is still working on: use after free and double free.
 * The fix steals the matching entries first and does the removal work after the iteration.
 *
 * <p>The 100% CPU of the incident: a stale {@code g_hash_table_remove_node} on an UNUSED slot
 * erects a tombstone without {@code noccupied++}, and on an UNUSED or TOMBSTONE slot (or past
 * the end) drops {@code nnodes} below the REAL slots; {@code g_hash_table_resize} then copies
 * the low {@code nnodes} into {@code noccupied}. Nothing ever recounts. With {@code noccupied}
 * one low, an 8- or 16-slot table's grow test ({@code size <= noccupied + noccupied / 16})
 * first fires one insert too late, so ordinary logins fill its last UNUSED slot. The next login's
 * {@code generate_session_cookie} looks its new cookie up ({@code g_hash_table_lookup}), and
 * {@code g_hash_table_lookup_node}, which stops only at the key or an UNUSED slot, probes
 * forever: the daemon's only thread spins and every later D-Bus call (ssh logins through
 * pam_ck_connector) waits. {@link dev.kmc.model.consolekit.ConsoleKitSubject#login} drives it;
 * the port stops after one full pass of the probe (which has then provably no exit) and reports
 * DEADLOOP.
 *
 * <h2>Source function -&gt; Java method</h2>
 * <table>
 * <caption>functions</caption>
 * <tr><td>{@code g_hash_table_new_full}</td><td>{@code new GHashTable(name, heap, keyDestroy, valueDestroy)}</td></tr>
 * <tr><td>{@code g_hash_table_insert} (-&gt; {@code _insert_internal}, {@code _insert_node})</td><td>{@link dev.kmc.model.consolekit.GHashTable#gHashTableInsert}</td></tr>
 * <tr><td>{@code g_hash_table_lookup}, {@code g_hash_table_lookup_extended}, {@code g_hash_table_steal}</td><td>{@code gHashTableLookup}, {@code gHashTableLookupExtended}, {@code gHashTableSteal}</td></tr>
 * <tr><td>{@code g_hash_table_foreach_remove}, {@code g_hash_table_foreach_steal}, {@code g_hash_table_foreach_remove_or_steal}</td><td>{@code gHashTableForeachRemove}, {@code gHashTableForeachSteal}, {@code gHashTableForeachRemoveOrSteal}</td></tr>
 * <tr><td>{@code g_hash_table_lookup_node}, {@code g_hash_table_remove_node}</td><td>{@code gHashTableLookupNode}, {@code gHashTableRemoveNode}</td></tr>
 * <tr><td>{@code g_hash_table_maybe_resize}, {@code g_hash_table_resize}, {@code g_hash_table_set_shift(_from_size)}, {@code g_hash_table_find_closest_shift}</td><td>{@code gHashTableMaybeResize}, {@code gHashTableResize}, {@code gHashTableSetShift(FromSize)}, {@code gHashTableFindClosestShift}</td></tr>
 * <tr><td>{@code g_str_hash}</td><td>{@link dev.kmc.model.consolekit.GHashTable#gStrHash}</td></tr>
 * <tr><td>{@code g_ptr_array_remove_index_fast} (with a free func)</td><td>{@code RemovalStrategy.gPtrArrayRemoveIndexFast}</td></tr>
 * <tr><td>{@code g_main_context_iteration}; a source becoming ready</td><td>{@link dev.kmc.model.consolekit.GMainContext#gMainContextIteration}; {@link dev.kmc.model.consolekit.GMainContext#post}</td></tr>
 * <tr><td>{@code on_name_owner_notify}</td><td>{@code CkManager.onNameOwnerNotify}</td></tr>
 * <tr><td>{@code remove_sessions_for_connection}, {@code remove_leader_for_connection}, {@code destroy_entity}</td><td>{@code RemovalStrategy.removeSessionsForConnection} (one body per variant, the callback inside it), {@code destroyEntity}</td></tr>
 * <tr><td>{@code remove_session_for_cookie}</td><td>{@code CkManager.removeSessionForCookie} (9dc77de's signature; pre-fix passes NULL)</td></tr>
 * <tr><td>{@code create_session_for_sender} + {@code add_new_session_for_leader}</td><td>{@link dev.kmc.model.consolekit.CkManager#openSession} (before a scenario)</td></tr>
 * <tr><td>{@code create_session_for_sender} with {@code generate_session_cookie}, {@code generate_session_id} (a login during the scenario)</td><td>{@link dev.kmc.model.consolekit.CkManager#createSessionForSender}</td></tr>
 * <tr><td>{@code ck_seat_add_session}, {@code ck_seat_remove_session}</td><td>{@code CkSeat.ckSeatAddSession}, {@code ckSeatRemoveSession}</td></tr>
 * <tr><td>{@code on_seat_session_removed_full} -&gt; {@code ck_session_run_programs} -&gt; {@code ck_run_programs}; {@code _child_watch}</td><td>{@code CkManager.onSeatSessionRemovedFull} -&gt; {@code ckRunPrograms}; {@code CkManager.dispatch} of a {@code ChildExited}</td></tr>
 * <tr><td>{@code ck_session_leader_peek_service_name}, {@code _peek_session_id}, {@code _cancel}</td><td>{@code CkSessionLeader.ckSessionLeaderPeekServiceName}, ...</td></tr>
 * </table>
 *
 * <h2>Primitive -&gt; Java operation</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><td>{@code g_strdup} / {@code g_free}</td><td>{@link dev.kmc.model.consolekit.Heap#gStrdup} / {@link dev.kmc.model.consolekit.Heap#gFree}: a {@code CString} flagged freed; a second free is a {@code DoubleFree}</td></tr>
 * <tr><td>{@code g_object_ref} / {@code g_object_unref} (finalize at 0)</td><td>{@code Heap.gObjectRef} / {@code Heap.gObjectUnref}: a plain refcount (main-loop thread only); NULL is the GObject-CRITICAL, a finalized object a {@code UseAfterFree}</td></tr>
 * <tr><td>{@code g_return_val_if_fail (version == hash_table->version, 0)}</td><td>a {@code VersionChanged} finding, then {@code return 0}</td></tr>
 * <tr><td>a write past the end of a {@code g_new0} array</td><td>an {@code OutOfBounds} finding; only the in-bounds write is made</td></tr>
 * <tr><td>{@code guint} hashes and indices</td><td>{@code int} with {@code Integer.remainderUnsigned} / {@code compareUnsigned}</td></tr>
 * <tr><td>{@code LOCK_CONTEXT} around a context's ready list</td><td>{@code synchronized} on the {@code GMainContext}</td></tr>
 * <tr><td>GDBus's worker thread handing a signal to the subscriber's context</td><td>{@code GMainContext.post} from any thread</td></tr>
 * </table>
 *
 * <h2>The single-thread model, and where threads come in</h2>
 * The daemon runs one GLib main loop on one thread, and the corruption is re-entrancy on that
 * thread: a handler running inside another handler's iteration. The port keeps it that way:
 * every table, object and handler belongs to the main-loop thread, and the re-entry is the
 * nested {@link dev.kmc.model.consolekit.GMainContext#gMainContextIteration} in
 * {@code ck_run_programs}, which dispatches another queued NameOwnerChanged. A check sees the
 * main loop as operations: {@code dispatch()} is one top-level iteration, the nested ones run
 * inside it. The only other thread is real too: GDBus reads the bus on its worker thread and
 * makes each signal ready on the daemon's context, so a signal can arrive while a removal is
 * under way. {@code post} is the one thread-safe operation, and whether a signal lands before
 * or after a script's exit decides whether it is dispatched nested. That is what Lincheck's
 * second thread and the JCStress producer race.
 *
 * <h2>Where the port departs from the sources, and why</h2>
 * <ul>
 * <li>Only what the removal path touches: no D-Bus method calls (OpenSession, CloseSession),
 *     no polkit, event log, idle hint, runtime directories, seat switching or dynamic seats;
 *     one static seat. Sessions are opened before a scenario, without their session_added
 *     scripts.</li>
 * <li>run-session.d holds one script, which exits as soon as it is spawned: its child watch
 *     becomes ready behind every source already ready. A slower script lets more in first;
 *     the timeout source of ck_run_programs never fires.</li>
 * <li>The main loop is a FIFO of ready sources with no priorities and no polling; a blocking
 *     iteration with nothing ready cannot happen (each script's exit is queued when it is
 *     spawned), and throws if it did.</li>
 * <li>GLib is built as distributions build a stable release ({@code --enable-debug=minimum}):
 *     {@code version} and its check are compiled in. Built with {@code G_DISABLE_ASSERT}, the
 *     check is gone and the outer loop would go on over the new arrays; not modelled.</li>
 * <li>Keys and values always have separate arrays (GLib shares one array while a table is used
 *     as a set: a memory optimisation with no effect on indices).</li>
 * <li>Memory is garbage-collected: a freed string or finalized object is flagged, never reused,
 *     so a later use reads the old fields and is reported. What C reads past the end of an
 *     array is not modelled: the destroy notifiers are not called on it.</li>
 * <li>Probe loops that GLib runs until it finds an UNUSED slot stop after one pass over the
 *     table (every slot probed once, none UNUSED: GLib's loop has no exit left), record
 *     {@code ProbesForever} and throw {@code GHashTable.DeadLoop}: the operation never returns,
 *     and the subject reports it, and every later operation, as DEADLOOP.
 *     {@code g_hash_table_find_closest_shift} of a negative size (reachable only with nnodes
 *     below 0) does the same after 32 shifts. Every loop in the model is bounded.</li>
 * <li>A login ({@code create_session_for_sender}) runs at once on the main loop: the
 *     collect-session-info job completes immediately and the session_added scripts are not run.
 *     The random cookie is a two-character name never used before.</li>
 * </ul>
 */
package dev.kmc.model.consolekit;
