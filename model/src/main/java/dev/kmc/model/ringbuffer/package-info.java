/**
 * Port of the Linux tracing ring buffer's per-CPU lockless buffer,
 * {@code kernel/trace/ring_buffer.c} as of v5.13, and the same code with commit
 * 67f0d6d9883c ("tracing: Fix bug in rb_per_cpu_empty() that might cause deadloop.", merged
 * for v5.14-rc3). The two variants differ only in the body of {@code rb_per_cpu_empty()},
 * chosen by {@link dev.kmc.model.ringbuffer.EmptyCheck}. Facts: kernel-spec.md part A.
 *
 * <h2>Kernel function → Java method</h2>
 * <table>
 * <caption>functions</caption>
 * <tr><td>ring_buffer_lock_reserve / rb_reserve_next_event</td><td>RingBufferPerCpu.ringBufferLockReserve / rbReserveNextEvent</td></tr>
 * <tr><td>__rb_reserve_next</td><td>rbReserveNext</td></tr>
 * <tr><td>rb_move_tail, rb_tail_page_update, rb_handle_head_page, rb_reset_tail</td><td>rbMoveTail, rbTailPageUpdate, rbHandleHeadPage, rbResetTail</td></tr>
 * <tr><td>rb_start_commit, rb_end_commit, rb_set_commit_to_write, rb_commit</td><td>rbStartCommit, rbEndCommit, rbSetCommitToWrite, rbCommit</td></tr>
 * <tr><td>ring_buffer_unlock_commit, ring_buffer_write</td><td>ringBufferUnlockCommit, ringBufferWrite</td></tr>
 * <tr><td>ring_buffer_discard_commit, rb_decrement_entry, rb_try_to_discard</td><td>ringBufferDiscardCommit, rbDecrementEntry, rbTryToDiscard</td></tr>
 * <tr><td>rb_head_page_set(_update/_head/_normal), rb_is_head_page, rb_is_reader_page, rb_set_head_page, rb_head_page_replace</td><td>rbHeadPageSet..., rbIsHeadPage, rbIsReaderPage, rbSetHeadPage, rbHeadPageReplace</td></tr>
 * <tr><td>rb_get_reader_page, rb_advance_reader, rb_buffer_peek</td><td>rbGetReaderPage, rbAdvanceReader, rbBufferPeek</td></tr>
 * <tr><td>ring_buffer_peek, ring_buffer_consume, ring_buffer_empty_cpu</td><td>ringBufferPeek, ringBufferConsume, ringBufferEmptyCpu</td></tr>
 * <tr><td>rb_per_cpu_empty, rb_num_of_entries</td><td>rbPerCpuEmpty, rbNumOfEntries</td></tr>
 * <tr><td>tracing_read_pipe's waitagain loop (kernel/trace/trace.c)</td><td>TracePipe.tracingReadPipe</td></tr>
 * </table>
 *
 * <h2>Kernel primitive → Java operation</h2>
 * <table>
 * <caption>primitives</caption>
 * <tr><td>local_add_return, local_inc, local_dec, local_add, local_sub</td><td>AtomicLong.addAndGet / incrementAndGet / decrementAndGet</td></tr>
 * <tr><td>local_cmpxchg (write, entries)</td><td>AtomicLong.compareAndSet</td></tr>
 * <tr><td>cmpxchg(&amp;cpu_buffer-&gt;tail_page)</td><td>AtomicReference.compareAndSet</td></tr>
 * <tr><td>cmpxchg on a flagged list_head.next</td><td>RingBufferPerCpu.cmpxchgLink: a value compare-and-swap of an immutable Link(page, flag)</td></tr>
 * <tr><td>local_set / local_read of page-&gt;commit, READ_ONCE(tail_page), commit_page, reader_page</td><td>volatile store / load</td></tr>
 * <tr><td>smp_mb()</td><td>VarHandle.fullFence()</td></tr>
 * <tr><td>barrier()</td><td>nothing: a compiler barrier between a writer and its own interrupts, which are nested calls here</td></tr>
 * <tr><td>reader_lock (raw spinlock, irqs off), cpu_buffer-&gt;lock (arch spinlock)</td><td>synchronized (readerLock), synchronized (lock)</td></tr>
 * <tr><td>plain stores of event headers in data[]</td><td>plain array stores, published by the volatile commit</td></tr>
 * <tr><td>RB_WARN_ON</td><td>rbWarnOn: counted and kept (firstWarning), never thrown</td></tr>
 * </table>
 *
 * <h2>Where the port departs from the kernel, and why</h2>
 * <ul>
 * <li>Threads stand for CPUs: one writer thread per buffer; readers on any thread.</li>
 * <li>Interrupts are nested calls on the writer's thread: between API calls, or from an
 *     {@link dev.kmc.model.ringbuffer.InterruptHook} at marked points inside a step.</li>
 * <li>Event lengths are whole model units (slots, or bytes with the kernel's 4080-byte page);
 *     the header and alignment arithmetic of rb_calculate_event_length is left out.</li>
 * <li>No timestamps: time-extend events, before_stamp/write_stamp and the 5.x write_stamp
 *     cmpxchg that can block a discard are left out; a discard of the last reservation always
 *     reclaims. Statistics that no predicate reads (pages_touched, pages_read, read_bytes) too.</li>
 * <li>Memory is garbage-collected: a data page's events are objects; ring_buffer_read_page,
 *     resize and reset are not modelled.</li>
 * <li>Loops the kernel leaves unbounded (the reader's head-replace spin, peek/consume stepping
 *     over padding) have a large bound that raises an RB_WARN_ON, so nothing can hang.</li>
 * </ul>
 */
package dev.kmc.model.ringbuffer;
