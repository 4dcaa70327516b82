/**
 * kmc's memory layer: every shared access of every port goes through a {@link dev.kmc.model.mem.Cell}
 * under the name of the kernel primitive it stands for, so that a port line reads like the kernel
 * line and one port runs unchanged under three engines.
 *
 * <h2>Kernel primitive → port operation → what it does</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><th>kernel</th><th>port</th><th>direct mode (JCStress, Lincheck)</th></tr>
 * <tr><td>plain {@code x = p->f} / {@code p->f = x}</td><td>{@code f.load()} / {@code f.store(x)}</td><td>opaque get/set</td></tr>
 * <tr><td>{@code READ_ONCE} / {@code WRITE_ONCE}</td><td>{@code readOnce()} / {@code writeOnce(x)}</td><td>opaque get/set</td></tr>
 * <tr><td>{@code local_read} / {@code local_set}</td><td>{@code localRead()} / {@code localSet(x)}</td><td>opaque get/set</td></tr>
 * <tr><td>{@code local_add_return}, {@code local_inc}, {@code local_dec}, {@code local_add}, {@code local_sub}</td>
 *     <td>{@code localAddReturn(d)}, {@code localInc()}, ...</td><td>{@code VarHandle.getAndAdd}</td></tr>
 * <tr><td>{@code local_cmpxchg}, {@code cmpxchg}</td><td>{@code localCmpxchg(o, n)}, {@code cmpxchg(o, n)}</td><td>{@code compareAndExchange}</td></tr>
 * <tr><td>{@code xchg}</td><td>{@code xchg(x)}</td><td>{@code getAndSet}</td></tr>
 * <tr><td>{@code atomic_read/set/inc/dec/add_return/fetch_add}</td><td>{@code atomicRead()}, ...</td><td>opaque / {@code getAndAdd}</td></tr>
 * <tr><td>{@code rcu_dereference} / {@code rcu_assign_pointer}</td><td>{@code rcuDereference()} / {@code rcuAssignPointer(p)}</td><td>acquire get / release set</td></tr>
 * <tr><td>{@code spin_lock}, {@code raw_spin_lock_irqsave}, {@code arch_spin_lock} (+ unlock)</td>
 *     <td>{@link dev.kmc.model.mem.SpinLock} methods of the same names</td><td>CAS 0 → 1 spin / release store 0</td></tr>
 * <tr><td>{@code smp_mb} / {@code smp_wmb} / {@code smp_rmb}</td><td>{@code mem.smpMb()} / ...</td><td>{@code VarHandle.fullFence} / {@code storeStoreFence} / {@code loadLoadFence}</td></tr>
 * <tr><td>{@code goto again} (a retry loop with no state carried)</td><td>{@code mem.again(where)}</td><td>returns; the caller bounds its rounds</td></tr>
 * </table>
 *
 * <h2>Three engines, one port</h2>
 * <ul>
 * <li><b>Direct</b> ({@code new Memory()}): real atomics with the ordering above. JCStress races real threads
 *     on it; Lincheck instruments the {@code VarHandle} accesses and switches threads there.</li>
 * <li><b>Scheduled</b> ({@code new Memory(scheduler)}): each access is handed to a
 *     {@link dev.kmc.model.mem.Scheduler}. kmc's explorer makes each access a scheduling point, performs it
 *     sequentially ({@link dev.kmc.model.mem.Prim#applySequentially}: sequential consistency) and resumes a
 *     CPU mid-operation by re-running the operation from its start, serving the results its earlier
 *     accesses returned. A port operation must therefore be a deterministic function of the values its
 *     accesses return: nothing shared is allocated or changed outside a cell.</li>
 * <li><b>Later: a weaker model.</b> A store-buffer scheduler would buffer the WRITE effects per CPU and drain
 *     them at {@code smp_mb}/{@code smp_wmb}, at read-modify-writes and at lock operations; the ports
 *     already name every barrier and primitive, so they would not change.</li>
 * </ul>
 *
 * <h2>Pointers</h2>
 * A pointer is a word holding the address {@link dev.kmc.model.mem.Memory} gave the object (0 is NULL);
 * cells have addresses too, so {@code struct rcu_head **} is a {@code Ptr<Ptr<RcuHead>>}. A
 * {@link dev.kmc.model.mem.TaggedPtr} keeps flag bits in the low bits, as {@code list_head.next} does in
 * the ring buffer.
 *
 * <h2>Invisible accesses</h2>
 * A cell marked {@link dev.kmc.model.mem.Cell#cpuPrivate()} or {@link dev.kmc.model.mem.Cell#guardedBy}
 * can be touched by one CPU at a time only; the explorer records such an access (it must replay it) but
 * does not make it a scheduling point, and checks the guard is held.
 */
package dev.kmc.model.mem;
