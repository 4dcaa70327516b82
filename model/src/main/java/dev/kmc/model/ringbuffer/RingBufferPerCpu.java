package dev.kmc.model.ringbuffer;

import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_HEAD;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_MOVED;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_NORMAL;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_UPDATE;
import static dev.kmc.model.ringbuffer.RbLayout.RB_WRITE_INTCNT;
import static dev.kmc.model.ringbuffer.RbLayout.RB_WRITE_MASK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code struct ring_buffer_per_cpu} of {@code kernel/trace/ring_buffer.c} at v5.13, with its
 * writer path (reserve, commit, discard) and its consuming reader path (get reader page,
 * advance, peek, consume, both emptiness predicates).
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>One writer per CPU: the writer methods are called from one thread only. Interrupts are
 *     nested calls on that thread, either between API calls (reserve, then an interrupt's
 *     reserve/commit, then the outer commit) or from an {@link InterruptHook} inside a step.</li>
 * <li>Readers run on any thread and hold {@link #readerLock} (R-lock) for a whole operation;
 *     {@code rb_get_reader_page} also takes {@link #lock} ({@code cpu_buffer->lock}).
 *     Readers and the writer meet only through atomics.</li>
 * <li>Invariants (kernel-spec A.9, at writer quiescence): entries - overrun - read &gt;= 0; commit
 *     never passes tail; exactly one flagged link; the reader page is unreachable from the ring;
 *     commit(p) &lt;= write(p) &lt;= page size; reader.read &lt;= commit(reader). See
 *     {@link RingBufferInvariants}.</li>
 * <li>Non-invariant: {@code read} of a page in the ring is stale. v5.13's {@code rb_per_cpu_empty}
 *     trusts it when commit == head; that is the bug (see {@link EmptyCheck}).</li>
 * </ul>
 */
public final class RingBufferPerCpu {

    private final Geometry geometry;
    private final EmptyCheck emptyCheck;
    private final InterruptHook hook;
    /** Ring pages P0..Pn-1, then the initial reader page R: for copying and printing only. */
    private final BufferPage[] allPages;

    // ---- writer side (this CPU) --------------------------------------------------------------
    /** tail_page: the page the writer reserves on. cmpxchg by the writer, READ_ONCE by everyone. */
    final AtomicReference<BufferPage> tailPage = new AtomicReference<>();
    /** commit_page: the page holding the last committed byte. Written only by the outermost committer. */
    volatile BufferPage commitPage;
    final AtomicLong entries = new AtomicLong();        // events ever committed
    final AtomicLong overrun = new AtomicLong();        // events lost to overwrite
    final AtomicLong commitOverrun = new AtomicLong();
    final AtomicLong droppedEvents = new AtomicLong();
    final AtomicLong committing = new AtomicLong();     // nesting depth inside reserve..commit
    final AtomicLong commits = new AtomicLong();        // reserve starts
    final AtomicLong entriesBytes = new AtomicLong();

    // ---- reader side (under readerLock) -------------------------------------------------------
    /** reader_page: owned by the reader, not in the ring. Read by the writer. */
    volatile BufferPage readerPage;
    /** head_page: the reader's cached hint; the authority is the flagged link. */
    BufferPage headPage;
    /** pages: some page of the ring (anchor). */
    BufferPage pages;
    long read;            // data events consumed
    long lostEvents;
    long lastOverrun;

    /** cpu_buffer->reader_lock (a raw spinlock taken with interrupts off). */
    final Object readerLock = new Object();
    /** cpu_buffer->lock (arch spinlock), taken inside readerLock by rb_get_reader_page. */
    final Object lock = new Object();

    private final AtomicInteger warnings = new AtomicInteger();
    private volatile String firstWarning;

    public RingBufferPerCpu(Geometry geometry, EmptyCheck emptyCheck) {
        this(geometry, emptyCheck, InterruptHook.NONE);
    }

    /** rb_allocate_cpu_buffer + rb_allocate_pages + rb_head_page_activate. */
    public RingBufferPerCpu(Geometry geometry, EmptyCheck emptyCheck, InterruptHook hook) {
        this.geometry = geometry;
        this.emptyCheck = emptyCheck;
        this.hook = hook;
        int n = geometry.ringPages();
        allPages = new BufferPage[n + 1];
        for (int i = 0; i < n; i++) allPages[i] = new BufferPage("P" + i, geometry.pageSize());
        BufferPage r = new BufferPage("R", geometry.pageSize());
        allPages[n] = r;
        for (int i = 0; i < n; i++) {
            allPages[i].next.set(new Link(allPages[(i + 1) % n], RB_PAGE_NORMAL));
            allPages[i].prev = allPages[(i + n - 1) % n];
        }
        r.next.set(new Link(r, RB_PAGE_NORMAL));   // INIT_LIST_HEAD(&reader_page->list)
        r.prev = r;
        readerPage = r;
        pages = allPages[0];
        headPage = allPages[0];
        tailPage.set(allPages[0]);
        commitPage = allPages[0];
        // rb_head_page_activate: rb_set_list_to_head(head->list.prev)
        BufferPage beforeHead = allPages[0].prev;
        beforeHead.next.set(new Link(allPages[0], RB_PAGE_HEAD));
    }

    private RingBufferPerCpu(RingBufferPerCpu src) {
        this.geometry = src.geometry;
        this.emptyCheck = src.emptyCheck;
        this.hook = InterruptHook.NONE;
        Map<BufferPage, BufferPage> map = new IdentityHashMap<>();
        allPages = new BufferPage[src.allPages.length];
        for (int i = 0; i < allPages.length; i++) {
            allPages[i] = src.allPages[i].copyUnlinked();
            map.put(src.allPages[i], allPages[i]);
        }
        for (int i = 0; i < allPages.length; i++) {
            Link l = src.allPages[i].next.get();
            allPages[i].next.set(new Link(map.get(l.next()), l.flag()));
            allPages[i].prev = map.get(src.allPages[i].prev);
        }
        tailPage.set(map.get(src.tailPage.get()));
        commitPage = map.get(src.commitPage);
        readerPage = map.get(src.readerPage);
        headPage = map.get(src.headPage);
        pages = map.get(src.pages);
        for (AtomicLong[] pair : new AtomicLong[][] {
                {entries, src.entries}, {overrun, src.overrun}, {commitOverrun, src.commitOverrun},
                {droppedEvents, src.droppedEvents}, {committing, src.committing}, {commits, src.commits},
                {entriesBytes, src.entriesBytes}}) {
            pair[0].set(pair[1].get());
        }
        read = src.read;
        lostEvents = src.lostEvents;
        lastOverrun = src.lastOverrun;
        warnings.set(src.warnings.get());
        firstWarning = src.firstWarning;
    }

    /** A deep copy with the same state and no interrupt hook. Call it at writer quiescence. */
    public RingBufferPerCpu copy() {
        return new RingBufferPerCpu(this);
    }

    /**
     * A buffer holding the values of a snapshot copied out of a kernel, with the kernel's page
     * size; pages keep their snapshot names. See {@link RingBufferSnapshot} for the events it
     * synthesizes. The snapshot must be consistent (every name defined, the ring closed).
     */
    public static RingBufferPerCpu fromSnapshot(RingBufferSnapshot snapshot, EmptyCheck emptyCheck) {
        return new RingBufferPerCpu(snapshot, emptyCheck);
    }

    private RingBufferPerCpu(RingBufferSnapshot s, EmptyCheck emptyCheck) {
        this.geometry = Geometry.kernel(s.ring().size(), false);   // overwrite: not in a per-CPU snapshot, not read by readers
        this.emptyCheck = emptyCheck;
        this.hook = InterruptHook.NONE;
        List<RingBufferSnapshot.Page> all = new ArrayList<>(s.ring());
        all.add(s.reader());
        Map<String, BufferPage> byName = new HashMap<>();
        allPages = new BufferPage[all.size()];
        for (int i = 0; i < all.size(); i++) {
            RingBufferSnapshot.Page sp = all.get(i);
            BufferPage p = new BufferPage(sp.name(), geometry.pageSize());
            p.write.set(sp.write());
            p.entries.set(sp.entries());
            p.read = sp.read();
            p.realEnd = sp.realEnd();
            p.page.commit = sp.commit();
            allPages[i] = p;
            byName.put(sp.name(), p);
        }
        for (int i = 0; i < all.size(); i++) {
            allPages[i].next.set(new Link(named(byName, all.get(i).next()), all.get(i).nextFlag()));
        }
        for (int i = 0; i < s.ring().size(); i++) {
            allPages[i].nextPage().prev = allPages[i];
        }
        readerPage = named(byName, s.reader().name());
        BufferPage afterReader = readerPage.nextPage();
        // As rb_get_reader_page leaves it: prev is the ring page before the reader's next (or itself, never swapped).
        readerPage.prev = afterReader == readerPage ? readerPage : afterReader.prev;
        headPage = named(byName, s.headPage());
        tailPage.set(named(byName, s.tailPage()));
        commitPage = named(byName, s.commitPage());
        pages = allPages[0];
        entries.set(s.entries());
        overrun.set(s.overrun());
        read = s.read();
        commits.set(s.commits());
        committing.set(s.committing());
        entriesBytes.set(s.entriesBytes());
        int id = 0;
        for (BufferPage p : allPages) {
            int start = p == readerPage ? p.read : 0;
            int end = (int) p.pageCommit();
            int dataEnd = p.pageEntries() == 0 ? start : p.realEnd > start && p.realEnd < end ? p.realEnd : end;
            if (dataEnd > start) {
                RbEvent data = new RbEvent(p.page, start, dataEnd - start, RbEvent.TYPE_DATA, 1);
                data.id = ++id;
                p.page.data[start] = data;
            }
            int padStart = Math.max(start, dataEnd);
            if (end > padStart) {
                p.page.data[padStart] = new RbEvent(p.page, padStart, end - padStart, RbEvent.TYPE_PADDING, 1);
            }
        }
    }

    private static BufferPage named(Map<String, BufferPage> byName, String name) {
        BufferPage p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("the snapshot names page " + name + ", which it does not define");
        }
        return p;
    }

    public Geometry geometry() { return geometry; }

    public EmptyCheck emptyCheck() { return emptyCheck; }

    // =========================================================================================
    // Tagged list pointers (kernel-spec A.3)
    // =========================================================================================

    /**
     * cmpxchg on a tagged {@code list.next}: if it holds (expNext|expFlag), replace it with
     * (newNext|newFlag). Returns the value observed, like cmpxchg. The loop only retries when
     * the CAS lost to a concurrent store, and then compares again, so it is one atomic value
     * compare-and-swap.
     */
    static Link cmpxchgLink(AtomicReference<Link> ptr, BufferPage expNext, int expFlag,
                            BufferPage newNext, int newFlag) {
        while (true) {
            Link cur = ptr.get();
            if (cur.next() != expNext || cur.flag() != expFlag) {
                return cur;
            }
            if (ptr.compareAndSet(cur, new Link(newNext, newFlag))) {   // cmpxchg succeeded
                return cur;
            }
        }
    }

    /** rb_head_page_set: one cmpxchg on prev->next from head|old to head|new; returns the old flag or MOVED. */
    private int rbHeadPageSet(BufferPage head, BufferPage prev, int oldFlag, int newFlag) {
        Link ret = cmpxchgLink(prev.next, head, oldFlag, head, newFlag);
        if (ret.next() != head) {
            return RB_PAGE_MOVED;   // the reader took the page
        }
        return ret.flag();
    }

    private int rbHeadPageSetUpdate(BufferPage head, BufferPage prev, int oldFlag) {
        return rbHeadPageSet(head, prev, oldFlag, RB_PAGE_UPDATE);
    }

    private int rbHeadPageSetHead(BufferPage head, BufferPage prev, int oldFlag) {
        return rbHeadPageSet(head, prev, oldFlag, RB_PAGE_HEAD);
    }

    private int rbHeadPageSetNormal(BufferPage head, BufferPage prev, int oldFlag) {
        return rbHeadPageSet(head, prev, oldFlag, RB_PAGE_NORMAL);
    }

    /** rb_is_head_page(page, prev): MOVED if prev->next no longer points at page, else its flag. */
    static int rbIsHeadPage(BufferPage page, BufferPage prev) {
        Link val = prev.next.get();
        if (val.next() != page) {
            return RB_PAGE_MOVED;
        }
        return val.flag();
    }

    /** rb_is_reader_page: nothing in the ring points back at the reader page. */
    static boolean rbIsReaderPage(BufferPage page) {
        return page.prev.nextPage() != page;
    }

    /** rb_set_head_page: find the page whose predecessor's link is flagged, walking up to 3 laps. */
    BufferPage rbSetHeadPage() {
        if (rbWarnOn(headPage == null, "rb_set_head_page: no head_page")) {
            return null;
        }
        BufferPage list = pages;
        if (rbWarnOn(list.prev.nextPage() != list, "rb_set_head_page: pages->prev->next != pages")) {
            return null;
        }
        BufferPage head = headPage;
        BufferPage page = head;
        for (int i = 0; i < 3; i++) {
            do {
                if (rbIsHeadPage(page, page.prev) != RB_PAGE_NORMAL) {
                    headPage = page;
                    return page;
                }
                page = page.nextPage();   // rb_inc_page
            } while (page != head);
        }
        rbWarnOn(true, "rb_set_head_page: no flagged link in three laps");
        return null;
    }

    // =========================================================================================
    // Writer path (kernel-spec A.4); one writer thread per CPU
    // =========================================================================================

    /**
     * ring_buffer_lock_reserve: reserve {@code length} units. Returns the event, still
     * "committing", or null if it was dropped. Follow with {@link #ringBufferUnlockCommit} or
     * {@link #ringBufferDiscardCommit}.
     */
    public RbEvent ringBufferLockReserve(int length) {
        if (length < geometry.minEventSize() || length > geometry.pageSize()) {
            return null;   // "len exceeds the maximum" (the model takes whole event lengths)
        }
        return rbReserveNextEvent(length);
    }

    /** rb_reserve_next_event. */
    RbEvent rbReserveNextEvent(int length) {
        rbStartCommit();
        for (int nrLoops = 0; nrLoops < RbLayout.RESERVE_MAX_LOOPS; nrLoops++) {
            Object r = rbReserveNext(length);
            if (r == EAGAIN) {
                continue;
            }
            if (r == null) {
                rbEndCommit();
                return null;
            }
            return (RbEvent) r;
        }
        rbWarnOn(true, "rb_reserve_next_event: 1000 loops");
        rbEndCommit();
        return null;
    }

    private static final Object EAGAIN = new Object();

    /** __rb_reserve_next: the fast path. Returns an event, null, or EAGAIN. */
    private Object rbReserveNext(int length) {
        BufferPage tail = tailPage.get();                                   // READ_ONCE(cpu_buffer->tail_page)
        long write = tail.write.addAndGet(length) & RB_WRITE_MASK;          // local_add_return: the reservation
        hook.interrupt(InterruptHook.Point.AFTER_RESERVE_ADD, this);
        long tailOffset = write - length;
        if (write > geometry.pageSize()) {
            return rbMoveTail(tailOffset, length, tail);                    // slow path
        }
        // rb_update_event: build the event header at tail (plain store below write)
        RbEvent event = new RbEvent(tail.page, (int) tailOffset, length, RbEvent.TYPE_DATA, 1);
        tail.page.data[(int) tailOffset] = event;
        tail.entries.incrementAndGet();                                    // local_inc(&tail_page->entries)
        entriesBytes.addAndGet(length);                                    // local_add(length, &entries_bytes)
        return event;
    }

    /** rb_move_tail: the event does not fit on the tail page. */
    private Object rbMoveTail(long tail, int length, BufferPage tailPg) {
        BufferPage commitPg = commitPage;
        BufferPage nextPage = tailPg.nextPage();                            // rb_inc_page(&next_page)

        if (nextPage == commitPg) {                                         // interrupt storm wrapped to the commit
            commitOverrun.incrementAndGet();
            rbResetTail(tail, length, tailPg);                              // out_reset
            return null;
        }

        if (rbIsHeadPage(nextPage, tailPg) != RB_PAGE_NORMAL) {             // the buffer is full up to the head
            hook.interrupt(InterruptHook.Point.MOVE_TAIL_NEXT_IS_HEAD, this);
            // NOTE: next_page is not re-read below. If a reader swaps the tail page out meanwhile, the writer
            // "lets it move out" onto this stale next_page, past the new head (see RingBufferSequenceTest).
            if (!rbIsReaderPage(commitPage)) {
                if (!geometry.overwrite()) {
                    droppedEvents.incrementAndGet();                        // local_inc(&dropped_events)
                    rbResetTail(tail, length, tailPg);                      // out_reset
                    return null;
                }
                int ret = rbHandleHeadPage(tailPg, nextPage);
                if (ret < 0) {
                    rbResetTail(tail, length, tailPg);                      // out_reset
                    return null;
                }
                if (ret > 0) {
                    return outAgain(tail, length, tailPg);                  // out_again, no tail update
                }
            } else if (commitPage != tailPage.get() && commitPage == readerPage) {
                commitOverrun.incrementAndGet();                            // commit still on the reader page
                rbResetTail(tail, length, tailPg);                          // out_reset
                return null;
            }
            // else: the tail is on the reader page too: "let it move out"
        }

        rbTailPageUpdate(tailPg, nextPage);
        return outAgain(tail, length, tailPg);
    }

    /** out_again of rb_move_tail. */
    private Object outAgain(long tail, int length, BufferPage tailPg) {
        rbResetTail(tail, length, tailPg);
        hook.interrupt(InterruptHook.Point.MOVE_TAIL_BEFORE_END_COMMIT, this);
        rbEndCommit();                                                      // commit what we have for now
        committing.incrementAndGet();                                       // rb_end_commit() decs committing: re-take
        return EAGAIN;
    }

    /** rb_tail_page_update: move the tail onto next, zeroing it but keeping the counter bits. */
    private void rbTailPageUpdate(BufferPage tailPg, BufferPage nextPage) {
        long oldWrite = nextPage.write.addAndGet(RB_WRITE_INTCNT);          // local_add_return(RB_WRITE_INTCNT, &next->write)
        long oldEntries = nextPage.entries.addAndGet(RB_WRITE_INTCNT);      // same for entries
        if (tailPg == tailPage.get()) {                                     // nobody moved it: it is up to us
            nextPage.write.compareAndSet(oldWrite, oldWrite & ~RB_WRITE_MASK);       // local_cmpxchg: zero the index
            nextPage.entries.compareAndSet(oldEntries, oldEntries & ~RB_WRITE_MASK); // local_cmpxchg: zero the count
            nextPage.page.commit = 0;                                       // local_set(&next->page->commit, 0)
            tailPage.compareAndSet(tailPg, nextPage);                       // LP: cmpxchg(&cpu_buffer->tail_page, tail, next)
            // NOTE: next->read and next->real_end are NOT touched: a page that was a reader page keeps its stale read.
        }
    }

    /** rb_handle_head_page: overwrite mode pushes the head forward. 0 = go on, 1 = retry, -1 = error. */
    private int rbHandleHeadPage(BufferPage tailPg, BufferPage nextPage) {
        long pageEntries = nextPage.pageEntries();
        int type = rbHeadPageSetUpdate(nextPage, tailPg, RB_PAGE_HEAD);     // cmpxchg HEAD -> UPDATE on tail->next
        switch (type) {
            case RB_PAGE_HEAD:                                              // we own the push: count what is lost
                overrun.addAndGet(pageEntries);                             // local_add(entries, &overrun)
                entriesBytes.addAndGet(-geometry.pageSize());               // local_sub(BUF_PAGE_SIZE, &entries_bytes)
                break;
            case RB_PAGE_UPDATE:                                            // we interrupted another push
                break;
            case RB_PAGE_NORMAL:                                            // an interrupt already did it
            case RB_PAGE_MOVED:                                             // the reader swapped next away
                return 1;
            default:
                rbWarnOn(true, "rb_handle_head_page: flag " + type);
                return -1;
        }
        BufferPage newHead = nextPage.nextPage();                           // rb_inc_page(&new_head)
        int ret = rbHeadPageSetHead(newHead, nextPage, RB_PAGE_NORMAL);     // cmpxchg NORMAL -> HEAD on next->next
        if (ret != RB_PAGE_HEAD && ret != RB_PAGE_NORMAL) {
            rbWarnOn(true, "rb_handle_head_page: set_head saw " + RbLayout.flagName(ret));
            return -1;
        }
        if (ret == RB_PAGE_NORMAL) {
            BufferPage bufferTailPage = tailPage.get();
            if (bufferTailPage != tailPg && bufferTailPage != nextPage) {   // nested writers went round further
                rbHeadPageSetNormal(newHead, nextPage, RB_PAGE_HEAD);       // undo: cmpxchg HEAD -> NORMAL
            }
        }
        if (type == RB_PAGE_HEAD) {                                         // outermost: clear our UPDATE
            ret = rbHeadPageSetNormal(nextPage, tailPg, RB_PAGE_UPDATE);    // cmpxchg UPDATE -> NORMAL on tail->next
            if (rbWarnOn(ret != RB_PAGE_UPDATE, "rb_handle_head_page: clear UPDATE saw " + RbLayout.flagName(ret))) {
                return -1;
            }
        }
        return 0;
    }

    /** rb_reset_tail: fix up the page the event did not fit on. */
    private void rbResetTail(long tail, int length, BufferPage tailPg) {
        int size = geometry.pageSize();
        if (tail >= size) {                                                 // someone else already crossed and padded
            if (tail == size) {
                tailPg.realEnd = 0;
            }
            tailPg.write.addAndGet(-length);                                // local_sub(length, &tail_page->write)
            return;
        }
        entriesBytes.addAndGet(size - tail);                                // local_add: account for padding (5.x: both cases)
        tailPg.realEnd = (int) tail;
        if (tail > size - geometry.minEventSize()) {                        // no room for any event
            // rb_event_set_padding: a "null" padding; write goes back to tail, beyond commit
            tailPg.page.data[(int) tail] = new RbEvent(tailPg.page, (int) tail, size - (int) tail, RbEvent.TYPE_PADDING, 0);
            tailPg.write.addAndGet(-length);                                // local_sub(length, &tail_page->write)
            return;
        }
        // a discarded-style padding event covers [tail, BUF_PAGE_SIZE)
        tailPg.page.data[(int) tail] = new RbEvent(tailPg.page, (int) tail, size - (int) tail, RbEvent.TYPE_PADDING, 1);
        tailPg.write.addAndGet(-((tail + length) - size));                  // local_sub: write == BUF_PAGE_SIZE exactly
    }

    /** rb_start_commit. */
    private void rbStartCommit() {
        committing.incrementAndGet();                                       // local_inc(&committing)
        commits.incrementAndGet();                                          // local_inc(&commits)
    }

    /** rb_end_commit: the outermost committer publishes; retry if an interrupt started meanwhile. */
    private void rbEndCommit() {
        if (rbWarnOn(committing.get() == 0, "rb_end_commit: not committing")) {
            return;
        }
        while (true) {
            long snap = commits.get();                                      // commits = local_read(&commits)
            if (committing.get() == 1) {                                    // outermost
                rbSetCommitToWrite();
            }
            committing.decrementAndGet();                                   // local_dec(&committing)
            if (commits.get() != snap && committing.get() == 0) {           // an interrupt reserved after our snapshot
                committing.incrementAndGet();
                continue;
            }
            return;
        }
    }

    /** rb_set_commit_to_write: move the commit up to the write position of every page up to the tail. */
    private void rbSetCommitToWrite() {
        while (true) {
            long maxCount = geometry.ringPages() * 100L;
            while (commitPage != tailPage.get()) {
                if (rbWarnOn(--maxCount == 0, "rb_set_commit_to_write: runaway commit page loop")) {
                    return;
                }
                if (rbWarnOn(rbIsReaderPage(tailPage.get()), "rb_set_commit_to_write: tail is the reader page")) {
                    return;
                }
                BufferPage cp = commitPage;
                cp.page.commit = cp.pageWrite();                            // local_set(&commit_page->page->commit, write)
                commitPage = cp.nextPage();                                 // rb_inc_page(&commit_page)
            }
            hook.interrupt(InterruptHook.Point.COMMIT_BETWEEN_LOOPS, this);
            while (commitPage.pageCommit() != commitPage.pageWrite()) {
                BufferPage cp = commitPage;
                cp.page.commit = cp.pageWrite();                            // local_set(&commit, write)
            }
            if (commitPage != tailPage.get()) {                             // the tail moved meanwhile: again
                continue;
            }
            return;
        }
    }

    /** ring_buffer_unlock_commit → rb_commit. */
    public void ringBufferUnlockCommit(RbEvent event) {
        rbCommit();
    }

    /** rb_commit. */
    private void rbCommit() {
        entries.incrementAndGet();                                          // local_inc(&cpu_buffer->entries)
        rbEndCommit();
    }

    /** ring_buffer_write: reserve, copy the payload, commit. Returns false if the event was dropped. */
    public boolean ringBufferWrite(int length, int id) {
        RbEvent event = ringBufferLockReserve(length);
        if (event == null) {
            return false;
        }
        event.setId(id);                                                    // memcpy(body, data, length)
        rbCommit();
        return true;
    }

    /** ring_buffer_discard_commit: the event becomes padding; reclaim its space if it is the last reservation. */
    public void ringBufferDiscardCommit(RbEvent event) {
        event.typeLen = RbEvent.TYPE_PADDING;                               // rb_event_discard: "discarded regardless"
        if (event.timeDelta == 0) {
            event.timeDelta = 1;
        }
        rbWarnOn(committing.get() == 0, "ring_buffer_discard_commit: not committing");
        rbDecrementEntry(event);
        hook.interrupt(InterruptHook.Point.DISCARD_BEFORE_TRY, this);
        rbTryToDiscard(event);
        rbEndCommit();                                                      // not rb_commit: entries is not incremented
    }

    /** rb_decrement_entry: find the page holding the event, starting at the commit page. */
    private void rbDecrementEntry(RbEvent event) {
        BufferPage bpage = commitPage;
        if (bpage.page == event.page) {                                     // the likely case
            bpage.entries.decrementAndGet();                                // local_dec(&bpage->entries)
            return;
        }
        bpage = bpage.nextPage();
        BufferPage start = bpage;
        do {
            if (bpage.page == event.page) {
                bpage.entries.decrementAndGet();
                return;
            }
            bpage = bpage.nextPage();
        } while (bpage != start);
        rbWarnOn(true, "rb_decrement_entry: event not in this buffer");
    }

    /** rb_try_to_discard: give the space back only if the event is the last thing reserved on the tail page. */
    private boolean rbTryToDiscard(RbEvent event) {
        long newIndex = event.index;
        long oldIndex = newIndex + event.length;
        BufferPage bpage = tailPage.get();                                  // READ_ONCE(cpu_buffer->tail_page)
        if (bpage.page == event.page && bpage.pageWrite() == oldIndex) {
            long writeMask = bpage.write.get() & ~RB_WRITE_MASK;
            // NOTE: 5.x also cmpxchg's write_stamp here; the model keeps no timestamps, so that step always succeeds.
            if (bpage.write.compareAndSet(oldIndex + writeMask, newIndex + writeMask)) {   // local_cmpxchg(&bpage->write)
                entriesBytes.addAndGet(-event.length);
                return true;
            }
        }
        return false;
    }

    // =========================================================================================
    // Reader path (kernel-spec A.5); every public method holds the reader lock
    // =========================================================================================

    /** rb_num_of_entries: unread data events, from the counters. */
    long rbNumOfEntries() {
        return entries.get() - (overrun.get() + read);
    }

    /** rb_get_reader_page: the reader page if it has more to read, else swap in the head page. */
    BufferPage rbGetReaderPage() {
        synchronized (lock) {                                               // arch_spin_lock(&cpu_buffer->lock)
            int nrLoops = 0;
            while (true) {                                                  // again:
                if (rbWarnOn(++nrLoops > 3, "rb_get_reader_page: looped more than 3 times")) {
                    return null;
                }
                BufferPage reader = readerPage;
                if (reader.read < reader.pageCommit()) {                    // more to read on this page
                    return reader;
                }
                if (rbWarnOn(reader.read > reader.pageCommit(), "rb_get_reader_page: read " + reader.read
                        + " > commit " + reader.pageCommit() + " on the reader page")) {
                    return reader;
                }
                if (commitPage == readerPage) {                             // caught up with the writer
                    return null;
                }
                if (rbNumOfEntries() == 0) {                                // "don't bother swapping if empty"
                    return null;
                }
                // reset the reader page; NOTE: read is NOT reset
                BufferPage rp = readerPage;
                rp.write.set(0);
                rp.entries.set(0);
                rp.page.commit = 0;
                rp.realEnd = 0;
                BufferPage head;
                long overwrite;
                int spins = 0;
                while (true) {                                              // spin:
                    head = rbSetHeadPage();
                    if (head == null) {
                        return null;
                    }
                    rp.next.set(new Link(head.nextPage(), RB_PAGE_NORMAL)); // reader_page->next = rb_list_head(head->next)
                    rp.prev = head.prev;                                    // reader_page->prev = head->prev
                    pages = head.prev;
                    rp.next.set(new Link(rp.nextPage(), RB_PAGE_HEAD));     // rb_set_list_to_head(&reader_page->list)
                    java.lang.invoke.VarHandle.fullFence();                 // smp_mb()
                    overwrite = overrun.get();
                    if (rbHeadPageReplace(head, rp)) {                      // LP: cmpxchg on head->prev->next
                        break;
                    }
                    // a writer holds UPDATE or moved the head: retry (bounded: the writer finishes its push)
                    if (rbWarnOn(++spins > 1_000_000, "rb_get_reader_page: head replace spun 1e6 times")) {
                        return null;
                    }
                }
                head.nextPage().prev = rp;                                  // new head points back at the old reader page
                headPage = headPage.nextPage();                             // rb_inc_page(&cpu_buffer->head_page)
                readerPage = head;                                          // the old head becomes the reader page
                head.read = 0;
                if (overwrite != lastOverrun) {
                    lostEvents = overwrite - lastOverrun;
                    lastOverrun = overwrite;
                }
            }
        }
    }

    /** rb_head_page_replace: cmpxchg old->prev->next from (its value with HEAD forced) to new, unflagged. */
    private static boolean rbHeadPageReplace(BufferPage old, BufferPage newPage) {
        AtomicReference<Link> ptr = old.prev.next;
        Link val = ptr.get();                                               // val = *ptr & ~RB_FLAG_MASK | HEAD
        Link ret = cmpxchgLink(ptr, val.next(), RB_PAGE_HEAD, newPage, RB_PAGE_NORMAL);
        return ret.next() == val.next() && ret.flag() == RB_PAGE_HEAD;
    }

    /** rb_reader_event. */
    private RbEvent rbReaderEvent() {
        BufferPage r = readerPage;
        return r.page.data[r.read];
    }

    /** rb_advance_reader: step over the event at read; only data events count as read. */
    private void rbAdvanceReader() {
        BufferPage reader = rbGetReaderPage();
        if (rbWarnOn(reader == null, "rb_advance_reader: no reader page")) {
            return;
        }
        RbEvent event = rbReaderEvent();
        if (event == null) {
            rbWarnOn(true, "rb_advance_reader: no event at " + readerPage.name() + "[" + readerPage.read + "]");
            readerPage.read = (int) readerPage.pageCommit();
            return;
        }
        if (!event.isPadding()) {
            read++;                                                         // cpu_buffer->read++
        }
        readerPage.read += event.length;
    }

    /** rb_buffer_peek: the event at the reader's position (padding is returned, not skipped). */
    private RbEvent rbBufferPeek() {
        BufferPage reader = rbGetReaderPage();
        if (reader == null) {
            return null;
        }
        RbEvent event = rbReaderEvent();
        if (event == null) {
            rbWarnOn(true, "rb_buffer_peek: no event at " + reader.name() + "[" + reader.read + "]");
            return null;
        }
        if (event.isPadding() && event.isNullPadding()) {
            rbWarnOn(true, "rb_buffer_peek: null padding below commit");
        }
        return event;
    }

    /** How many padding events one peek/consume steps over before giving up (the kernel does not bound it). */
    private static final int PADDING_LOOP_LIMIT = 100_000;

    /** ring_buffer_peek: the next data event, or null; trailing padding is consumed on the way. */
    public RbEvent ringBufferPeek() {
        for (int loops = 0; loops < PADDING_LOOP_LIMIT; loops++) {
            RbEvent event;
            synchronized (readerLock) {                                     // rb_reader_lock
                event = rbBufferPeek();
                if (event != null && event.isPadding()) {
                    rbAdvanceReader();
                }
            }
            if (event == null || !event.isPadding()) {
                return event;
            }
        }
        rbWarnOn(true, "ring_buffer_peek: stepped over " + PADDING_LOOP_LIMIT + " paddings");
        return null;
    }

    /** ring_buffer_consume: take the next data event, or null. */
    public RbEvent ringBufferConsume() {
        for (int loops = 0; loops < PADDING_LOOP_LIMIT; loops++) {
            RbEvent event;
            synchronized (readerLock) {
                event = rbBufferPeek();
                if (event != null) {
                    lostEvents = 0;
                    rbAdvanceReader();
                }
            }
            if (event == null || !event.isPadding()) {
                return event;
            }
        }
        rbWarnOn(true, "ring_buffer_consume: stepped over " + PADDING_LOOP_LIMIT + " paddings");
        return null;
    }

    /** ring_buffer_empty_cpu: rb_per_cpu_empty under the reader lock. */
    public boolean ringBufferEmptyCpu() {
        synchronized (readerLock) {
            return rbPerCpuEmpty();
        }
    }

    /** rb_num_of_entries under the reader lock. */
    public long numOfEntries() {
        synchronized (readerLock) {
            return rbNumOfEntries();
        }
    }

    /** rb_per_cpu_empty, as called under the reader lock. */
    boolean rbPerCpuEmpty() {
        BufferPage reader = readerPage;
        BufferPage head = rbSetHeadPage();
        BufferPage commit = commitPage;
        return rbPerCpuEmpty(emptyCheck, reader, head, commit);
    }

    /**
     * The body of rb_per_cpu_empty(): the one place where the variants differ. It reads
     * writer-owned values with plain loads, so its answer is a racy snapshot ("yes this is racy").
     */
    static boolean rbPerCpuEmpty(EmptyCheck check, BufferPage reader, BufferPage head, BufferPage commit) {
        if (head == null) {                                                 // in case of error, head will be NULL
            return true;
        }
        switch (check) {
            case V5_13:
                return reader.read == reader.pageCommit()
                        && (commit == reader
                            || (commit == head && head.read == commit.pageCommit()));   // trusts head->read: stale
            case FIXED_67F0D6D9:
                if (reader.read != reader.pageCommit()) {                   // reader should exhaust the reader page
                    return false;
                }
                if (commit == reader) {                                     // writer commits on the reader page
                    return true;
                }
                if (commit != head) {                                       // content between head and commit
                    return false;
                }
                return commit.pageCommit() == 0;                            // writer commits on the head page
            default:
                throw new AssertionError(check);
        }
    }

    /** What {@code check}'s rb_per_cpu_empty would answer on this state; reads only, no hint update. */
    public boolean perCpuEmptyAs(EmptyCheck check) {
        synchronized (readerLock) {
            return rbPerCpuEmpty(check, readerPage, flaggedHeadPage(), commitPage);
        }
    }

    // =========================================================================================
    // Diagnostics
    // =========================================================================================

    /** RB_WARN_ON: record the warning (the kernel also disables recording) and return the condition. */
    boolean rbWarnOn(boolean cond, String what) {
        if (cond) {
            if (warnings.getAndIncrement() == 0) {
                firstWarning = what;
            }
        }
        return cond;
    }

    public int warnings() { return warnings.get(); }

    public String firstWarning() { return firstWarning; }

    public BufferPage readerPage() { return readerPage; }

    public BufferPage tailPage() { return tailPage.get(); }

    public BufferPage commitPage() { return commitPage; }

    /** The page whose predecessor's link carries a flag (without touching the cached hint), or null. */
    public BufferPage flaggedHeadPage() {
        for (BufferPage p : ringPages()) {
            if (p.prev.next.get().next() == p && p.prev.next.get().flag() != RB_PAGE_NORMAL) {
                return p;
            }
        }
        return null;
    }

    /** The pages in ring order, starting at the flagged head page (or at pages if none is flagged). */
    public List<BufferPage> ringPages() {
        List<BufferPage> ring = new ArrayList<>();
        BufferPage start = null;
        BufferPage p = pages;
        for (int i = 0; i <= geometry.ringPages(); i++) {
            Link l = p.prev.next.get();
            if (l.next() == p && l.flag() != RB_PAGE_NORMAL) {
                start = p;
                break;
            }
            p = p.nextPage();
        }
        if (start == null) start = pages;
        p = start;
        do {
            ring.add(p);
            p = p.nextPage();
        } while (p != start && ring.size() <= geometry.ringPages());
        return ring;
    }

    public long entries() { return entries.get(); }

    public long overrun() { return overrun.get(); }

    public long readCount() { return read; }

    public long committing() { return committing.get(); }

    public long commitOverrun() { return commitOverrun.get(); }

    public long droppedEvents() { return droppedEvents.get(); }

    public long entriesBytes() { return entriesBytes.get(); }

    List<BufferPage> allPages() { return List.of(allPages); }

    /**
     * A canonical key of the state at writer quiescence, for exhaustive exploration. Pages are
     * named by position (the head page first, then the ring in order, then the reader page), so
     * states that differ only by which physical page is where get the same key. Left out, because
     * they change no later behaviour of the model: event payload ids, the tail-update counter bits
     * above RB_WRITE_MASK, the cached head_page hint, statistics (commit_overrun, dropped_events,
     * entries_bytes, commits, lost-event bookkeeping) and the absolute counters (only
     * entries - overrun - read is kept).
     */
    public int[] stateKey() {
        List<BufferPage> order = new ArrayList<>(ringPages());
        order.add(readerPage);
        Map<BufferPage, Integer> pos = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) pos.put(order.get(i), i);
        int[] buf = new int[16 + order.size() * (8 + 2 * geometry.pageSize())];
        int k = 0;
        buf[k++] = pos.getOrDefault(tailPage.get(), -1);
        buf[k++] = pos.getOrDefault(commitPage, -1);
        buf[k++] = (int) rbNumOfEntries();
        buf[k++] = (int) committing.get();
        buf[k++] = warnings.get() == 0 ? 0 : 1;
        for (BufferPage p : order) {
            Link l = p.next.get();
            buf[k++] = pos.getOrDefault(l.next(), -1);
            buf[k++] = l.flag();
            buf[k++] = pos.getOrDefault(p.prev, -1);
            int w = (int) p.pageWrite();
            buf[k++] = w;
            buf[k++] = (int) p.pageEntries();
            buf[k++] = (int) p.pageCommit();
            buf[k++] = p.read;
            buf[k++] = p.realEnd;
            for (int off = 0; off < w && off < p.page.data.length; ) {
                RbEvent e = p.page.data[off];
                if (e == null) { buf[k++] = -1; off++; continue; }
                buf[k++] = e.isPadding() ? -e.length : e.length;
                off += Math.max(1, e.length);
            }
            buf[k++] = Integer.MIN_VALUE;   // page separator
        }
        return Arrays.copyOf(buf, k);
    }

    @Override
    public String toString() {
        return RingBufferPrinter.print(this);
    }
}
