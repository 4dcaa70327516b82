package dev.kmc.model.ringbuffer;

import java.util.List;

/**
 * Prints a per-CPU buffer the way a kernel hacker reads one: the counters, the reader page,
 * then the ring from the head page, each page with write/commit/read/entries, its role
 * (HEAD, TAIL, COMMIT) and its events ({@code ?N}: N bytes holding no known event, as in a
 * snapshot); a '|' marks the reader's position. A page in the ring
 * whose read is not 0 is marked STALE: that value is only meaningful on the reader page.
 */
final class RingBufferPrinter {
    private RingBufferPrinter() { }

    static String print(RingBufferPerCpu cpu) {
        StringBuilder sb = new StringBuilder();
        BufferPage reader = cpu.readerPage();
        BufferPage head = cpu.flaggedHeadPage();
        BufferPage tail = cpu.tailPage();
        BufferPage commit = cpu.commitPage();
        long num = cpu.entries() - (cpu.overrun() + cpu.readCount());
        sb.append("per-CPU buffer [").append(cpu.emptyCheck().label()).append("] ").append(cpu.geometry()).append('\n');
        sb.append(String.format("  entries %d  overrun %d  read %d  => rb_num_of_entries %d   committing %d  dropped %d  commit_overrun %d%s%n",
                cpu.entries(), cpu.overrun(), cpu.readCount(), num, cpu.committing(), cpu.droppedEvents(), cpu.commitOverrun(),
                cpu.lockHolders()));
        sb.append("  reader page:\n");
        line(sb, reader, reader, head, tail, commit, cpu.geometry().pageSize());
        sb.append("  ring from head:\n");
        List<BufferPage> ring = cpu.ringPages();
        for (BufferPage p : ring) {
            line(sb, p, reader, head, tail, commit, cpu.geometry().pageSize());
        }
        boolean pre = cpu.perCpuEmptyAs(EmptyCheck.V5_13);
        boolean post = cpu.perCpuEmptyAs(EmptyCheck.FIXED_67F0D6D9);
        sb.append(String.format("  rb_per_cpu_empty: v5.13 says %s, fixed says %s%s%n",
                pre ? "EMPTY" : "NOT EMPTY", post ? "EMPTY" : "NOT EMPTY",
                (commit == head && head != null && head.read() != 0 && commit != reader)
                        ? "   <- commit == head and head->read " + head.read() + " is stale" : ""));
        if (cpu.warnings() > 0) {
            sb.append("  RB_WARN_ON fired ").append(cpu.warnings()).append("x, first: ").append(cpu.firstWarning()).append('\n');
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, BufferPage p, BufferPage reader, BufferPage head,
                             BufferPage tail, BufferPage commit, int pageSize) {
        StringBuilder roles = new StringBuilder();
        if (p == head) roles.append(" HEAD");
        if (p == tail) roles.append(" TAIL");
        if (p == commit) roles.append(" COMMIT");
        String role = roles.length() == 0 ? "" : "(" + roles.substring(1) + ")";
        boolean stale = p != reader && p.read() != 0;
        sb.append(String.format("    %-3s%-20s write %d commit %d read %d%s entries %d real_end %d  [%s]  next%s%n",
                p.name(), role, p.pageWrite(), p.pageCommit(), p.read(), stale ? " STALE" : "",
                p.pageEntries(), p.realEnd(), events(p, p == reader, pageSize), link(p)));
    }

    /** list.next as "->P1|HEAD". */
    static String link(BufferPage p) {
        int flag = p.peekNextFlag();
        return "->" + p.peekNext().name() + (flag == 0 ? "" : "|" + RbLayout.flagName(flag));
    }

    private static String events(BufferPage p, boolean isReader, int pageSize) {
        StringBuilder sb = new StringBuilder();
        long end = Math.max(p.pageWrite(), p.pageCommit());
        int off = 0;
        while (off < end && off <= pageSize) {
            if (isReader && off == p.read()) sb.append(sb.length() == 0 ? "| " : " | ");
            else if (sb.length() > 0) sb.append(' ');
            RbEvent e = p.eventAt(off);
            if (e == null) {                                   // bytes with no known event (a snapshot has no payloads)
                int from = off;
                while (off < end && off <= pageSize && p.eventAt(off) == null && !(isReader && off == p.read() && off > from)) off++;
                sb.append('?').append(off - from);
                continue;
            }
            sb.append(e);
            off += Math.max(1, e.length());
            // (a kernel-geometry page steps by RB_ALIGNMENT through bytes with no event: eventAt is null there)
        }
        if (isReader && off == p.read() && off > 0) sb.append(" |");
        return sb.toString();
    }
}
