package dev.kmc.model.ringbuffer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a per-CPU buffer the way a kernel hacker reads one: the counters, the reader page,
 * then the ring from the head page, each page with write/commit/read/entries, its role
 * (HEAD, TAIL, COMMIT) and its events ({@code ?N}: N bytes holding no known event, as in a
 * snapshot); a '|' marks the reader's position. A page in the ring
 * whose read is not 0 is marked STALE: that value is only meaningful on the reader page.
 *
 * <p>Two halves: {@link #data} reads the buffer once into a tree of maps, lists, strings, numbers
 * and booleans (the structured snapshot the HTML report draws from), and {@link #print} formats
 * only that tree. So the text and the picture cannot disagree: they are made from the same values.
 */
final class RingBufferPrinter {
    private RingBufferPrinter() { }

    static String print(RingBufferPerCpu cpu) {
        return print(data(cpu));
    }

    /**
     * The buffer as data. Keys: {@code kind} ("ringbuffer"), {@code check}, {@code geometry},
     * {@code pageSize}, the counters ({@code entries overrun read numEntries committing dropped
     * commitOverrun}), {@code locks} (held locks), {@code readerPage} (a page), {@code ring} (pages
     * from the head), {@code emptyV513} and {@code emptyFixed} (what each variant's
     * rb_per_cpu_empty answers here), {@code staleHead} (the head page's stale read when commit ==
     * head, else absent), {@code flaggedLink} ({@code from}, {@code to}, {@code flag}, or absent),
     * {@code warnings} and {@code firstWarning}. A page: {@code name roles write commit read stale
     * entries realEnd isReader next nextFlag events eventsEnd}; an event: {@code off text}.
     */
    static Map<String, Object> data(RingBufferPerCpu cpu) {
        BufferPage reader = cpu.readerPage();
        BufferPage head = cpu.flaggedHeadPage();
        BufferPage tail = cpu.tailPage();
        BufferPage commit = cpu.commitPage();
        int pageSize = cpu.geometry().pageSize();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", "ringbuffer");
        d.put("check", cpu.emptyCheck().label());
        d.put("geometry", cpu.geometry().toString());
        d.put("pageSize", pageSize);
        d.put("entries", cpu.entries());
        d.put("overrun", cpu.overrun());
        d.put("read", cpu.readCount());
        d.put("numEntries", cpu.entries() - (cpu.overrun() + cpu.readCount()));
        d.put("committing", cpu.committing());
        d.put("dropped", cpu.droppedEvents());
        d.put("commitOverrun", cpu.commitOverrun());
        d.put("locks", cpu.locksHeld());
        d.put("readerPage", page(reader, reader, head, tail, commit, pageSize));
        List<Object> ring = new ArrayList<>();
        for (BufferPage p : cpu.ringPages()) ring.add(page(p, reader, head, tail, commit, pageSize));
        d.put("ring", ring);
        d.put("emptyV513", cpu.perCpuEmptyAs(EmptyCheck.V5_13));
        d.put("emptyFixed", cpu.perCpuEmptyAs(EmptyCheck.FIXED_67F0D6D9));
        if (commit == head && head != null && head.read() != 0 && commit != reader) {
            d.put("staleHead", Map.of("page", head.name(), "read", head.read()));
        }
        for (BufferPage p : cpu.allPages()) {
            if (p.peekNextFlag() != 0) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("from", p.name());
                link.put("to", p.peekNext().name());
                link.put("flag", RbLayout.flagName(p.peekNextFlag()));
                d.put("flaggedLink", link);
                break;
            }
        }
        d.put("warnings", cpu.warnings());
        if (cpu.warnings() > 0) d.put("firstWarning", cpu.firstWarning());
        return d;
    }

    private static Map<String, Object> page(BufferPage p, BufferPage reader, BufferPage head, BufferPage tail,
                                            BufferPage commit, int pageSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> roles = new ArrayList<>();
        if (p == head) roles.add("HEAD");
        if (p == tail) roles.add("TAIL");
        if (p == commit) roles.add("COMMIT");
        m.put("name", p.name());
        m.put("roles", roles);
        m.put("write", p.pageWrite());
        m.put("commit", p.pageCommit());
        m.put("read", p.read());
        m.put("stale", p != reader && p.read() != 0);
        m.put("entries", p.pageEntries());
        m.put("realEnd", p.realEnd());
        m.put("isReader", p == reader);
        m.put("next", p.peekNext().name());
        int flag = p.peekNextFlag();
        m.put("nextFlag", flag == 0 ? "" : RbLayout.flagName(flag));
        List<Object> events = new ArrayList<>();
        boolean isReader = p == reader;
        long end = Math.max(p.pageWrite(), p.pageCommit());
        int off = 0;
        while (off < end && off <= pageSize) {
            RbEvent e = p.eventAt(off);
            if (e == null) {                                   // bytes with no known event (a snapshot has no payloads)
                int from = off;
                while (off < end && off <= pageSize && p.eventAt(off) == null && !(isReader && off == p.read() && off > from)) off++;
                events.add(Map.of("off", from, "len", off - from, "text", "?" + (off - from)));
                continue;
            }
            events.add(Map.of("off", off, "len", e.length(), "text", e.toString()));
            off += Math.max(1, e.length());
            // (a kernel-geometry page steps by RB_ALIGNMENT through bytes with no event: eventAt is null there)
        }
        m.put("events", events);
        m.put("eventsEnd", off);
        return m;
    }

    /** Formats a tree made by {@link #data}: nothing else is read. */
    @SuppressWarnings("unchecked")
    static String print(Map<String, Object> d) {
        StringBuilder sb = new StringBuilder();
        sb.append("per-CPU buffer [").append(d.get("check")).append("] ").append(d.get("geometry")).append('\n');
        StringBuilder locks = new StringBuilder();
        for (Object l : (List<Object>) d.get("locks")) locks.append(' ').append(l);
        sb.append(String.format("  entries %d  overrun %d  read %d  => rb_num_of_entries %d   committing %d  dropped %d  commit_overrun %d%s%n",
                d.get("entries"), d.get("overrun"), d.get("read"), d.get("numEntries"), d.get("committing"), d.get("dropped"),
                d.get("commitOverrun"), locks));
        sb.append("  reader page:\n");
        line(sb, (Map<String, Object>) d.get("readerPage"));
        sb.append("  ring from head:\n");
        for (Object p : (List<Object>) d.get("ring")) line(sb, (Map<String, Object>) p);
        Map<String, Object> stale = (Map<String, Object>) d.get("staleHead");
        sb.append(String.format("  rb_per_cpu_empty: v5.13 says %s, fixed says %s%s%n",
                (Boolean) d.get("emptyV513") ? "EMPTY" : "NOT EMPTY", (Boolean) d.get("emptyFixed") ? "EMPTY" : "NOT EMPTY",
                stale != null ? "   <- commit == head and head->read " + stale.get("read") + " is stale" : ""));
        int warnings = (Integer) d.get("warnings");
        if (warnings > 0) {
            sb.append("  RB_WARN_ON fired ").append(warnings).append("x, first: ").append(d.get("firstWarning")).append('\n');
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void line(StringBuilder sb, Map<String, Object> p) {
        List<String> roles = (List<String>) p.get("roles");
        String role = roles.isEmpty() ? "" : "(" + String.join(" ", roles) + ")";
        String flag = (String) p.get("nextFlag");
        sb.append(String.format("    %-3s%-20s write %d commit %d read %d%s entries %d real_end %d  [%s]  next%s%n",
                p.get("name"), role, p.get("write"), p.get("commit"), p.get("read"), (Boolean) p.get("stale") ? " STALE" : "",
                p.get("entries"), p.get("realEnd"), events(p), "->" + p.get("next") + (flag.isEmpty() ? "" : "|" + flag)));
    }

    @SuppressWarnings("unchecked")
    private static String events(Map<String, Object> p) {
        boolean isReader = (Boolean) p.get("isReader");
        int read = (Integer) p.get("read");
        StringBuilder sb = new StringBuilder();
        for (Object o : (List<Object>) p.get("events")) {
            Map<String, Object> e = (Map<String, Object>) o;
            int off = (Integer) e.get("off");
            if (isReader && off == read) sb.append(sb.length() == 0 ? "| " : " | ");
            else if (sb.length() > 0) sb.append(' ');
            sb.append(e.get("text"));
        }
        int end = (Integer) p.get("eventsEnd");
        if (isReader && end == read && end > 0) sb.append(" |");
        return sb.toString();
    }

    /** list.next as "->P1|HEAD". */
    static String link(BufferPage p) {
        int flag = p.peekNextFlag();
        return "->" + p.peekNext().name() + (flag == 0 ? "" : "|" + RbLayout.flagName(flag));
    }
}
