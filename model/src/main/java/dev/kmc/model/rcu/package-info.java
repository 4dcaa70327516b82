/**
 * RCU callback enqueue and the double {@code call_rcu()} (kernel-spec Part B; seed 004: a
 * dst_entry double free on RHEL 7.3 3.10.0-514.21.1.el7), on kmc's memory layer. Two named kernels,
 * behind one switch ({@link dev.kmc.model.rcu.EnqueueGuard}):
 * <ul>
 * <li><b>pre-fix = {@code UNGUARDED}: RHEL 7.3 3.10.0-514.el7</b> (github
 *     Shun-Hao/linux-3.10.0-514.el7 b783267f; the incident's 514.21.1 z-stream delta is unconfirmed),
 *     no CONFIG_DEBUG_OBJECTS_RCU_HEAD: kernel/rcutree.c {@code __call_rcu} (lines 2481-2533),
 *     {@code rcu_do_batch} (2129-2215), kernel/rcu.h {@code __rcu_reclaim} (97-110: calls
 *     {@code head->func(head)}, never clears it).</li>
 * <li><b>guarded = {@code DEBUG_OBJECTS}: Linux v5.15</b> (github unifreq/linux-5.15.y 13205ee54,
 *     SUBLEVEL 0) with CONFIG_DEBUG_OBJECTS_RCU_HEAD=y: kernel/rcu/tree.c {@code __call_rcu}
 *     (2961-3023, leaks a duplicate via {@code rcu_leak_callback}), {@code rcu_do_batch} (2444-2574,
 *     clears {@code ->func} before the call), kernel/rcu/rcu_segcblist.c, kernel/rcu/rcu.h
 *     {@code debug_rcu_head_queue/unqueue} (172-189), kernel/rcu/update.c {@code rcuhead_debug_descr}
 *     (static, no fixups), and lib/debugobjects.c (645-715 {@code debug_object_activate}, 552-608
 *     {@code __debug_object_init}, 723-767 {@code debug_object_deactivate}, 914-955
 *     {@code debug_object_active_state}) as they were before 63a759694eed ("debugobject: Prevent
 *     init race with static objects", v6.4; in 5.15.y from 5.15.111).</li>
 * </ul>
 * The objects are the seed's, as 3.10.0-514 has them on both variants: the link node whose
 * {@code call_rcu} was duplicated ({@link dev.kmc.model.rcu.PeerLink}, an out-of-tree module:
 * inferred from the seed's log) and the route entries queued behind it
 * ({@link dev.kmc.model.rcu.DstEntry}: net/core/dst.c {@code dst_destroy_rcu}/{@code dst_destroy},
 * net/ipv4/route.c {@code ipv4_dst_destroy}, lib/list_debug.c {@code list_del}, and a minimal SLUB
 * freelist, {@link dev.kmc.model.rcu.KmemCache}). Findings: /work/notes/fidelity-rcu.md.
 *
 * <h2>Kernel function -&gt; Java method</h2>
 * <table>
 * <caption>functions</caption>
 * <tr><td>{@code call_rcu} -&gt; {@code __call_rcu}</td><td>{@link dev.kmc.model.rcu.Rcu#callRcu}</td></tr>
 * <tr><td>{@code debug_rcu_head_queue} / {@code debug_rcu_head_unqueue}</td><td>{@code EnqueueGuard.debugRcuHeadQueue} / {@code debugRcuHeadUnqueue}</td></tr>
 * <tr><td>{@code debug_object_activate}, {@code debug_object_init}, {@code debug_object_active_state}, {@code debug_object_deactivate}, {@code debug_print_object}</td><td>{@link dev.kmc.model.rcu.DebugObjects} (same names)</td></tr>
 * <tr><td>{@code rcu_do_batch} (3.10 and v5.15), {@code __rcu_reclaim} (3.10)</td><td>{@link dev.kmc.model.rcu.Rcu#rcuDoBatch}</td></tr>
 * <tr><td>3.10 {@code nxtlist/nxttail[]/qlen}; v5.15 {@code rcu_segcblist_enqueue}, {@code _extract_done_cbs}, {@code _add_len}, {@code _ready_cbs}</td><td>{@link dev.kmc.model.rcu.RcuSegCbList} (v5.15 names)</td></tr>
 * <tr><td>{@code rcu_gp_init}/{@code rcu_gp_cleanup}, {@code note_gp_changes} (minimal)</td><td>{@code Rcu.rcuGpInit}/{@code rcuGpCleanup}, {@code RcuData.noteGpChanges}</td></tr>
 * <tr><td>{@code rcu_leak_callback} (v5.15)</td><td>{@code RcuCallback.RCU_LEAK_CALLBACK} (records a LEAK finding)</td></tr>
 * <tr><td>{@code dst_release} (last ref), {@code dst_destroy_rcu}, {@code dst_destroy}, {@code ipv4_dst_destroy}</td><td>{@link dev.kmc.model.rcu.DstEntry}</td></tr>
 * <tr><td>{@code list_del}, {@code __list_del_entry} (CONFIG_DEBUG_LIST)</td><td>{@code ListHead.listDel}</td></tr>
 * <tr><td>{@code kmem_cache_free}/{@code kmem_cache_alloc} fast paths (SLUB)</td><td>{@code KmemCache}</td></tr>
 * <tr><td>the module's "peer info changed" handler and its call_rcu callback (inferred)</td><td>{@link dev.kmc.model.rcu.PeerLink#peerInfoChanged}, {@code PeerLink.linkRehashRcu}</td></tr>
 * </table>
 *
 * <h2>Kernel primitive -&gt; memory-layer operation</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><td>plain {@code head->func = func; head->next = NULL}, {@code list->next}</td><td>{@code store()} / {@code load()} on the head's cells</td></tr>
 * <tr><td>{@code WRITE_ONCE(*tails[NEXT], rhp)}, 3.10's plain {@code *nxttail[NEXT] = head}</td><td>{@code tails[NEXT].load().writeOnce(addr)} / {@code .store(addr)}: a tail is a pointer to a cell</td></tr>
 * <tr><td>{@code WRITE_ONCE(rhp->func, 0)} (v5.15)</td><td>{@code func.writeOnce(null)}</td></tr>
 * <tr><td>{@code smp_mb(); WRITE_ONCE(len, len + v); smp_mb()}; 3.10 {@code ACCESS_ONCE(qlen)++; smp_mb()}</td><td>{@code mem.smpMb()}, {@code len.writeOnce(len.readOnce() + v)}</td></tr>
 * <tr><td>{@code raw_spin_lock_irqsave(&db->lock)}, {@code spin_lock_bh(&rt_uncached_lock)}</td><td>{@code SpinLock.rawSpinLockIrqsave()}, {@code spinLock()}</td></tr>
 * <tr><td>pointers to the port's objects</td><td>{@code ObjPtr}: a Word holding the address fixed at construction (see its NOTE on Lincheck)</td></tr>
 * <tr><td>{@code WARN}, {@code pr_err}, ODEBUG prints</td><td>a finding, written into the log cells ({@code Rcu.report})</td></tr>
 * </table>
 *
 * <h2>Where the port departs from the kernels, and why</h2>
 * <ul>
 * <li>Threads stand for CPUs; interrupts off is confinement: a CPU's head, tails, seglen and gp_seq
 *     cells are cpuPrivate. The only cross-CPU writes are the bug's, through a shared head.</li>
 * <li>Minimal grace periods (kernel-spec B.3): no rcu_node tree, no quiescent states, no batch limit
 *     (nothing requeued). 3.10 has no {@code seglen[]}; both variants keep them, only v5.15's WARNs
 *     read them.</li>
 * <li>The objects follow 3.10.0-514 on both variants (v5.15's dst code differs, not modelled).
 *     {@code dev_put}, {@code dst_entries_add} and refcounts are left out.</li>
 * <li>SLUB keeps ip_dst_cache's free pointer at offset 0 ({@code rcu_head.next}); the port gives it
 *     its own cell, so a freed entry's next still reads as its RCU link.</li>
 * <li>One debugobjects bucket for every head; no pool, no OOM, no print limit; freeing a dst does
 *     not drop its head's tracker (CONFIG_DEBUG_OBJECTS_FREE).</li>
 * <li>A cyclic done list is cut at the first repeated head (CALLBACK_CYCLE); every walk is bounded.
 *     WARN_ON_ONCE and pr_err report every time. A call through NULL is recorded, not an oops.</li>
 * <li>The model's record (accepted/invoked per head, grace-period ends, the findings log) is cells
 *     named "kmc.", accessed with atomics, so an operation stays a function of its accesses.</li>
 * </ul>
 */
package dev.kmc.model.rcu;
