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
            + " (kernel/trace/ring_buffer.c v5.13, rb_move_tail and rb_get_reader_page). In the same window the"
            + " outermost committer can find the tail on the reader page while commit_page is still in the ring:"
            + " rb_set_commit_to_write()'s RB_WARN_ON(rb_is_reader_page(tail_page)) fires and recording stops on that CPU";

    /** The nested-discard dead loop on the fixed variant: real behaviour of the code as written (README, docs/fidelity.md). */
    public static final String NESTED_DISCARD_JUDGEMENT = "real behaviour of the fixed code as written (v5.14-rc3 and later):"
            + " an interrupt that moves the tail between the outer writer's reservation and its rb_try_to_discard() makes"
            + " the outer discard unable to reclaim (tail_page is no longer the event's page), so the head page keeps only"
            + " padding while commit_page moves past it; rb_num_of_entries() is 0, so rb_get_reader_page() never swaps the"
            + " head in, and the fixed rb_per_cpu_empty() answers 'commit != head: not empty' (kernel/trace/ring_buffer.c"
            + " v5.14: rb_per_cpu_empty, rb_get_reader_page's 'Don't bother swapping if the ring buffer is empty',"
            + " rb_try_to_discard). tracing_read_pipe spins until the next event on that CPU. Not confirmed on a real kernel";

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
                    new Exploration("nested-discard",
                            "A.7.2's prefix, then the writer's reserve(4)+discard, with an interrupt at any of its scheduling"
                                    + " points running a nested write(1), reserveDiscard(1), write(4) or reserveDiscard(4)"
                                    + " (kernel-spec A.8.3); the writer's CPU alone",
                            Universe.pinned("nested-discard", List.of(RingBufferChecks.A72_PREFIX), List.of(List.of("reserveDiscard(4)")))
                                    .withInterrupts(0, List.of("write(1)", "reserveDiscard(1)", "write(4)", "reserveDiscard(4)"), 1, 1),
                            (v, m) -> rbWriterOnly(v, m), InterleavingExplorer.Limits.of(1_000_000, 60_000),
                            InterleavingExplorer.Limits.of(10_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("not empty, nothing to read")
                                    : Expect.found("not empty, nothing to read").because(NESTED_DISCARD_JUDGEMENT)),
                    new Exploration("move-tail",
                            "P0 [e1 pad2], P1 [e2]; the writer's reserveDiscard(3) moves the tail while a reader on another"
                                    + " CPU consumes twice: every interleaving of their shared accesses",
                            Universe.pinned("move-tail", List.of("write(2)", "write(3)"),
                                    List.of(List.of("reserveDiscard(3)"), List.of("consume()", "consume()"))),
                            ExploreSuites::rbTwoCpus, InterleavingExplorer.Limits.of(1_000_000, 60_000),
                            InterleavingExplorer.Limits.of(10_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("RB_WARN_ON", "not empty, nothing to read")
                                    : Expect.found("RB_WARN_ON", "not empty, nothing to read").because(MOVE_TAIL_JUDGEMENT)),
                    new Exploration("open-irq",
                            "the open universe: from the fresh state, the writer (write/reserveDiscard of 1..4 slots) with one"
                                    + " interrupt level (a nested write(1) or reserveDiscard(1) at any scheduling point) and a"
                                    + " reader CPU consuming, 3 operations in all (thorough: 4)",
                            Universe.open("open-irq", 3).withInterrupts(0, List.of("write(1)", "reserveDiscard(1)"), 1, 1),
                            (v, m) -> rbConsumer(v, m), InterleavingExplorer.Limits.of(3_000_000, 120_000),
                            InterleavingExplorer.Limits.of(60_000_000, 1_800_000),
                            v -> v.equals("pre-fix") ? Expect.found("not empty, nothing to read")
                                    : Expect.found("not empty, nothing to read").because(NESTED_DISCARD_JUDGEMENT)),
                    new Exploration("operations",
                            "the operation-level space (kernel-spec A.7): one CPU, write(1..4), reserveDiscard(1..4), consume()"
                                    + " as atomic operations from the fresh state, no bound",
                            Universe.open("operations", 0).atomic(),
                            (v, m) -> new RingBufferMachine(m, RB_GEOMETRY, rbCheck(v), false, 1, 2, 3, 4),
                            InterleavingExplorer.Limits.of(2_000_000, 60_000), InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("false empty", "not empty, nothing to read") : Expect.clean())));

    // ---- RCU ------------------------------------------------------------------------------------

    private static dev.kmc.model.rcu.EnqueueGuard rcuGuard(String variant) {
        return variant.equals("pre-fix") ? dev.kmc.model.rcu.EnqueueGuard.UNGUARDED : dev.kmc.model.rcu.EnqueueGuard.DEBUG_OBJECTS;
    }

    /** The guarded variant's findings: real v5.15 debugobjects behaviour (docs/fidelity.md, RcuExploreTest). */
    public static final String RCU_GUARDED_JUDGEMENT = "real v5.15 behaviour with debugobjects before 63a759694eed:"
            + " two first call_rcu()s of an untracked head are both accepted (lib/debugobjects.c v5.15 debug_object_activate,"
            + " lines 645-715: lookup, unlock, debug_object_init, nested activate, return 0 whatever it returned), which"
            + " cross-links the lists as on 3.10; a call_rcu() between the two steps of debug_rcu_head_unqueue() (kernel/rcu/rcu.h"
            + " v5.15 lines 183-189) is rejected but marks the head queued again, so debugobjects keeps it active for good"
            + " ('debugobjects stuck'); a call_rcu() after the unqueue and before rcu_do_batch's WRITE_ONCE(rhp->func, 0)"
            + " (kernel/rcu/tree.c v5.15) is accepted and its func cleared ('func'). Each needs the caller's own double call_rcu"
            + " of one head, the incident's pattern";

    public static final Suite RCU = new Suite("rcu",
            List.of(new Variant("pre-fix", rcuGuard("pre-fix").label(), m -> new RcuMachine(m, rcuGuard("pre-fix"), false, 1, true)),
                    new Variant("fixed", rcuGuard("fixed").label(), m -> new RcuMachine(m, rcuGuard("fixed"), false, 1, true))),
            List.of(
                    new Exploration("incident-link",
                            "the seed's double call_rcu(link): each CPU call_rcu(link) then rcu_do_batch, a grace period on a"
                                    + " third CPU (the GP kthread), every interleaving of their shared accesses",
                            Universe.pinned("incident-link", List.of(), List.of(List.of("callRcu(link)", "doBatch()"),
                                    List.of("callRcu(link)", "doBatch()"), List.of("gracePeriod()"))),
                            (v, m) -> new RcuMachine(m, rcuGuard(v), false, 1, true),
                            InterleavingExplorer.Limits.of(3_000_000, 120_000), InterleavingExplorer.Limits.of(30_000_000, 1_200_000),
                            v -> v.equals("pre-fix") ? Expect.found("disjointness", "not linearizable", "exactly once", "rehashed twice")
                                    : Expect.found("disjointness", "not linearizable", "debugobjects stuck", "func", "rehashed twice")
                                            .because(RCU_GUARDED_JUDGEMENT)),
                    new Exploration("batch-vs-enqueue",
                            "call_rcu(link) on cpu0 and its grace period over; cpu0's rcu_do_batch races call_rcu(link) and"
                                    + " rcu_do_batch on cpu1, one more grace period",
                            Universe.pinned("batch-vs-enqueue", List.of("callRcu(link)", "gracePeriod()"),
                                    List.of(List.of("doBatch()"), List.of("callRcu(link)", "doBatch()"), List.of("gracePeriod()"))),
                            (v, m) -> new RcuMachine(m, rcuGuard(v), false, 2, true),
                            InterleavingExplorer.Limits.of(3_000_000, 120_000), InterleavingExplorer.Limits.of(30_000_000, 1_200_000),
                            v -> v.equals("pre-fix") ? Expect.found("disjointness", "exactly once", "rehashed twice")
                                    : Expect.found("func", "debugobjects stuck", "rehashed twice").because(RCU_GUARDED_JUDGEMENT)),
                    new Exploration("open-3",
                            "the open universe: the link and one dst entry, call_rcu and rcu_do_batch on two CPUs and grace"
                                    + " periods, 3 operations in all",
                            Universe.open("open-3", 3),
                            (v, m) -> new RcuMachine(m, rcuGuard(v), false, 2, true),
                            InterleavingExplorer.Limits.of(3_000_000, 120_000), InterleavingExplorer.Limits.of(30_000_000, 1_200_000),
                            v -> v.equals("pre-fix") ? Expect.found("disjointness", "counts")
                                    : Expect.found("disjointness", "counts").because(RCU_GUARDED_JUDGEMENT))));

    // ---- systemd ----------------------------------------------------------------------------------

    private static dev.kmc.model.systemd.SystemdVariant sdVariant(String variant) {
        return variant.equals("pre-fix") ? dev.kmc.model.systemd.SystemdVariant.PRE_FIX : dev.kmc.model.systemd.SystemdVariant.FIXED;
    }

    public static final Suite SYSTEMD = new Suite("systemd",
            List.of(new Variant("pre-fix", sdVariant("pre-fix").version(), m -> new SystemdMachine(m, sdVariant("pre-fix"))),
                    new Variant("fixed", sdVariant("fixed").version(), m -> new SystemdMachine(m, sdVariant("fixed")))),
            List.of(
                    new Exploration("incident",
                            "the kernel's cgroup_exit/exit_notify of the orphan (cpu0) against PID 1 dispatching the cgroup"
                                    + " inotify, its queues, SIGCHLD, its queues (cpu1)",
                            Universe.pinned("incident", List.of(), List.of(List.of("orphanExit()"),
                                    List.of("dispatchCgroupInotify()", "runQueues()", "dispatchSigchld()", "runQueues()"))),
                            (v, m) -> new SystemdMachine(m, sdVariant(v)),
                            InterleavingExplorer.Limits.of(2_000_000, 60_000), InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("handlers", "not linearizable") : Expect.clean()),
                    new Exploration("open",
                            "the kernel's steps against any sequence of PID 1's dispatches, of any length (the space is finite)",
                            Universe.open("open", 0),
                            (v, m) -> new SystemdMachine(m, sdVariant(v)),
                            InterleavingExplorer.Limits.of(2_000_000, 60_000), InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("handlers") : Expect.clean())));

    // ---- ConsoleKit2 ------------------------------------------------------------------------------

    private static dev.kmc.model.consolekit.RemovalStrategy ckStrategy(String variant) {
        return variant.equals("pre-fix") ? dev.kmc.model.consolekit.RemovalStrategy.FOREACH_REMOVE_1_1_0
                : dev.kmc.model.consolekit.RemovalStrategy.FOREACH_STEAL_9DC77DE;
    }

    private static Machine ckMachine(String variant, Memory m) {
        return new ConsoleKitMachine(m, ckStrategy(variant), 20, List.of("dispatch()", "login(4)", "nameOwnerChanged(1)"),
                List.of("nameOwnerChanged(1)", "nameOwnerChanged(2)", "nameOwnerChanged(3)"));
    }

    public static final Suite CONSOLEKIT = new Suite("consolekit",
            List.of(new Variant("pre-fix", ckStrategy("pre-fix").label(), m -> ckMachine("pre-fix", m)),
                    new Variant("fixed", ckStrategy("fixed").label(), m -> ckMachine("fixed", m))),
            List.of(
                    new Exploration("signal-during-removal",
                            ":1.1's NameOwnerChanged is ready; the main loop (cpu0) dispatches it, its nested loop inside"
                                    + " foreach_remove, while the GDBus worker (cpu1) hands over :1.2's",
                            Universe.pinned("signal-during-removal", List.of("nameOwnerChanged(1)"),
                                    List.of(List.of("dispatch()"), List.of("nameOwnerChanged(2)"))),
                            ExploreSuites::ckMachine, InterleavingExplorer.Limits.of(2_000_000, 60_000),
                            InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("wrong leader destroyed", "version CRITICAL") : Expect.clean()),
                    new Exploration("logins-after-removal",
                            ":1.3's signal lands during :1.1's removal; then client 4 logs in twelve times (the 100% CPU:"
                                    + " a login's cookie lookup on a table with no empty slot)",
                            Universe.pinned("logins-after-removal", List.of("nameOwnerChanged(1)"),
                                    List.of(java.util.stream.Stream.concat(java.util.stream.Stream.of("dispatch()"),
                                                    java.util.Collections.nCopies(12, "login(4)").stream()).toList(),
                                            List.of("nameOwnerChanged(3)"))),
                            ExploreSuites::ckMachine, InterleavingExplorer.Limits.of(2_000_000, 60_000),
                            InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("double destroy", "version CRITICAL", "dead loop")
                                    : Expect.clean())));

    // ---- the task list ------------------------------------------------------------------------------

    private static dev.kmc.model.tasklist.WalkStart tlStart(String variant) {
        return variant.equals("pre-fix") ? dev.kmc.model.tasklist.WalkStart.START_TASKS
                : dev.kmc.model.tasklist.WalkStart.FOR_EACH_PROCESS;
    }

    private static Machine tlMachine(String variant, Memory m) {
        return new TaskListMachine(m, tlStart(variant), List.of("fork()", "newThread(1)", "exitTask(1)", "exitTask(2)", "exitTask(3)"),
                List.of("walkFrom(1, 3)", "walkFrom(2, 3)"));
    }

    public static final Suite TASKLIST = new Suite("tasklist",
            List.of(new Variant("pre-fix", tlStart("pre-fix").label(), m -> tlMachine("pre-fix", m)),
                    new Variant("fixed", tlStart("fixed").label(), m -> tlMachine("fixed", m))),
            List.of(
                    new Exploration("thread-walk-vs-exit",
                            "the module walks from non-leader thread 2 for pid 3 while pid 3 exits on another CPU",
                            Universe.pinned("thread-walk-vs-exit", List.of("fork()", "newThread(1)", "fork()"),
                                    List.of(List.of("exitTask(3)"), List.of("walkFrom(2, 3)"))),
                            ExploreSuites::tlMachine, InterleavingExplorer.Limits.of(2_000_000, 60_000),
                            InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("LOOPED walk") : Expect.clean()),
                    new Exploration("start-exits",
                            "tasks 2 then 1 exit around a walk from leader 1 for pid 3, which no task has",
                            Universe.pinned("start-exits", List.of("fork()", "fork()"),
                                    List.of(List.of("exitTask(2)", "exitTask(1)"), List.of("walkFrom(1, 3)"))),
                            ExploreSuites::tlMachine, InterleavingExplorer.Limits.of(2_000_000, 60_000),
                            InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("LOOPED walk") : Expect.clean()),
                    new Exploration("open-5",
                            "the open universe: from init_task alone, any 5 forks, thread creations, exits and walks",
                            Universe.open("open-5", 5), ExploreSuites::tlMachine, InterleavingExplorer.Limits.of(2_000_000, 60_000),
                            InterleavingExplorer.Limits.of(20_000_000, 600_000),
                            v -> v.equals("pre-fix") ? Expect.found("LOOPED walk") : Expect.clean())));

    /** Every explorable suite. */
    public static final List<Suite> ALL = List.of(RINGBUFFER, RCU, CONSOLEKIT, TASKLIST, SYSTEMD);

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
        java.util.Optional<Suite> s = find(name);
        if (s.isPresent()) return s.get();
        List<String> names = new ArrayList<>();
        for (Suite x : ALL) names.add(x.name());
        throw new IllegalArgumentException("unknown suite '" + name + "' for the explorer; accepted: " + String.join(", ", names)
                + " (a suite of your own is found as dev.kmc.checks.NAME.ClsExplorations.SUITE)");
    }

    /**
     * The explorable suite of this name: one of {@link #ALL}, or a suite of its own that names its
     * universes in {@code dev.kmc.checks.NAME.<Name>Explorations.SUITE} (what {@code kmc new-spec}
     * writes), so a new suite needs no registration here.
     */
    public static java.util.Optional<Suite> find(String name) {
        for (Suite s : ALL) if (s.name().equals(name)) return java.util.Optional.of(s);
        if (!name.matches("[a-z][a-z0-9]*")) return java.util.Optional.empty();
        String cls = "dev.kmc.checks." + name + "." + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Explorations";
        try {
            Object s = Class.forName(cls).getField("SUITE").get(null);
            return s instanceof Suite ? java.util.Optional.of((Suite) s) : java.util.Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }
}
