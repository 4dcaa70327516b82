/**
 * RCU callback enqueue and the double {@code call_rcu()} (kernel-spec Part B), ported from
 * Linux about v5.15: {@code kernel/rcu/tree.c} ({@code __call_rcu}, {@code rcu_do_batch},
 * {@code note_gp_changes}), {@code kernel/rcu/rcu_segcblist.c} and
 * {@code include/linux/rcu_segcblist.h} (the segmented list), {@code kernel/rcu/rcu.h}
 * ({@code debug_rcu_head_queue/unqueue}), {@code lib/debugobjects.c}
 * ({@code debug_object_activate}) and {@code net/core/dst.c} ({@code dst_destroy_rcu}).
 *
 * <p>The incident: a link's "peer info changed" handler released the same route entry on two
 * CPUs, so one {@code rcu_head} was queued on two CPUs' lists at once. Its single {@code next}
 * field became a tail cell of both lists: callbacks were invoked twice, others never, and
 * {@code dst_destroy_rcu} ran on freed memory. The variants differ in one place,
 * {@link dev.kmc.model.rcu.EnqueueGuard}: {@code UNGUARDED} (no
 * {@code CONFIG_DEBUG_OBJECTS_RCU_HEAD}, as in the incident) and {@code DEBUG_OBJECTS}, which
 * rejects the duplicate, reports "Double-freed CB" and leaks the object instead.
 *
 * <h2>Kernel function -&gt; Java method</h2>
 * <table>
 * <caption>functions</caption>
 * <tr><td>{@code call_rcu} -&gt; {@code __call_rcu}</td><td>{@link dev.kmc.model.rcu.Rcu#callRcu}</td></tr>
 * <tr><td>{@code debug_rcu_head_queue} / {@code debug_rcu_head_unqueue}</td><td>{@code EnqueueGuard.debugRcuHeadQueue} / {@code debugRcuHeadUnqueue}</td></tr>
 * <tr><td>{@code rcu_core} -&gt; {@code rcu_do_batch}</td><td>{@link dev.kmc.model.rcu.Rcu#rcuDoBatch}</td></tr>
 * <tr><td>{@code rcu_gp_init} / {@code rcu_gp_cleanup} ({@code rcu_seq_start} / {@code rcu_seq_end})</td><td>{@link dev.kmc.model.rcu.Rcu#rcuGpInit} / {@link dev.kmc.model.rcu.Rcu#rcuGpCleanup}; both: {@link dev.kmc.model.rcu.Rcu#gracePeriod}</td></tr>
 * <tr><td>{@code note_gp_changes} -&gt; {@code __note_gp_changes}</td><td>{@code RcuData.noteGpChanges}</td></tr>
 * <tr><td>{@code rcu_segcblist_enqueue}</td><td>{@code RcuSegCbList.rcuSegcblistEnqueue}</td></tr>
 * <tr><td>{@code rcu_segcblist_extract_done_cbs}</td><td>{@code RcuSegCbList.rcuSegcblistExtractDoneCbs}</td></tr>
 * <tr><td>{@code rcu_segcblist_accelerate} / {@code rcu_segcblist_advance} (minimal)</td><td>{@code RcuSegCbList.rcuSegcblistAccelerate} / {@code rcuSegcblistAdvance}</td></tr>
 * <tr><td>{@code rcu_segcblist_add_len}, {@code _ready_cbs}, {@code _empty}, {@code _n_cbs}, {@code _n_segment_cbs}</td><td>{@code RcuSegCbList.rcuSegcblistAddLen}, ... (same names)</td></tr>
 * <tr><td>{@code rcu_cblist_dequeue}</td><td>{@code RcuCbList.rcuCblistDequeue}</td></tr>
 * <tr><td>{@code rcu_leak_callback}</td><td>the Rcu's leak callback (records a {@code Leak})</td></tr>
 * <tr><td>{@code dst_release} (last reference), {@code dst_destroy_rcu}</td><td>{@link dev.kmc.model.rcu.DstEntry#dstRelease}, {@code DstEntry.dstDestroyRcu}</td></tr>
 * </table>
 *
 * <h2>Kernel primitive -&gt; Java operation</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><td>plain stores to {@code rcu_head} fields ({@code head->func = func; head->next = NULL})</td><td>volatile stores: {@code RcuHead.next} and {@code func} are volatile so that two CPUs sharing a head is a JMM-defined race (stronger than the kernel)</td></tr>
 * <tr><td>{@code WRITE_ONCE(*tails[NEXT], rhp)}, {@code WRITE_ONCE(rsclp->head, ...)}</td><td>{@link dev.kmc.model.rcu.NextCell#set}: a volatile store</td></tr>
 * <tr><td>{@code WRITE_ONCE(rhp->func, 0)}</td><td>volatile store of {@code null}</td></tr>
 * <tr><td>{@code WRITE_ONCE(rsclp->tails[i], ...)}, {@code seglen[]} updates</td><td>plain stores: only the owning CPU's thread reads them (NOTE in {@code RcuSegCbList})</td></tr>
 * <tr><td>{@code smp_mb(); WRITE_ONCE(len, len + v); smp_mb()}</td><td>{@code VarHandle.fullFence()}; volatile store; {@code VarHandle.fullFence()}</td></tr>
 * <tr><td>{@code rcu_seq_start} / {@code rcu_seq_end} on {@code rcu_state.gp_seq}; {@code READ_ONCE(rcu_state.gp_seq)}</td><td>volatile store / volatile load</td></tr>
 * <tr><td>{@code debug_object_activate} + active state READY-&gt;QUEUED, under the bucket raw spinlock</td><td>{@code AtomicInteger.compareAndSet(IDLE, QUEUED)}</td></tr>
 * <tr><td>active state QUEUED-&gt;READY + {@code debug_object_deactivate}</td><td>{@code AtomicInteger.set(IDLE)}</td></tr>
 * <tr><td>{@code local_irq_save} / {@code local_irq_restore}, {@code rcu_nocb_lock}</td><td>nothing: each CPU's list is confined to that CPU's thread</td></tr>
 * <tr><td>{@code container_of(rhp, struct dst_entry, rcu_head)}</td><td>{@link dev.kmc.model.rcu.RcuHead#container()}</td></tr>
 * <tr><td>{@code f(rhp)} with {@code f == NULL}</td><td>a {@code NullCallbackInvocation} finding, no call</td></tr>
 * <tr><td>{@code kmem_cache_free} of a freed object (SLUB/KASAN report)</td><td>{@code AtomicBoolean.getAndSet(true)} on the entry; a {@code DoubleFree} finding</td></tr>
 * <tr><td>{@code WARN_ON_ONCE}, {@code pr_err}</td><td>a finding ({@code Warn}, {@code DoubleCallRcu}), recorded every time</td></tr>
 * </table>
 *
 * <h2>Where the port departs from the kernel, and why</h2>
 * <ul>
 * <li>Threads stand for CPUs. Interrupts off is confinement: CPU c's list is only touched by
 *     CPU c's thread, which runs callRcu(c, ...) and rcuDoBatch(c) one at a time. The only
 *     cross-CPU writes are those of the bug, through a shared head.</li>
 * <li>Minimal grace periods (kernel-spec B.3): no rcu_node tree, no quiescent states, no
 *     gp_seq[] per segment. gp_seq counts starts and ends (odd: in progress, no 2-bit state
 *     field); each CPU catches up in note_gp_changes before it next touches its list, snapshotting
 *     tails[NEXT] as the WAIT tail for a GP start and moving it to DONE for a GP end.</li>
 * <li>Memory is garbage-collected: a freed object is flagged, not reused, so a second
 *     traversal reads the same stale fields every time, and a double free is reported instead of
 *     corrupting the slab. A call through NULL is recorded instead of oopsing.</li>
 * <li>No NOCB (offloaded callbacks, bypass list, atomic len), no batch or time limit in
 *     rcu_do_batch (so no requeue), no lazy callbacks, no CPU hotplug, no dst refcount.</li>
 * <li>A cyclic done list, which the kernel would walk forever, is cut at the first repeated
 *     head and reported ({@code CallbackCycle}); every list walk in the model is bounded.</li>
 * <li>The "Double-freed CB" message is not rate-limited to 3, and WARN_ON_ONCE fires every
 *     time: findings keep no state that would change what is reported later.</li>
 * </ul>
 */
package dev.kmc.model.rcu;
