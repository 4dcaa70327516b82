package dev.kmc.model.ringbuffer;

import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_HEAD;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_MOVED;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_NORMAL;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_UPDATE;
import static dev.kmc.model.ringbuffer.RbLayout.RB_WRITE_INTCNT;
import static dev.kmc.model.ringbuffer.RbLayout.RB_WRITE_MASK;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Ptr;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.TaggedPtr;
import dev.kmc.model.mem.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code struct ring_buffer_per_cpu} of {@code kernel/trace/ring_buffer.c} at v5.13, with its
 * writer path (reserve, commit, discard) and its consuming reader path (get reader page,
 * advance, peek, consume, both emptiness predicates). Every shared field is a cell of the
 * {@link Memory} and every access names its kernel primitive, so the same code runs on real
 * atomics (JCStress, Lincheck) and under kmc's explorer, which can stop the writer at any access
 * and run an interrupt's nested writer there.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>One writer per CPU. Interrupts on the writer's CPU are nested calls of the writer methods
 *     (they nest strictly LIFO, kernel-spec A.1).</li>
 * <li>Readers run on other CPUs and hold {@link #readerLock} (raw, irqs off) for a whole
 *     operation; {@code rb_get_reader_page} also takes {@link #lock} ({@code cpu_buffer->lock}).
 *     Readers and the writer meet only through cells.</li>
 * <li>Invariants (kernel-spec A.9, at writer quiescence): entries - overrun - read &gt;= 0; commit
 *     never passes tail; exactly one flagged link; the reader page is unreachable from the ring;
 *     commit(p) &lt;= write(p) &lt;= page size; reader.read &lt;= commit(reader). See
 *     {@link RingBufferInvariants}.</li>
 * <li>Non-invariant: {@code read} of a page in the ring is stale. v5.13's {@code rb_per_cpu_empty}
 *     trusts it when commit == head; that is the bug (see {@link EmptyCheck}).</li>
 * <li>RB_WARN_ON does what the kernel's does: it disables recording on this buffer
 *     ({@code atomic_inc(&record_disabled)}: every later reserve fails) and the port keeps which
 *     site fired first. Checks report any warning as a finding.</li>
 * </ul>
 */
public final class RingBufferPerCpu {

    private final Geometry geometry;
    private final EmptyCheck emptyCheck;
    private final Memory mem;
    /** Ring pages P0..Pn-1, then the initial reader page R: for copying and printing only. */
    private final BufferPage[] allPages;

    // ---- locks --------------------------------------------------------------------------------
    /** cpu_buffer->reader_lock (a raw spinlock taken with interrupts off). */
    final SpinLock readerLock;
    /** cpu_buffer->lock (arch spinlock), taken inside readerLock by rb_get_reader_page. */
    final SpinLock lock;

    // ---- writer side (this CPU) --------------------------------------------------------------
    /** tail_page: the page the writer reserves on. cmpxchg by the writer, READ_ONCE by everyone. */
    final Ptr<BufferPage> tailPage;
    /** commit_page: the page holding the last committed byte. Written only by the outermost committer (plain). */
    final Ptr<BufferPage> commitPage;
    final Word entries;         // local_t: events ever committed
    final Word overrun;         // local_t: events lost to overwrite
    final Word commitOverrun;   // local_t
    final Word droppedEvents;   // local_t
    final Word committing;      // local_t: nesting depth inside reserve..commit
    final Word commits;         // local_t: reserve starts
    final Word entriesBytes;    // local_t
    /** atomic_t record_disabled: RB_WARN_ON increments it; a reserve on a disabled buffer fails. */
    final Word recordDisabled;
    /** Which RB_WARN_ON fired first (RbWarn ordinal + 1), 0 if none: the port's record of the WARN. */
    final Word firstWarning;

    // ---- reader side (under readerLock) -------------------------------------------------------
    /** reader_page: owned by the reader, not in the ring. Read by the writer. */
    final Ptr<BufferPage> readerPage;
    /** head_page: the reader's cached hint; the authority is the flagged link. */
    final Ptr<BufferPage> headPage;
    /** pages: some page of the ring (anchor). */
    final Ptr<BufferPage> pages;
    final Word read;            // data events consumed
    final Word lostEvents;
    final Word lastOverrun;

    public RingBufferPerCpu(Geometry geometry, EmptyCheck emptyCheck) {
        this(geometry, emptyCheck, new Memory());
    }

    /** rb_allocate_cpu_buffer + rb_allocate_pages + rb_head_page_activate, in {@code mem}. */
    public RingBufferPerCpu(Geometry geometry, EmptyCheck emptyCheck, Memory mem) {
        this(geometry, emptyCheck, mem, defaultNames(geometry.ringPages()));
        int n = geometry.ringPages();
        for (int i = 0; i < n; i++) {
            allPages[i].next.poke(allPages[(i + 1) % n], RB_PAGE_NORMAL);
            allPages[i].prev.pokePtr(allPages[(i + n - 1) % n]);
        }
        BufferPage r = allPages[n];
        r.next.poke(r, RB_PAGE_NORMAL);   // INIT_LIST_HEAD(&reader_page->list)
        r.prev.pokePtr(r);
        readerPage.pokePtr(r);
        pages.pokePtr(allPages[0]);
        headPage.pokePtr(allPages[0]);
        tailPage.pokePtr(allPages[0]);
        commitPage.pokePtr(allPages[0]);
        // rb_head_page_activate: rb_set_list_to_head(head->list.prev)
        allPages[n - 1].next.poke(allPages[0], RB_PAGE_HEAD);
    }

    private static List<String> defaultNames(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) names.add("P" + i);
        names.add("R");
        return names;
    }

    /** Allocates the cells (all zero) for pages with the given names, the last one the reader page. */
    private RingBufferPerCpu(Geometry geometry, EmptyCheck emptyCheck, Memory mem, List<String> names) {
        this.geometry = geometry;
        this.emptyCheck = emptyCheck;
        this.mem = mem;
        readerLock = mem.spinLock("cpu_buffer->reader_lock");
        lock = mem.spinLock("cpu_buffer->lock");
        allPages = new BufferPage[names.size()];
        for (int i = 0; i < names.size(); i++) allPages[i] = new BufferPage(mem, names.get(i), geometry, readerLock);
        tailPage = mem.ptr("cpu_buffer->tail_page", null);
        commitPage = mem.ptr("cpu_buffer->commit_page", null);
        entries = mem.word("cpu_buffer->entries", 0);
        overrun = mem.word("cpu_buffer->overrun", 0);
        commitOverrun = mem.word("cpu_buffer->commit_overrun", 0);
        droppedEvents = mem.word("cpu_buffer->dropped_events", 0);
        committing = mem.word("cpu_buffer->committing", 0);
        commits = mem.word("cpu_buffer->commits", 0);
        entriesBytes = mem.word("cpu_buffer->entries_bytes", 0);
        recordDisabled = mem.word("cpu_buffer->record_disabled", 0);
        firstWarning = mem.word("RB_WARN_ON(first)", 0);
        readerPage = mem.ptr("cpu_buffer->reader_page", null);
        headPage = mem.<BufferPage>ptr("cpu_buffer->head_page", null).guardedBy(readerLock);
        pages = mem.<BufferPage>ptr("cpu_buffer->pages", null).guardedBy(readerLock);
        read = mem.word("cpu_buffer->read", 0).guardedBy(readerLock);
        lostEvents = mem.word("cpu_buffer->lost_events", 0).guardedBy(readerLock);
        lastOverrun = mem.word("cpu_buffer->last_overrun", 0).guardedBy(readerLock);
    }

    /** A buffer in a new direct-mode memory with the same values (an offline probe). */
    public RingBufferPerCpu copy() {
        RingBufferPerCpu c = new RingBufferPerCpu(geometry, emptyCheck, new Memory(), names());
        c.restoreFrom(this);
        return c;
    }

    /**
     * Sets this buffer's cells to {@code src}'s values (same geometry and page names). The buffer's
     * cells are the first ones of its memory; a driver's own cells, allocated after it, are not copied.
     */
    public void restoreFrom(RingBufferPerCpu src) {
        mem.restore(Arrays.copyOf(src.mem.snapshot(), mem.cellCount()));
    }

    /** Which of the reader lock and cpu_buffer->lock are held, for printers (empty if none). */
    List<String> locksHeld() {
        List<String> held = new ArrayList<>();
        if (readerLock.isLocked()) held.add("reader_lock held");
        if (lock.isLocked()) held.add("cpu_buffer->lock held");
        return held;
    }

    /** True when no writer is inside reserve..commit/discard on this CPU (committing == 0; no scheduling). */
    public boolean writerQuiescent() {
        return committing.peek() == 0;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (BufferPage p : allPages) names.add(p.name());
        return names;
    }

    public Memory memory() { return mem; }

    /**
     * A buffer holding the values of a snapshot copied out of a kernel, with the kernel's page
     * size; pages keep their snapshot names. See {@link RingBufferSnapshot} for the events it
     * synthesizes. The snapshot must be consistent (every name defined, the ring closed).
     */
    public static RingBufferPerCpu fromSnapshot(RingBufferSnapshot s, EmptyCheck emptyCheck) {
        List<RingBufferSnapshot.Page> all = new ArrayList<>(s.ring());
        all.add(s.reader());
        List<String> names = new ArrayList<>();
        for (RingBufferSnapshot.Page p : all) names.add(p.name());
        // overwrite: not in a per-CPU snapshot, and not read by readers
        RingBufferPerCpu b = new RingBufferPerCpu(Geometry.kernel(s.ring().size(), false), emptyCheck, new Memory(), names);
        Map<String, BufferPage> byName = new HashMap<>();
        for (BufferPage p : b.allPages) byName.put(p.name(), p);
        for (int i = 0; i < all.size(); i++) {
            RingBufferSnapshot.Page sp = all.get(i);
            BufferPage p = b.allPages[i];
            p.write.poke(sp.write());
            p.entries.poke(sp.entries());
            p.read.poke(sp.read());
            p.realEnd.poke(sp.realEnd());
            p.page.commit.poke(sp.commit());
            p.next.poke(named(byName, sp.next()), sp.nextFlag());
        }
        for (int i = 0; i < s.ring().size(); i++) {
            b.allPages[i].peekNext().prev.pokePtr(b.allPages[i]);
        }
        BufferPage reader = named(byName, s.reader().name());
        b.readerPage.pokePtr(reader);
        BufferPage afterReader = reader.peekNext();
        // As rb_get_reader_page leaves it: prev is the ring page before the reader's next (or itself, never swapped).
        reader.prev.pokePtr(afterReader == reader ? reader : afterReader.prev.peekPtr());
        b.headPage.pokePtr(named(byName, s.headPage()));
        b.tailPage.pokePtr(named(byName, s.tailPage()));
        b.commitPage.pokePtr(named(byName, s.commitPage()));
        b.pages.pokePtr(b.allPages[0]);
        b.entries.poke(s.entries());
        b.overrun.poke(s.overrun());
        b.read.poke(s.read());
        b.commits.poke(s.commits());
        b.committing.poke(s.committing());
        b.entriesBytes.poke(s.entriesBytes());
        int id = 0;
        for (BufferPage p : b.allPages) {
            int start = p == reader ? p.read() : 0;
            int end = (int) p.pageCommit();
            int realEnd = p.realEnd();
            int dataEnd = p.pageEntries() == 0 ? start : realEnd > start && realEnd < end ? realEnd : end;
            if (dataEnd > start) {
                p.page.slot(start).poke(RbEvent.header(RbEvent.TYPE_DATA, true, dataEnd - start, ++id));
            }
            int padStart = Math.max(start, dataEnd);
            if (end > padStart) {
                p.page.slot(padStart).poke(RbEvent.header(RbEvent.TYPE_PADDING, true, end - padStart, 0));
            }
        }
        return b;
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

    /** rb_list_head(list->next) with a plain load: the next page, flags stripped (rb_inc_page). */
    private static BufferPage rbIncPage(BufferPage page) {
        return page.next.ptr(page.next.load());
    }

    /**
     * rb_head_page_set: {@code ret = cmpxchg(&prev->list.next, val | old_flag, val | new_flag)};
     * MOVED if the pointer no longer points at head, else the flag found.
     */
    private static int rbHeadPageSet(BufferPage head, BufferPage prev, int oldFlag, int newFlag) {
        TaggedPtr<BufferPage> list = prev.next;
        long ret = list.cmpxchg(list.word(head, oldFlag), list.word(head, newFlag));
        if (list.ptr(ret) != head) {
            return RB_PAGE_MOVED;   // the reader took the page
        }
        return TaggedPtr.flag(ret);
    }

    private static int rbHeadPageSetUpdate(BufferPage head, BufferPage prev, int oldFlag) {
        return rbHeadPageSet(head, prev, oldFlag, RB_PAGE_UPDATE);
    }

    private static int rbHeadPageSetHead(BufferPage head, BufferPage prev, int oldFlag) {
        return rbHeadPageSet(head, prev, oldFlag, RB_PAGE_HEAD);
    }

    private static int rbHeadPageSetNormal(BufferPage head, BufferPage prev, int oldFlag) {
        return rbHeadPageSet(head, prev, oldFlag, RB_PAGE_NORMAL);
    }

    /** rb_is_head_page(page, list): MOVED if list->next no longer points at page, else its flag. */
    static int rbIsHeadPage(BufferPage page, BufferPage prev) {
        long val = prev.next.load();                                        // val = (unsigned long)list->next
        if (prev.next.ptr(val) != page) {
            return RB_PAGE_MOVED;
        }
        return TaggedPtr.flag(val);
    }

    /** rb_is_reader_page: nothing in the ring points back at the reader page. */
    static boolean rbIsReaderPage(BufferPage page) {
        BufferPage list = page.prev.load();                                 // list = page->list.prev
        return rbIncPage(list) != page;                                     // rb_list_head(list->next) != &page->list
    }

    /** rb_set_head_page: find the page whose predecessor's link is flagged, walking up to 3 laps. */
    BufferPage rbSetHeadPage() {
        if (rbWarnOn(headPage.load() == null, RbWarn.SET_HEAD_NO_HEAD_PAGE)) {
            return null;
        }
        BufferPage list = pages.load();
        if (rbWarnOn(rbIncPage(list.prev.load()) != list, RbWarn.SET_HEAD_PAGES_UNLINKED)) {
            return null;
        }
        BufferPage head = headPage.load();
        BufferPage page = head;
        for (int i = 0; i < 3; i++) {
            do {
                if (rbIsHeadPage(page, page.prev.load()) != RB_PAGE_NORMAL) {
                    headPage.store(page);
                    return page;
                }
                page = rbIncPage(page);                                     // rb_inc_page(&page)
            } while (page != head);
        }
        rbWarnOn(true, RbWarn.SET_HEAD_NOT_FOUND);
        return null;
    }

    // =========================================================================================
    // Writer path (kernel-spec A.4); one writer per CPU, interrupts nest
    // =========================================================================================

    /**
     * ring_buffer_lock_reserve: reserve {@code length} units. Returns the event, still
     * "committing", or null if it was dropped. Follow with {@link #ringBufferUnlockCommit} or
     * {@link #ringBufferDiscardCommit}.
     */
    public RbEvent ringBufferLockReserve(int length) {
        if (recordDisabled.atomicRead() != 0) {                             // atomic_read(&cpu_buffer->record_disabled)
            return null;
        }
        if (length < geometry.minEventSize() || length > geometry.pageSize() || length % geometry.alignment() != 0) {
            return null;   // "len exceeds the maximum" (the model takes whole, aligned event lengths)
        }
        return rbReserveNextEvent(length);
    }

    /** rb_reserve_next_event. */
    RbEvent rbReserveNextEvent(int length) {
        rbStartCommit();
        int nrLoops = 0;
        while (true) {                                                      // again:
            if (rbWarnOn(++nrLoops > RbLayout.RESERVE_MAX_LOOPS, RbWarn.RESERVE_LOOPS)) {
                break;                                                      // goto out_fail
            }
            Object r = rbReserveNext(length);
            if (r == EAGAIN) {
                continue;
            }
            if (r != null) {
                return (RbEvent) r;
            }
            break;
        }
        rbEndCommit();                                                      // out_fail:
        return null;
    }

    private static final Object EAGAIN = new Object();

    /** __rb_reserve_next: the fast path. Returns an event, null, or EAGAIN. */
    private Object rbReserveNext(int length) {
        BufferPage tail = tailPage.readOnce();                              // READ_ONCE(cpu_buffer->tail_page)
        long write = tail.write.localAddReturn(length) & RB_WRITE_MASK;     // LP: local_add_return reserves [write-length, write)
        long tailOffset = write - length;
        if (write > geometry.pageSize()) {
            return rbMoveTail(tailOffset, length, tail);                    // slow path
        }
        // rb_update_event: build the event header at tail (plain stores below write)
        long header = RbEvent.header(RbEvent.TYPE_DATA, true, length, 0);
        tail.page.slot((int) tailOffset).store(header);
        tail.entries.localInc();                                            // local_inc(&tail_page->entries)
        entriesBytes.localAdd(length);                                      // local_add(length, &entries_bytes)
        return new RbEvent(tail, (int) tailOffset, header);
    }

    /** rb_move_tail: the event does not fit on the tail page. */
    private Object rbMoveTail(long tail, int length, BufferPage tailPg) {
        BufferPage commitPg = commitPage.load();                            // cpu_buffer->commit_page
        BufferPage nextPage = rbIncPage(tailPg);                            // rb_inc_page(&next_page)

        if (nextPage == commitPg) {                                         // interrupt storm wrapped to the commit
            commitOverrun.localInc();
            rbResetTail(tail, length, tailPg);                              // out_reset
            return null;
        }

        if (rbIsHeadPage(nextPage, tailPg) != RB_PAGE_NORMAL) {             // the buffer is full up to the head
            // NOTE: next_page is not re-read below. If a reader swaps the tail page out meanwhile, the writer
            // "lets it move out" onto this stale next_page, past the new head (see RingBufferSequenceTest).
            if (!rbIsReaderPage(commitPage.load())) {
                if (!geometry.overwrite()) {
                    droppedEvents.localInc();                               // local_inc(&dropped_events)
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
            } else if (commitPage.load() != tailPage.load() && commitPage.load() == readerPage.load()) {
                commitOverrun.localInc();                                   // commit still on the reader page
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
        rbEndCommit();                                                      // commit what we have for now
        committing.localInc();                                              // rb_end_commit() decs committing: re-take
        return EAGAIN;
    }

    /** rb_tail_page_update: move the tail onto next, zeroing it but keeping the counter bits. */
    private void rbTailPageUpdate(BufferPage tailPg, BufferPage nextPage) {
        long oldWrite = nextPage.write.localAddReturn(RB_WRITE_INTCNT);     // local_add_return(RB_WRITE_INTCNT, &next->write)
        long oldEntries = nextPage.entries.localAddReturn(RB_WRITE_INTCNT); // same for entries
        if (tailPg == tailPage.readOnce()) {                                // nobody moved it: it is up to us
            nextPage.write.localCmpxchg(oldWrite, oldWrite & ~RB_WRITE_MASK);         // zero the index
            nextPage.entries.localCmpxchg(oldEntries, oldEntries & ~RB_WRITE_MASK);   // zero the count
            nextPage.page.commit.localSet(0);                               // local_set(&next->page->commit, 0)
            tailPage.cmpxchg(tailPg, nextPage);                             // LP: cmpxchg(&cpu_buffer->tail_page, tail, next)
            // NOTE: next->read and next->real_end are NOT touched: a page that was a reader page keeps its stale read.
        }
    }

    /** rb_handle_head_page: overwrite mode pushes the head forward. 0 = go on, 1 = retry, -1 = error. */
    private int rbHandleHeadPage(BufferPage tailPg, BufferPage nextPage) {
        long pageEntries = nextPage.entries.localRead() & RB_WRITE_MASK;    // rb_page_entries(next_page)
        int type = rbHeadPageSetUpdate(nextPage, tailPg, RB_PAGE_HEAD);     // cmpxchg HEAD -> UPDATE on tail->next
        switch (type) {
            case RB_PAGE_HEAD:                                              // we own the push: count what is lost
                overrun.localAdd(pageEntries);                              // local_add(entries, &overrun)
                entriesBytes.localSub(geometry.pageSize());                 // local_sub(BUF_PAGE_SIZE, &entries_bytes)
                break;
            case RB_PAGE_UPDATE:                                            // we interrupted another push
                break;
            case RB_PAGE_NORMAL:                                            // an interrupt already did it
            case RB_PAGE_MOVED:                                             // the reader swapped next away
                return 1;
            default:
                rbWarnOn(true, RbWarn.HANDLE_HEAD_FLAG);
                return -1;
        }
        BufferPage newHead = rbIncPage(nextPage);                           // rb_inc_page(&new_head)
        int ret = rbHeadPageSetHead(newHead, nextPage, RB_PAGE_NORMAL);     // cmpxchg NORMAL -> HEAD on next->next
        if (ret != RB_PAGE_HEAD && ret != RB_PAGE_NORMAL) {
            rbWarnOn(true, RbWarn.HANDLE_HEAD_SET_HEAD);
            return -1;
        }
        if (ret == RB_PAGE_NORMAL) {
            BufferPage bufferTailPage = tailPage.readOnce();
            if (bufferTailPage != tailPg && bufferTailPage != nextPage) {   // nested writers went round further
                rbHeadPageSetNormal(newHead, nextPage, RB_PAGE_HEAD);       // undo: cmpxchg HEAD -> NORMAL
            }
        }
        if (type == RB_PAGE_HEAD) {                                         // outermost: clear our UPDATE
            ret = rbHeadPageSetNormal(nextPage, tailPg, RB_PAGE_UPDATE);    // cmpxchg UPDATE -> NORMAL on tail->next
            if (rbWarnOn(ret != RB_PAGE_UPDATE, RbWarn.HANDLE_HEAD_CLEAR_UPDATE)) {
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
                tailPg.realEnd.store(0);                                    // tail_page->real_end = 0
            }
            tailPg.write.localSub(length);                                  // local_sub(length, &tail_page->write)
            return;
        }
        entriesBytes.localAdd(size - tail);                                 // account for padding bytes
        tailPg.realEnd.store(tail);                                         // tail_page->real_end = tail
        if (tail > size - geometry.minEventSize()) {                        // no room for any event
            // rb_event_set_padding: a "null" padding (time_delta 0); write goes back to tail, beyond commit
            tailPg.page.slot((int) tail).store(RbEvent.header(RbEvent.TYPE_PADDING, false, size - (int) tail, 0));
            tailPg.write.localSub(length);                                  // local_sub(length, &tail_page->write)
            return;
        }
        // a discarded-style padding event covers [tail, BUF_PAGE_SIZE)
        tailPg.page.slot((int) tail).store(RbEvent.header(RbEvent.TYPE_PADDING, true, size - (int) tail, 0));
        tailPg.write.localSub((tail + length) - size);                      // write == BUF_PAGE_SIZE exactly
    }

    /** rb_start_commit. */
    private void rbStartCommit() {
        committing.localInc();                                              // local_inc(&committing)
        commits.localInc();                                                 // local_inc(&commits)
    }

    /** rb_end_commit: the outermost committer publishes; retry if an interrupt started meanwhile. */
    private void rbEndCommit() {
        if (rbWarnOn(committing.localRead() == 0, RbWarn.END_COMMIT_NOT_COMMITTING)) {
            return;
        }
        while (true) {                                                      // again:
            long snap = commits.localRead();                                // commits = local_read(&commits)
            if (committing.localRead() == 1) {                              // outermost
                rbSetCommitToWrite();
            }
            committing.localDec();                                          // local_dec(&committing)
            if (commits.localRead() != snap && committing.localRead() == 0) {   // an interrupt reserved after our snapshot
                committing.localInc();
                continue;
            }
            return;
        }
    }

    /** rb_set_commit_to_write: move the commit up to the write position of every page up to the tail. */
    private void rbSetCommitToWrite() {
        while (true) {                                                      // again:
            long maxCount = geometry.ringPages() * 100L;
            while (commitPage.load() != tailPage.readOnce()) {
                if (rbWarnOn(--maxCount == 0, RbWarn.COMMIT_RUNAWAY)) {
                    return;
                }
                if (rbWarnOn(rbIsReaderPage(tailPage.load()), RbWarn.COMMIT_TAIL_IS_READER)) {
                    return;
                }
                BufferPage cp = commitPage.load();
                cp.page.commit.localSet(cp.write.localRead() & RB_WRITE_MASK);   // local_set(&commit_page->page->commit, rb_page_write())
                commitPage.store(rbIncPage(commitPage.load()));             // rb_inc_page(&cpu_buffer->commit_page)
            }
            while (commitPage.load().page.commit.localRead() != (commitPage.load().write.localRead() & RB_WRITE_MASK)) {
                BufferPage cp = commitPage.load();
                cp.page.commit.localSet(cp.write.localRead() & RB_WRITE_MASK);
            }
            if (commitPage.load() != tailPage.readOnce()) {                 // the tail moved meanwhile: again
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
        entries.localInc();                                                 // local_inc(&cpu_buffer->entries)
        rbEndCommit();
    }

    /** ring_buffer_write: reserve, copy the payload, commit. Returns false if the event was dropped. */
    public boolean ringBufferWrite(int length, int id) {
        RbEvent event = ringBufferLockReserve(length);
        if (event == null) {
            return false;
        }
        event.bpage.page.slot(event.index).store(RbEvent.withId(event.header, id));   // memcpy(body, data, length)
        rbCommit();
        return true;
    }

    /** Sets the payload of a reserved, uncommitted event (the caller's memcpy before the commit). */
    public RbEvent setPayload(RbEvent event, int id) {
        long header = RbEvent.withId(event.header, id);
        event.bpage.page.slot(event.index).store(header);
        return new RbEvent(event.bpage, event.index, header);
    }

    /** ring_buffer_discard_commit: the event becomes padding; reclaim its space if it is the last reservation. */
    public void ringBufferDiscardCommit(RbEvent event) {
        // rb_event_discard: "the event is discarded regardless" (plain load and store of the header)
        long header = event.bpage.page.slot(event.index).load();
        event.bpage.page.slot(event.index).store(RbEvent.discarded(header));
        rbWarnOn(committing.localRead() == 0, RbWarn.DISCARD_NOT_COMMITTING);
        rbDecrementEntry(event);
        rbTryToDiscard(event);
        rbEndCommit();                                                      // not rb_commit: entries is not incremented
    }

    /** rb_decrement_entry: find the page holding the event, starting at the commit page. */
    private void rbDecrementEntry(RbEvent event) {
        BufferPage bpage = commitPage.load();
        if (bpage == event.bpage) {                                         // the likely case (bpage->page == addr)
            bpage.entries.localDec();                                       // local_dec(&bpage->entries)
            return;
        }
        bpage = rbIncPage(bpage);
        BufferPage start = bpage;
        do {
            if (bpage == event.bpage) {
                bpage.entries.localDec();
                return;
            }
            bpage = rbIncPage(bpage);
        } while (bpage != start);
        rbWarnOn(true, RbWarn.DECREMENT_ENTRY_NOT_FOUND);
    }

    /** rb_try_to_discard: give the space back only if the event is the last thing reserved on the tail page. */
    private boolean rbTryToDiscard(RbEvent event) {
        long newIndex = event.index;
        long oldIndex = newIndex + event.length();
        BufferPage bpage = tailPage.readOnce();                             // READ_ONCE(cpu_buffer->tail_page)
        // NOTE: v5.13 reads write_stamp here and cmpxchg's it (write_stamp - delta) just before the write
        // cmpxchg below, failing the discard if it changed; the port keeps no timestamps (docs/fidelity.md).
        if (bpage == event.bpage && (bpage.write.localRead() & RB_WRITE_MASK) == oldIndex) {
            long writeMask = bpage.write.localRead() & ~RB_WRITE_MASK;
            long index = bpage.write.localCmpxchg(oldIndex + writeMask, newIndex + writeMask);
            if (index == oldIndex + writeMask) {                            // local_cmpxchg(&bpage->write) succeeded
                entriesBytes.localSub(event.length());
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
        return entries.localRead() - (overrun.localRead() + read.load());
    }

    /** rb_get_reader_page: the reader page if it has more to read, else swap in the head page. */
    BufferPage rbGetReaderPage() {
        lock.archSpinLock();                                                // local_irq_save; arch_spin_lock(&cpu_buffer->lock)
        BufferPage reader = null;
        int nrLoops = 0;
        again:
        while (true) {
            if (rbWarnOn(++nrLoops > 3, RbWarn.READER_PAGE_LOOPS)) {
                reader = null;
                break;
            }
            reader = readerPage.load();
            if (reader.read.load() < reader.page.commit.localRead()) {     // more to read on this page
                break;
            }
            if (rbWarnOn(reader.read.load() > reader.page.commit.localRead(), RbWarn.READER_READ_PAST_COMMIT)) {
                break;
            }
            reader = null;
            if (commitPage.load() == readerPage.load()) {                   // caught up with the writer
                break;
            }
            if (rbNumOfEntries() == 0) {                                    // "don't bother swapping if empty"
                break;
            }
            // reset the reader page; NOTE: read is NOT reset
            BufferPage rp = readerPage.load();
            rp.write.localSet(0);
            rp.entries.localSet(0);
            rp.page.commit.localSet(0);
            rp.realEnd.store(0);
            long overwrite;
            int spins = 0;
            while (true) {                                                  // spin:
                reader = rbSetHeadPage();
                if (reader == null) {
                    break again;
                }
                BufferPage r = readerPage.load();
                r.next.store(r.next.word(rbIncPage(reader), RB_PAGE_NORMAL)); // reader_page->list.next = rb_list_head(reader->list.next)
                r.prev.store(reader.prev.load());                           // reader_page->list.prev = reader->list.prev
                pages.store(reader.prev.load());                            // cpu_buffer->pages = reader->list.prev
                long l = r.next.load();                                     // rb_set_list_to_head(&reader_page->list)
                r.next.store((l & ~TaggedPtr.FLAG_MASK) | RB_PAGE_HEAD);
                mem.smpMb();                                                // smp_mb()
                overwrite = overrun.localRead();
                if (rbHeadPageReplace(reader, readerPage.load())) {         // LP: cmpxchg on reader->prev->next
                    break;
                }
                // a writer holds UPDATE or moved the head: retry (bounded: the writer finishes its push)
                if (rbWarnOn(++spins > 1_000_000, RbWarn.HEAD_REPLACE_SPINS)) {
                    reader = null;
                    break again;
                }
            }
            rbIncPage(reader).prev.store(readerPage.load());                // rb_list_head(reader->list.next)->prev = &reader_page->list
            headPage.store(rbIncPage(headPage.load()));                     // rb_inc_page(&cpu_buffer->head_page)
            readerPage.store(reader);                                       // the old head becomes the reader page
            reader.read.store(0);                                           // cpu_buffer->reader_page->read = 0
            if (overwrite != lastOverrun.load()) {
                lostEvents.store(overwrite - lastOverrun.load());
                lastOverrun.store(overwrite);
            }
        }
        lock.archSpinUnlock();                                              // out: arch_spin_unlock; local_irq_restore
        return reader;
    }

    /** rb_head_page_replace: cmpxchg old->prev->next from (its value with HEAD forced) to new, unflagged. */
    private static boolean rbHeadPageReplace(BufferPage old, BufferPage newPage) {
        TaggedPtr<BufferPage> ptr = old.prev.load().next;                   // ptr = &old->list.prev->next
        long val = (ptr.load() & ~TaggedPtr.FLAG_MASK) | RB_PAGE_HEAD;      // val = *ptr & ~RB_FLAG_MASK | RB_PAGE_HEAD
        long ret = ptr.cmpxchg(val, ptr.word(newPage, RB_PAGE_NORMAL));
        return ret == val;
    }

    /** rb_reader_event: the header at the reader's position (plain loads). */
    private RbEvent rbReaderEvent() {
        BufferPage r = readerPage.load();
        int at = (int) r.read.load();
        long header = r.page.isSlot(at) ? r.page.slot(at).load() : 0;
        return header == 0 ? null : new RbEvent(r, at, header);
    }

    /** rb_advance_reader: step over the event at read; only data events count as read. */
    private void rbAdvanceReader() {
        BufferPage reader = rbGetReaderPage();
        if (rbWarnOn(reader == null, RbWarn.ADVANCE_NO_READER)) {
            return;
        }
        RbEvent event = rbReaderEvent();
        if (event == null) {
            rbWarnOn(true, RbWarn.PEEK_NO_EVENT);
            BufferPage r = readerPage.load();
            r.read.store(r.page.commit.localRead());
            return;
        }
        if (!event.isPadding()) {
            read.store(read.load() + 1);                                    // cpu_buffer->read++
        }
        BufferPage r = readerPage.load();
        r.read.store(r.read.load() + event.length());                       // reader_page->read += length
    }

    /** rb_buffer_peek: the event at the reader's position (padding is returned, not skipped). */
    private RbEvent rbBufferPeek() {
        BufferPage reader = rbGetReaderPage();
        if (reader == null) {
            return null;
        }
        RbEvent event = rbReaderEvent();
        if (event == null) {
            rbWarnOn(true, RbWarn.PEEK_NO_EVENT);
            return null;
        }
        if (event.isNullPadding()) {
            rbWarnOn(true, RbWarn.PEEK_NULL_PADDING);
        }
        return event;
    }

    /** How many padding events one peek/consume steps over before giving up (the kernel does not bound it). */
    private static final int PADDING_LOOP_LIMIT = 100_000;

    /** ring_buffer_peek: the next data event, or null; trailing padding is consumed on the way. */
    public RbEvent ringBufferPeek() {
        for (int loops = 0; loops < PADDING_LOOP_LIMIT; loops++) {         // again:
            readerLock.rawSpinLockIrqsave();                                // local_irq_save; rb_reader_lock
            RbEvent event = rbBufferPeek();
            if (event != null && event.isPadding()) {
                rbAdvanceReader();
            }
            readerLock.rawSpinUnlockIrqrestore();
            if (event == null || !event.isPadding()) {
                return event;
            }
        }
        rbWarnOn(true, RbWarn.PADDING_LOOPS);
        return null;
    }

    /** ring_buffer_consume: take the next data event, or null. */
    public RbEvent ringBufferConsume() {
        for (int loops = 0; loops < PADDING_LOOP_LIMIT; loops++) {         // again:
            readerLock.rawSpinLockIrqsave();
            RbEvent event = rbBufferPeek();
            if (event != null) {
                lostEvents.store(0);                                        // cpu_buffer->lost_events = 0
                rbAdvanceReader();
            }
            readerLock.rawSpinUnlockIrqrestore();
            if (event == null || !event.isPadding()) {
                return event;
            }
        }
        rbWarnOn(true, RbWarn.PADDING_LOOPS);
        return null;
    }

    /** ring_buffer_empty_cpu: rb_per_cpu_empty under the reader lock. */
    public boolean ringBufferEmptyCpu() {
        readerLock.rawSpinLockIrqsave();
        boolean ret = rbPerCpuEmpty();
        readerLock.rawSpinUnlockIrqrestore();
        return ret;
    }

    /** rb_num_of_entries under the reader lock. */
    public long numOfEntries() {
        readerLock.rawSpinLockIrqsave();
        long n = rbNumOfEntries();
        readerLock.rawSpinUnlockIrqrestore();
        return n;
    }

    /**
     * rb_per_cpu_empty, as called under the reader lock: the one place where the variants differ.
     * It reads writer-owned values with plain loads, so its answer is a racy snapshot ("yes this
     * is racy"); the loads happen in the order the C expression evaluates them.
     */
    boolean rbPerCpuEmpty() {
        BufferPage reader = readerPage.load();
        BufferPage head = rbSetHeadPage();
        BufferPage commit = commitPage.load();
        if (head == null) {                                                 // in case of error, head will be NULL
            return true;
        }
        switch (emptyCheck) {
            case V5_13:
                return reader.read.load() == reader.page.commit.localRead()
                        && (commit == reader
                            || (commit == head && head.read.load() == commit.page.commit.localRead()));   // trusts head->read: stale
            case FIXED_67F0D6D9:
                if (reader.read.load() != reader.page.commit.localRead()) { // reader should exhaust the reader page
                    return false;
                }
                if (commit == reader) {                                     // writer commits on the reader page
                    return true;
                }
                if (commit != head) {                                       // content between head and commit
                    return false;
                }
                return commit.page.commit.localRead() == 0;                 // writer commits on the head page
            default:
                throw new AssertionError(emptyCheck);
        }
    }

    /** What {@code check}'s rb_per_cpu_empty would answer on this state (an offline probe; the state is not changed). */
    public boolean perCpuEmptyAs(EmptyCheck check) {
        RingBufferPerCpu probe = new RingBufferPerCpu(geometry, check, new Memory(), names());
        probe.restoreFrom(this);
        probe.readerLock.poke(0);      // an offline probe of a state where a CPU may hold the locks mid-operation
        probe.lock.poke(0);
        return probe.ringBufferEmptyCpu();
    }

    // =========================================================================================
    // Diagnostics
    // =========================================================================================

    /** RB_WARN_ON: on {@code cond}, disable recording (atomic_inc(&record_disabled)) and WARN; returns cond. */
    boolean rbWarnOn(boolean cond, RbWarn site) {
        if (cond) {
            recordDisabled.atomicInc();
            firstWarning.cmpxchg(0, site.ordinal() + 1);                    // the port's record of the WARN
        }
        return cond;
    }

    /** How many RB_WARN_ONs fired (record_disabled). */
    public int warnings() { return (int) recordDisabled.peek(); }

    /** The first RB_WARN_ON that fired, or null. */
    public RbWarn firstWarningSite() {
        long w = firstWarning.peek();
        return w == 0 ? null : RbWarn.values()[(int) w - 1];
    }

    public String firstWarning() {
        RbWarn w = firstWarningSite();
        return w == null ? null : w.what();
    }

    public BufferPage readerPage() { return readerPage.peekPtr(); }

    public BufferPage tailPage() { return tailPage.peekPtr(); }

    public BufferPage commitPage() { return commitPage.peekPtr(); }

    BufferPage pagesAnchor() { return pages.peekPtr(); }

    /** The page whose predecessor's link carries a flag (without touching the cached hint), or null. */
    public BufferPage flaggedHeadPage() {
        for (BufferPage p : ringPages()) {
            BufferPage prev = p.prev.peekPtr();
            if (prev.peekNext() == p && prev.peekNextFlag() != RB_PAGE_NORMAL) {
                return p;
            }
        }
        return null;
    }

    /** The pages in ring order, starting at the flagged head page (or at pages if none is flagged). */
    public List<BufferPage> ringPages() {
        List<BufferPage> ring = new ArrayList<>();
        BufferPage start = null;
        BufferPage p = pages.peekPtr();
        for (int i = 0; i <= geometry.ringPages(); i++) {
            BufferPage prev = p.prev.peekPtr();
            if (prev.peekNext() == p && prev.peekNextFlag() != RB_PAGE_NORMAL) {
                start = p;
                break;
            }
            p = p.peekNext();
        }
        if (start == null) start = pages.peekPtr();
        p = start;
        do {
            ring.add(p);
            p = p.peekNext();
        } while (p != start && ring.size() <= geometry.ringPages());
        return ring;
    }

    public long entries() { return entries.peek(); }

    public long overrun() { return overrun.peek(); }

    public long readCount() { return read.peek(); }

    public long committing() { return committing.peek(); }

    public long commitOverrun() { return commitOverrun.peek(); }

    public long droppedEvents() { return droppedEvents.peek(); }

    public long entriesBytes() { return entriesBytes.peek(); }

    List<BufferPage> allPages() { return List.of(allPages); }

    /**
     * A canonical key of the state at writer quiescence, for exhaustive exploration. Pages are
     * named by position (the head page first, then the ring in order, then the reader page), so
     * states that differ only by which physical page is where get the same key. Left out, because
     * they change no later behaviour of the model: event payload ids, the tail-update counter bits
     * above RB_WRITE_MASK, the cached head_page hint and the pages anchor, statistics
     * (commit_overrun, dropped_events, entries_bytes, commits, lost-event bookkeeping) and the
     * absolute counters (only entries - overrun - read is kept). Why this is sound: no code path
     * compares those values with anything but themselves (commits only with its own snapshot taken
     * inside one rb_end_commit, which is never open at quiescence), and no page is named by address.
     */
    public int[] stateKey() {
        List<BufferPage> order = new ArrayList<>(ringPages());
        BufferPage reader = readerPage.peekPtr();
        order.add(reader);
        Map<BufferPage, Integer> pos = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) pos.put(order.get(i), i);
        int[] buf = new int[16 + order.size() * (8 + 2 * geometry.pageSize())];
        int k = 0;
        buf[k++] = pos.getOrDefault(tailPage.peekPtr(), -1);
        buf[k++] = pos.getOrDefault(commitPage.peekPtr(), -1);
        buf[k++] = (int) (entries.peek() - (overrun.peek() + read.peek()));
        buf[k++] = (int) committing.peek();
        buf[k++] = (int) firstWarning.peek();
        for (BufferPage p : order) {
            buf[k++] = pos.getOrDefault(p.peekNext(), -1);
            buf[k++] = p.peekNextFlag();
            buf[k++] = pos.getOrDefault(p.prev.peekPtr(), -1);
            int w = (int) p.pageWrite();
            buf[k++] = w;
            buf[k++] = (int) p.pageEntries();
            buf[k++] = (int) p.pageCommit();
            buf[k++] = p.read();
            buf[k++] = p.realEnd();
            for (int off = 0; off < w && off <= geometry.pageSize(); ) {
                RbEvent e = p.eventAt(off);
                if (e == null) { buf[k++] = -1; off += geometry.alignment(); continue; }
                buf[k++] = e.isPadding() ? -e.length() : e.length();
                off += Math.max(geometry.alignment(), e.length());
            }
            buf[k++] = Integer.MIN_VALUE;   // page separator
        }
        return Arrays.copyOf(buf, k);
    }

    /**
     * The state as data (maps, lists, strings, numbers, booleans): exactly what {@link #toString()}
     * prints, which is formatted from this same tree; pictures of the buffer (the HTML report) draw
     * from it. Keys in {@link RingBufferPrinter#data}. Reads with peeks only: no scheduling.
     */
    public Map<String, Object> snapshotData() {
        return RingBufferPrinter.data(this);
    }

    @Override
    public String toString() {
        return RingBufferPrinter.print(this);
    }
}
