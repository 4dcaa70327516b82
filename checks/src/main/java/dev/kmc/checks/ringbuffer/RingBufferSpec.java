package dev.kmc.checks.ringbuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The sequential specification of a consuming trace reader on one per-CPU buffer, written
 * independently of the port: pages are lists of events, the ring is a deque from the head
 * page, and there are no flags, counters, cmpxchg or per-page read offsets. Emptiness is
 * defined by content: the buffer is empty iff nothing unread is left on the reader page and
 * no data event is waiting in the ring.
 *
 * <p>Capacity (non-overwrite mode only, the configuration the checks use), as the kernel
 * documents it: an event that does not fit on the tail page seals that page with padding and
 * moves to the next page; moving onto the head page from inside the ring drops the event
 * (the sealed page stays sealed); moving off the reader page is always allowed (the ring
 * holds nothing unread then). A discard gives its space back, so a discarded event that moved
 * the tail leaves the new tail page empty.
 *
 * <p>Lincheck needs a public no-arg constructor; other geometries come from subclasses.
 */
public class RingBufferSpec {

    private static final int PADDING = 0;

    /** A page of the abstract model: its events (id, or PADDING) with their sizes. */
    private static final class Page {
        final List<int[]> events = new ArrayList<>();   // {id, size}
        int fill;

        void clear() {
            events.clear();
            fill = 0;
        }

        long dataCount() {
            return events.stream().filter(e -> e[0] != PADDING).count();
        }
    }

    private final int cap;
    private final int minEvent;
    private final ArrayDeque<Page> ring = new ArrayDeque<>();   // ring order, head first
    private Page reader = new Page();
    private int readPos;                                        // next unread event on the reader page
    private Page tail;
    private int nextId;

    /** The geometry of {@link RingBufferLincheck#GEOMETRY} (only its sizes, none of the port's logic). */
    public RingBufferSpec() {
        this(RingBufferLincheck.GEOMETRY.ringPages(), RingBufferLincheck.GEOMETRY.pageSize(),
                RingBufferLincheck.GEOMETRY.minEventSize());
    }

    /** A specification of a buffer of this geometry (non-overwrite mode). */
    public static RingBufferSpec of(dev.kmc.model.ringbuffer.Geometry geometry) {
        if (geometry.overwrite()) {
            throw new IllegalArgumentException("the specification covers non-overwrite mode only: " + geometry);
        }
        return new RingBufferSpec(geometry.ringPages(), geometry.pageSize(), geometry.minEventSize());
    }

    protected RingBufferSpec(int ringPages, int cap, int minEvent) {
        this.cap = cap;
        this.minEvent = minEvent;
        for (int i = 0; i < ringPages; i++) ring.addLast(new Page());
        tail = ring.peekFirst();
    }

    public boolean write(int size) {
        int id = ++nextId;
        return reserve(size, id) != null;
    }

    public boolean reserveDiscard(int size) {
        int[] event = reserve(size, PADDING);
        if (event == null) return false;
        tail.events.remove(tail.events.size() - 1);             // the last reservation: its space comes back
        tail.fill -= size;
        return true;
    }

    public String consume() {
        return next(true);
    }

    public String peek() {
        return next(false);
    }

    public boolean isEmpty() {
        return readPos >= reader.events.size() && ringData() == 0;
    }

    public String readPipe() {
        if (isEmpty()) return "EMPTY";
        String e = consume();
        return e != null ? e : (isEmpty() ? "EMPTY" : "DEADLOOP");
    }

    private int[] reserve(int size, int id) {
        if (size < minEvent || size > cap) return null;
        if (tail.fill + size > cap) {
            boolean onReader = tail == reader;
            Page next = onReader ? ring.peekFirst() : after(tail);
            seal(tail);
            if (!onReader && next == ring.peekFirst()) {
                return null;                                    // full up to the head page: dropped
            }
            next.clear();
            tail = next;
        }
        int[] event = {id, size};
        tail.events.add(event);
        tail.fill += size;
        return event;
    }

    private void seal(Page p) {
        int rest = cap - p.fill;
        if (rest >= minEvent) {
            p.events.add(new int[] {PADDING, rest});            // visible padding: readers step over it
            p.fill = cap;
        }
    }

    private Page after(Page p) {
        Iterator<Page> it = ring.iterator();
        while (it.hasNext()) {
            if (it.next() == p) return it.hasNext() ? it.next() : ring.peekFirst();
        }
        throw new IllegalStateException("page not in the ring");
    }

    /** Unread data events in the ring: on the pages from the head up to the tail. */
    private long ringData() {
        if (tail == reader) return 0;
        long n = 0;
        for (Page p : ring) {
            n += p.dataCount();
            if (p == tail) break;
        }
        return n;
    }

    private String next(boolean consume) {
        while (true) {
            while (readPos < reader.events.size()) {
                int[] e = reader.events.get(readPos);
                if (e[0] == PADDING) {
                    readPos++;
                    continue;
                }
                if (consume) readPos++;
                return "e" + e[0];
            }
            if (tail == reader || ringData() == 0) return null;
            Page old = reader;                                  // the read-out reader page takes the head's place
            old.clear();
            reader = ring.pollFirst();
            ring.addLast(old);
            readPos = 0;
        }
    }
}
