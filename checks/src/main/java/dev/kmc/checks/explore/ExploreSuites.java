package dev.kmc.checks.explore;

import dev.kmc.checks.ringbuffer.RingBufferChecks;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every suite kmc's explorer knows: its variants (how to build the port's {@link Machine} on the
 * explorer's memory) and its explorations (a {@link Universe} with bounds and the verdict expected
 * on each variant). {@code kmc explore}, {@code kmc run}'s explore engine, {@code kmc replay} and
 * {@code kmc export-test} of explorer traces all look suites up here. To make a new suite
 * explorable, write its Machine and add a {@link Suite} to {@link #ALL}.
 */
public final class ExploreSuites {
    private ExploreSuites() { }

    /** A variant: "pre-fix" or "fixed", its label, and the machine factory for a universe. */
    public record Variant(String name, String label, Function<Memory, Machine> factory) { }

    /**
     * What an exploration must find on one variant: exactly these violation kinds (none: the
     * universe is proven clean, which needs a complete exploration), and why, for kinds found on a
     * fixed variant (the judgement: real upstream behaviour, with its source).
     */
    public record Expect(Set<String> kinds, String judgement) {
        public static Expect clean() { return new Expect(Set.of(), ""); }

        public static Expect found(String... kinds) { return new Expect(new TreeSet<>(List.of(kinds)), ""); }

        public Expect because(String why) { return new Expect(kinds, why); }

        public boolean bug() { return !kinds.isEmpty(); }

        public String describe() { return kinds.isEmpty() ? "proven clean" : "finds " + String.join(", ", kinds); }
    }

    /**
     * One exploration of a suite.
     *
     * @param machine   which machine of the variant to build (some explorations need a different CPU layout)
     * @param expect    the expected verdict per variant name
     */
    public record Exploration(String name, String description, Universe universe,
                              BiFunction<String, Memory, Machine> machine, InterleavingExplorer.Limits quick,
                              InterleavingExplorer.Limits thorough, Function<String, Expect> expect) {

        public InterleavingExplorer.Result run(String suite, String variant, boolean thoroughBudget) {
            return InterleavingExplorer.explore(suite + "/" + name + " [" + variant + "]", m -> machine.apply(variant, m), universe,
                    thoroughBudget ? thorough : quick);
        }

        /** Null if the result is the expected verdict, else what differs, in words. */
        public String judge(String variant, InterleavingExplorer.Result r) {
            Expect e = expect.apply(variant);
            Set<String> got = new TreeSet<>(r.findings().keySet());
            if (!e.bug()) {
                if (!got.isEmpty()) return "expected a clean universe, found " + got;
                if (!r.complete()) return "expected a proof, but the exploration stopped: " + r.stoppedBy();
                return null;
            }
            if (got.isEmpty()) {
                return "BUG NOT FOUND: expected " + e.kinds() + ", the exploration found no violation ("
                        + (r.complete() ? "complete" : "stopped by " + r.stoppedBy()) + ")";
            }
            return got.equals(e.kinds()) ? null : "expected exactly " + e.kinds() + ", found " + got;
        }
    }

    public record Suite(String name, List<Variant> variants, List<Exploration> explorations) {
        public Variant variant(String v) {
            for (Variant x : variants) if (x.name().equals(v)) return x;
            throw new IllegalArgumentException("unknown variant '" + v + "' of " + name + "; accepted: pre-fix, fixed");
        }

        public Exploration exploration(String n) {
            for (Exploration x : explorations) if (x.name().equals(n)) return x;
            List<String> names = new ArrayList<>();
            for (Exploration x : explorations) names.add(x.name());
            throw new IllegalArgumentException("unknown exploration '" + n + "' of " + name + "; accepted: " + String.join(", ", names));
        }
    }

    // ---- the ring buffer ------------------------------------------------------------------------

    /** The geometry of the ring buffer's explorations: 2 ring pages of 4 slots, overwrite off (kernel-spec A.7.2). */
    public static final Geometry RB_GEOMETRY = Geometry.slots(2, 4, false);

    private static EmptyCheck rbCheck(String variant) {
        return variant.equals("pre-fix") ? EmptyCheck.V5_13 : EmptyCheck.FIXED_67F0D6D9;
    }

    /** The writer and a reader CPU that only consumes (the open universe's reader). */
    static Machine rbConsumer(String variant, Memory m) {
        return new RingBufferMachine(m, RB_GEOMETRY, rbCheck(variant), List.of("consume()"), 1, 2, 3, 4);
    }

    /** The writer alone (with its interrupts). */
    static Machine rbWriterOnly(String variant, Memory m) {
        return new RingBufferMachine(m, RB_GEOMETRY, rbCheck(variant), List.of(), 1, 2, 3, 4);
    }

    private static Machine rbTwoCpus(String variant, Memory m) {
        return new RingBufferMachine(m, RB_GEOMETRY, rbCheck(variant), true, 1, 2, 3, 4);
    }

    /** The move-tail race on the fixed variant: real behaviour of the code as written (README, docs/fidelity.md). */
    public static final String MOVE_TAIL_JUDGEMENT = "real v5.13 behaviour, not covered by 67f0d6d9883c: rb_move_tail() reads"
            + " next_page once and does not re-read it after rb_is_head_page(); a reader on another CPU that swaps twice in that"
            + " window (the head page out, then the writer's own tail page) makes the writer move the tail onto the stale"
            + " next_page, skipping the page the reader just put back, which the writer then never resets"
            + " (kernel/trace/ring_buffer.c v5.13, rb_move_tail and rb_get_reader_page)";

    public static final Suite RINGBUFFER = new Suite("ringbuffer",
            List.of(new Variant("pre-fix", EmptyCheck.V5_13.label(), m -> rbTwoCpus("pre-fix", m)),
                    new Variant("fixed", EmptyCheck.FIXED_67F0D6D9.label(), m -> rbTwoCpus("fixed", m))),
            List.of(
                    new Exploration("concurrent-mc",
                            "A.7.2's prefix, then the writer's reserve(4)+discard against a reader's isEmpty, peek, readPipe,"
                                    + " every interleaving of their shared accesses",
                            Universe.pinned("concurrent-mc", List.of(RingBufferChecks.A72_PREFIX),
                                    List.of(List.of("reserveDiscard(4)"), List.of("isEmpty()", "peek()", "readPipe()"))),
                            ExploreSuites::rbTwoCpus, InterleavingExplorer.Limits.of(1_000_000, 60_000),
                            InterleavingExplorer.Limits.of(10_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("dead loop", "not empty, nothing to read", "not linearizable")
                                    : Expect.clean()),
                    new Exploration("concurrent-irq",
                            "concurrent-mc with an interrupt on the writer's CPU at any of its scheduling points, running a"
                                    + " nested write(1), reserveDiscard(1) or write(4)",
                            Universe.pinned("concurrent-irq", List.of(RingBufferChecks.A72_PREFIX),
                                    List.of(List.of("reserveDiscard(4)"), List.of("isEmpty()", "peek()", "readPipe()")))
                                    .withInterrupts(0, List.of("write(1)", "reserveDiscard(1)", "write(4)"), 1, 1),
                            ExploreSuites::rbTwoCpus, InterleavingExplorer.Limits.of(2_000_000, 120_000),
                            InterleavingExplorer.Limits.of(20_000_000, 900_000),
                            v -> v.equals("pre-fix") ? Expect.found("dead loop", "not empty, nothing to read")
                                    : Expect.clean()),
                    new Exploration("operations",
                            "the operation-level space (kernel-spec A.7): one CPU, write(1..4), reserveDiscard(1..4), consume()"
                                    + " as atomic operations from the fresh state, no bound",
                            Universe.open("operations", 0).atomic(),
                            (v, m) -> new RingBufferMachine(m, RB_GEOMETRY, rbCheck(v), false, 1, 2, 3, 4),
                            InterleavingExplorer.Limits.of(2_000_000, 60_000), InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("false empty", "not empty, nothing to read") : Expect.clean())));

    /** Every explorable suite. */
    public static final List<Suite> ALL = List.of(RINGBUFFER);

    /**
     * The machine factory for replaying a trace's counterexample: the named exploration's machine
     * of the variant, or the variant's own machine for a universe given with {@code --scenario}
     * (an exploration name the suite does not state).
     */
    public static Function<Memory, Machine> machine(String suite, String exploration, String variant) {
        Suite s = suite(suite);
        s.variant(variant);
        for (Exploration x : s.explorations()) {
            if (x.name().equals(exploration)) return m -> x.machine().apply(variant, m);
        }
        return s.variant(variant).factory();
    }

    public static Suite suite(String name) {
        for (Suite s : ALL) if (s.name().equals(name)) return s;
        List<String> names = new ArrayList<>();
        for (Suite s : ALL) names.add(s.name());
        throw new IllegalArgumentException("unknown suite '" + name + "' for the explorer; accepted: " + String.join(", ", names));
    }
}
