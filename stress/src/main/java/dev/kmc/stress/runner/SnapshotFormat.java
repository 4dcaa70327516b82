package dev.kmc.stress.runner;

import static dev.kmc.model.ringbuffer.RbLayout.BUF_PAGE_SIZE;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_HEAD;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_NORMAL;
import static dev.kmc.model.ringbuffer.RbLayout.RB_PAGE_UPDATE;
import static dev.kmc.model.ringbuffer.RbLayout.RB_WRITE_MASK;

import dev.kmc.model.ringbuffer.RingBufferSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the plain-text ring-buffer snapshot of {@code kmc snapshot} (the format is documented in
 * the README): a {@code [cpu]} section with the per-CPU fields, then a {@code [page NAME]}
 * section per captured {@code buffer_page}. Numbers are decimal or hex (0x...). A page is named
 * by any token, typically its address; a {@code next} is a page name, optionally with
 * {@code |HEAD} or {@code |UPDATE}, or the raw pointer value whose low two bits are the flag.
 * Errors name the line and the field; the result lists what kmc assumed.
 */
final class SnapshotFormat {
    private SnapshotFormat() { }

    static final List<String> CPU_FIELDS = List.of("entries", "overrun", "read", "commits", "committing", "entries_bytes",
            "head_page", "tail_page", "commit_page", "reader_page", "nr_pages");
    private static final Set<String> CPU_OPTIONAL = Set.of("nr_pages");
    /** The port keeps every page's events in memory: about 16 KiB a page. */
    private static final int MAX_PAGES = 10_000;
    static final List<String> PAGE_FIELDS = List.of("write", "read", "entries", "real_end", "commit", "next");

    /** A parsed snapshot, what kmc assumed, and which pages it made up. */
    record Result(String cpu, RingBufferSnapshot snapshot, List<String> assumed, Set<String> assumedPages) { }

    private record Value(String text, int line) { }

    private static final class Section {
        final String name;   // null for [cpu]
        final int line;
        final Map<String, Value> fields = new LinkedHashMap<>();

        Section(String name, int line) {
            this.name = name;
            this.line = line;
        }

        String title() { return name == null ? "[cpu]" : "[page " + name + "]"; }
    }

    private record Ref(String name, int flag, int line) { }

    private static final Pattern SECTION = Pattern.compile("\\[\\s*(cpu|page)(?:\\s+(\\S+))?\\s*]");
    private static final Pattern FIELD = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(\\S+)");

    static Result parse(String source, List<String> lines) {
        Parser p = new Parser(source);
        return p.parse(lines);
    }

    private static final class Parser {
        final String source;
        Section cpu;
        String cpuLabel;
        final Map<String, Section> pages = new LinkedHashMap<>();
        final List<String> assumed = new ArrayList<>();

        Parser(String source) {
            this.source = source;
        }

        UsageException error(int line, String message) {
            return new UsageException(source + ":" + line + ": " + message);
        }

        Result parse(List<String> lines) {
            Section current = null;
            for (int i = 0; i < lines.size(); i++) {
                int line = i + 1;
                String l = lines.get(i).replaceFirst("#.*", "").strip();
                if (l.isEmpty()) continue;
                Matcher s = SECTION.matcher(l);
                Matcher f = FIELD.matcher(l);
                if (s.matches()) {
                    current = section(s, line);
                } else if (f.matches()) {
                    field(current, f.group(1), f.group(2), line);
                } else {
                    throw error(line, "cannot read '" + l + "': expected [cpu], [page NAME], FIELD = VALUE or a # comment");
                }
            }
            if (cpu == null) {
                throw new UsageException(source + ": no [cpu] section; a snapshot has one, with " + String.join(", ", CPU_FIELDS));
            }
            return build();
        }

        private Section section(Matcher m, int line) {
            if (m.group(1).equals("cpu")) {
                if (cpu != null) throw error(line, "[cpu] is given twice (first at line " + cpu.line + "); a snapshot is one per-CPU buffer");
                cpu = new Section(null, line);
                cpuLabel = m.group(2) == null ? "" : "cpu " + m.group(2);
                return cpu;
            }
            String name = m.group(2);
            if (name == null) throw error(line, "[page] needs a name, e.g. [page 0xffff888100a3c000] or [page P0]");
            if (pages.containsKey(name)) throw error(line, "[page " + name + "] is given twice (first at line " + pages.get(name).line + ")");
            Section s = new Section(name, line);
            pages.put(name, s);
            return s;
        }

        private void field(Section s, String field, String value, int line) {
            if (s == null) throw error(line, field + " is outside a section; start with [cpu] or [page NAME]");
            List<String> accepted = s == cpu ? CPU_FIELDS : PAGE_FIELDS;
            if (!accepted.contains(field)) {
                throw error(line, "unknown field '" + field + "' in " + s.title() + "; accepted: " + String.join(", ", accepted));
            }
            Value old = s.fields.put(field, new Value(value, line));
            if (old != null) throw error(line, field + " is given twice in " + s.title() + " (first at line " + old.line + ")");
        }

        private long number(Section s, String field) {
            Value v = s.fields.get(field);
            String t = v.text;
            try {
                long n = t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
                if (n < 0) throw error(v.line, field + " = " + t + " cannot be: it is never negative");
                return n;
            } catch (NumberFormatException e) {
                throw error(v.line, field + ": '" + t + "' is not a number; accepted: decimal (4080) or hex (0xff0)");
            }
        }

        /** A page reference: a defined page by name, NAME|HEAD / NAME|UPDATE, or a pointer whose low two bits are the flag. */
        private Ref ref(Section s, String field) {
            Value v = s.fields.get(field);
            String t = v.text;
            int bar = t.indexOf('|');
            if (bar >= 0) {
                String flag = t.substring(bar + 1);
                if (!flag.equals("HEAD") && !flag.equals("UPDATE")) {
                    throw error(v.line, field + ": unknown flag '" + flag + "' in '" + t + "'; accepted: NAME, NAME|HEAD, NAME|UPDATE or a pointer value");
                }
                return new Ref(t.substring(0, bar), flag.equals("HEAD") ? RB_PAGE_HEAD : RB_PAGE_UPDATE, v.line);
            }
            if (pages.containsKey(t)) return new Ref(t, RB_PAGE_NORMAL, v.line);
            Long value = pointer(t);
            if (value != null) {
                for (String name : pages.keySet()) {
                    Long p = pointer(name);
                    if (p != null && p == (value & ~3L)) return new Ref(name, (int) (value & 3), v.line);
                }
                return new Ref("0x" + Long.toHexString(value & ~3L), (int) (value & 3), v.line);
            }
            return new Ref(t, RB_PAGE_NORMAL, v.line);
        }

        private static Long pointer(String t) {
            try {
                return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** A per-CPU pointer field: it must name a captured page, without flags. */
        private String pageField(String field) {
            Ref r = ref(cpu, field);
            if (r.flag != RB_PAGE_NORMAL) {
                throw error(r.line, field + " = " + cpu.fields.get(field).text + " carries a flag, which cannot be: only list.next"
                        + " pointers carry HEAD or UPDATE; give the page's NAME");
            }
            if (!pages.containsKey(r.name)) {
                throw error(r.line, field + " names page " + cpu.fields.get(field).text + ", which is not defined; defined pages: "
                        + String.join(", ", pages.keySet()) + " (the pages head_page, tail_page, commit_page and reader_page name"
                        + " must be captured)");
            }
            return r.name;
        }

        private Result build() {
            for (String f : CPU_FIELDS) {
                if (!CPU_OPTIONAL.contains(f) && !cpu.fields.containsKey(f)) {
                    throw error(cpu.line, "[cpu] has no " + f + "; required: " + String.join(", ", CPU_FIELDS.subList(0, 10)));
                }
            }
            for (Section p : pages.values()) {
                for (String f : PAGE_FIELDS) {
                    if (!p.fields.containsKey(f)) {
                        throw error(p.line, p.title() + " has no " + f + "; required: " + String.join(", ", PAGE_FIELDS));
                    }
                }
            }
            String head = pageField("head_page"), tail = pageField("tail_page"), commit = pageField("commit_page");
            String reader = pageField("reader_page");
            if (head.equals(reader)) throw error(cpu.fields.get("head_page").line, "head_page cannot be the reader page " + reader);
            Integer nrPages = null;
            if (cpu.fields.containsKey("nr_pages")) {
                long n = number(cpu, "nr_pages");
                if (n < 2) throw error(cpu.fields.get("nr_pages").line, "nr_pages = " + n + " cannot be: the kernel allocates at least 2 ring pages");
                if (n > MAX_PAGES) throw error(cpu.fields.get("nr_pages").line, "nr_pages = " + n + ": kmc builds at most " + MAX_PAGES + " ring pages");
                nrPages = (int) n;
            }
            Map<String, RingBufferSnapshot.Page> built = new LinkedHashMap<>();
            for (Section p : pages.values()) built.put(p.name, page(p));
            List<String> ring = ring(head, reader, nrPages, built);
            return validate(built, ring, head, tail, commit, reader);
        }

        private RingBufferSnapshot.Page page(Section p) {
            long write = number(p, "write"), entries = number(p, "entries"), commit = number(p, "commit");
            long read = number(p, "read"), realEnd = number(p, "real_end");
            if (commit > BUF_PAGE_SIZE) throw error(line(p, "commit"), "commit = " + commit + " cannot be: it is beyond the page size " + BUF_PAGE_SIZE + " (BUF_PAGE_SIZE)");
            if (realEnd > BUF_PAGE_SIZE) throw error(line(p, "real_end"), "real_end = " + realEnd + " cannot be: it is beyond the page size " + BUF_PAGE_SIZE);
            if (read > BUF_PAGE_SIZE) throw error(line(p, "read"), "read = " + read + " cannot be: it is beyond the page size " + BUF_PAGE_SIZE);
            Ref next = ref(p, "next");
            if (next.flag == 3) throw error(next.line, "next carries flag bits 3, which cannot be: HEAD is 1, UPDATE is 2");
            return new RingBufferSnapshot.Page(p.name, write, (int) read, entries, (int) realEnd, commit, next.name, next.flag);
        }

        private int line(Section s, String field) {
            return s.fields.get(field).line;
        }

        /**
         * The ring in order from head_page, following next. Where next names a page that was not
         * captured, nr_pages says how many pages are missing; kmc fills one such stretch with
         * pages that hold nothing.
         */
        private List<String> ring(String head, String reader, Integer nrPages, Map<String, RingBufferSnapshot.Page> built) {
            List<String> ring = new ArrayList<>();
            String cur = head;
            Ref gap = null;
            while (true) {
                ring.add(cur);
                Ref next = ref(pages.get(cur), "next");
                if (next.name.equals(head)) break;
                if (next.name.equals(reader)) {
                    throw error(next.line, "next of " + cur + " is the reader page " + reader + ", which cannot be: the reader page is outside the ring");
                }
                if (!pages.containsKey(next.name)) {
                    gap = next;
                    break;
                }
                if (ring.contains(next.name)) {
                    throw error(next.line, "next of " + cur + " is " + next.name + ", which closes a loop without head_page " + head);
                }
                cur = next.name;
            }
            List<String> rest = new ArrayList<>();   // captured ring pages after the gap, in order, up to head
            if (gap != null) {
                if (nrPages == null) {
                    throw error(gap.line, "next names page " + gap.name + ", which is not defined; define [page " + gap.name
                            + "], or give nr_pages in [cpu] so kmc can assume the pages that were not captured");
                }
                Set<String> pointedAt = new HashSet<>();
                for (Section p : pages.values()) {
                    if (!p.name.equals(reader)) pointedAt.add(ref(p, "next").name);
                }
                String start = pages.keySet().stream().filter(n -> !ring.contains(n) && !n.equals(reader) && !pointedAt.contains(n))
                        .findFirst().orElse(head);
                for (String c = start; !c.equals(head); ) {
                    rest.add(c);
                    Ref next = ref(pages.get(c), "next");
                    if (!pages.containsKey(next.name) || rest.contains(next.name) || ring.contains(next.name) && !next.name.equals(head)) {
                        throw error(next.line, "next of " + c + " is " + next.name + ": the captured pages leave more than one stretch of the"
                                + " ring uncaptured (after " + ring.get(ring.size() - 1) + " and after " + c + "); kmc can assume one:"
                                + " capture the pages between");
                    }
                    c = next.name;
                }
                int missing = nrPages - ring.size() - rest.size();
                if (missing < 1) {
                    throw error(cpu.fields.get("nr_pages").line, "nr_pages = " + nrPages + " leaves no room for page " + gap.name
                            + " (next of " + ring.get(ring.size() - 1) + ") besides the " + (ring.size() + rest.size()) + " captured ring pages");
                }
                List<String> made = new ArrayList<>();
                for (int i = 0; i < missing; i++) made.add(i == 0 ? gap.name : "?" + (i + 1));
                for (int i = 0; i < missing; i++) {
                    String next = i + 1 < missing ? made.get(i + 1) : rest.isEmpty() ? head : rest.get(0);
                    built.put(made.get(i), new RingBufferSnapshot.Page(made.get(i), 0, 0, 0, 0, 0, next, RB_PAGE_NORMAL));
                }
                String names = made.size() <= 3 ? String.join(", ", made) : made.get(0) + ".." + made.get(made.size() - 1);
                assumed.add("not captured: " + names + " (" + missing + " page(s) after " + ring.get(ring.size() - 1)
                        + ", to make nr_pages " + nrPages + "); assumed to hold nothing: write, read, entries, real_end and commit 0");
                ring.addAll(made);
                ring.addAll(rest);
            } else if (nrPages != null && nrPages != ring.size()) {
                throw error(cpu.fields.get("nr_pages").line, "nr_pages = " + nrPages + " but the ring from head_page has "
                        + ring.size() + " pages: " + String.join(" -> ", ring) + " -> " + head);
            }
            for (String name : pages.keySet()) {
                if (!ring.contains(name) && !name.equals(reader)) {
                    throw error(pages.get(name).line, "[page " + name + "] is neither the reader page nor in the ring from head_page "
                            + head + ": " + String.join(" -> ", ring));
                }
            }
            return ring;
        }

        private Result validate(Map<String, RingBufferSnapshot.Page> built, List<String> ring, String head, String tail,
                                String commit, String reader) {
            long entries = number(cpu, "entries"), overrun = number(cpu, "overrun"), read = number(cpu, "read");
            long commits = number(cpu, "commits"), committing = number(cpu, "committing"), entriesBytes = number(cpu, "entries_bytes");
            if (entries - overrun - read < 0) {
                throw error(cpu.fields.get("read").line, "read = " + read + " cannot be: with entries " + entries + " and overrun "
                        + overrun + ", rb_num_of_entries = entries - (overrun + read) would be negative");
            }
            for (RingBufferSnapshot.Page p : built.values()) {
                Section s = pages.get(p.name());
                if (s == null) continue;
                long w = p.write() & RB_WRITE_MASK;
                if (w > BUF_PAGE_SIZE && committing == 0) {
                    throw error(line(s, "write"), "write = " + s.fields.get("write").text + " cannot be: its index " + w
                            + " (write & RB_WRITE_MASK) is beyond the page size " + BUF_PAGE_SIZE + " while no writer is committing");
                }
                if (p.commit() > w && committing == 0) {
                    throw error(line(s, "commit"), "commit = " + p.commit() + " cannot be: it is beyond the write index " + w + " of page "
                            + p.name() + " while no writer is committing");
                }
            }
            RingBufferSnapshot.Page r = built.get(reader);
            if (r.read() > r.commit()) {
                throw error(line(pages.get(reader), "read"), "read = " + r.read() + " cannot be on the reader page " + reader
                        + ": it is beyond its commit " + r.commit() + " (a reader reads only committed bytes)");
            }
            if (!ring.contains(r.next()) && !r.next().equals(reader)) {
                throw error(line(pages.get(reader), "next"), "next of the reader page " + reader + " names page " + r.next()
                        + ", which is not defined; it points into the ring (or at itself, if no reader ever swapped)");
            }
            List<String> flagged = new ArrayList<>();
            for (String name : ring) {
                if (built.get(name).nextFlag() != RB_PAGE_NORMAL) flagged.add(name);
            }
            String flaggedHead;
            if (flagged.size() > 1) {
                throw error(line(pages.get(flagged.get(1)), "next"), "next of " + flagged.get(1) + " carries a flag, but so does next of "
                        + flagged.get(0) + ": only the link into the head page is flagged");
            } else if (flagged.isEmpty()) {
                String before = ring.get(ring.size() - 1);
                RingBufferSnapshot.Page b = built.get(before);
                built.put(before, new RingBufferSnapshot.Page(b.name(), b.write(), b.read(), b.entries(), b.realEnd(), b.commit(), b.next(), RB_PAGE_HEAD));
                assumed.add("no next carries the HEAD flag: assumed on the link into head_page " + head + " (next of " + before + ")");
                flaggedHead = head;
            } else {
                flaggedHead = built.get(flagged.get(0)).next();
                if (!flaggedHead.equals(head)) {
                    assumed.add("head_page (the cached hint) is " + head + ", but the HEAD flag is on the link into " + flaggedHead
                            + ": rb_set_head_page() finds " + flaggedHead + " and readers use it");
                }
            }
            int from = ring.indexOf(flaggedHead);
            List<String> fromHead = new ArrayList<>(ring.subList(from, ring.size()));
            fromHead.addAll(ring.subList(0, from));
            if (!commit.equals(reader) && (tail.equals(reader) || fromHead.indexOf(commit) > fromHead.indexOf(tail))) {
                throw error(cpu.fields.get("commit_page").line, "commit_page " + commit + " cannot be past tail_page " + tail
                        + ": the commit never passes the tail (ring from the head: " + String.join(" -> ", fromHead) + ")");
            }
            List<RingBufferSnapshot.Page> ringPages = fromHead.stream().map(built::get).toList();
            Set<String> made = new HashSet<>(built.keySet());
            made.removeAll(pages.keySet());
            return new Result(cpuLabel, new RingBufferSnapshot(ringPages, r, head, tail, commit, entries, overrun, read, commits,
                    committing, entriesBytes), assumed, made);
        }
    }
}
