package dev.kmc.checks.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.Word;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kmc's explorer: the ring buffer's stated universes give their expected verdicts, and the engine's own rules hold. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class InterleavingExplorerTest {

    private static InterleavingExplorer.Result run(String exploration, String variant) {
        return ExploreSuites.RINGBUFFER.exploration(exploration).run("ringbuffer", variant, false);
    }

    /** Every stated universe of the ring buffer comes to its expected verdict on both variants (a missed bug fails the build). */
    @ParameterizedTest
    @ValueSource(strings = {"concurrent-mc", "nested-discard", "move-tail", "open-irq", "operations"})
    void everyRingBufferUniverseComesToItsExpectedVerdict(String name) {
        ExploreSuites.Exploration x = ExploreSuites.RINGBUFFER.exploration(name);
        for (String v : List.of("pre-fix", "fixed")) {
            InterleavingExplorer.Result r = x.run("ringbuffer", v, false);
            assertTrue(r.complete(), name + " [" + v + "] must be exhausted within its quick bounds: " + r.verdict());
            assertNull(x.judge(v, r), name + " [" + v + "]: " + r.verdict());
        }
    }

    @Test
    void concurrentMcFindsTheShippedDeadLoopByShortestInterleavingsAndProvesTheFix() {
        InterleavingExplorer.Result pre = run("concurrent-mc", "pre-fix");
        assertEquals(Set.of("dead loop", "not empty, nothing to read", "not linearizable"), pre.findings().keySet());
        assertEquals(72, pre.findings().get("not empty, nothing to read").shortest());
        assertEquals(123, pre.findings().get("dead loop").shortest());
        InterleavingExplorer.Finding dead = pre.findings().get("dead loop");
        assertTrue(dead.message().contains("readPipe() on cpu1 (reader) goes round 'tracing_read_pipe: goto waitagain' forever"),
                dead.message());
        String trace = dead.trace();
        assertTrue(trace.contains("rbPerCpuEmpty"), "the trace names the kernel functions");
        assertTrue(trace.contains("v5.13 says NOT EMPTY, fixed says EMPTY"), "both variants' answers where they differ");
        assertTrue(pre.outcomes().contains("reserveDiscard(4): true | isEmpty(): false, peek(): null, readPipe(): DEADLOOP"),
                pre.outcomes().toString());

        InterleavingExplorer.Result fixed = run("concurrent-mc", "fixed");
        assertTrue(fixed.findings().isEmpty(), fixed.report());
        assertTrue(fixed.complete());
        assertTrue(fixed.verdict().startsWith("proven: every interleaving of the universe"), fixed.verdict());
        assertFalse(fixed.outcomes().stream().anyMatch(o -> o.contains("DEADLOOP")), fixed.outcomes().toString());
    }

    /** The operation-level space of the old explorer is the atomic setting now: the same counts. */
    @Test
    void theAtomicSettingReproducesTheOperationLevelSpace() {
        InterleavingExplorer.Result pre = run("operations", "pre-fix");
        assertEquals(99_748, pre.states());
        assertEquals(36, pre.findings().get("not empty, nothing to read").states());
        assertEquals(288, pre.findings().get("false empty").states());
        assertEquals(7, pre.findings().get("not empty, nothing to read").shortest());
        assertTrue(pre.bytesPerState() < 100, "fingerprints and parent links only: " + pre.bytesPerState());
        assertTrue(pre.omissionProbability() < 1e-6, "omission probability " + pre.omissionProbability());
    }

    /** The counterexample replays exactly from its tokens, step by step, to the same violation. */
    @Test
    void aCounterexampleReplaysFromItsInterleaving() {
        InterleavingExplorer.Finding f = run("nested-discard", "fixed").findings().get("not empty, nothing to read");
        Counterexample c = f.counterexample();
        assertTrue(c.interleaving().stream().anyMatch(t -> t.startsWith("cpu0!")), "an interrupt is in the interleaving");
        ExploreSuites.Exploration x = ExploreSuites.RINGBUFFER.exploration("nested-discard");
        Counterexample again = InterleavingExplorer.replay(m -> x.machine().apply("fixed", m), x.universe(), c.interleaving());
        assertEquals("not empty, nothing to read", again.kind());
        assertEquals(c.steps().size(), again.steps().size());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> InterleavingExplorer.replay(m -> x.machine().apply("fixed", m), x.universe(), List.of("cpu0")));
        assertTrue(bad.getMessage().contains("cannot be taken there"), bad.getMessage());
    }

    // ---- the engine's rules on small machines ---------------------------------------------------

    /** cpu0 sets a flag in two steps; cpu1 waits for it with a retry loop (mem.again). */
    static final class Flag implements Machine {
        final Memory mem;
        final Word busy;
        final Word done;

        Flag(Memory mem) {
            this.mem = mem;
            this.busy = mem.word("busy", 0);
            this.done = mem.word("done", 0);
        }

        @Override public Memory memory() { return mem; }

        @Override public int cpus() { return 2; }

        @Override public List<String> operations(int cpu) { return cpu == 0 ? List.of("set()") : List.of("waitDone()"); }

        @Override
        public String run(int cpu, int op) {
            if (cpu == 0) {
                busy.writeOnce(1);
                done.writeOnce(1);
                busy.writeOnce(0);
                return "ok";
            }
            while (true) {
                if (done.readOnce() == 1) return "done";
                mem.again("waitDone: goto again");
            }
        }

        @Override public String quiescentViolation() { return null; }

        @Override public String describe() { return "busy " + busy.peek() + " done " + done.peek(); }
    }

    /** A loop that waits on a CPU which will still run is no dead loop; one that nobody can release is. */
    @Test
    void aDeadLoopIsReportedOnlyWhenEveryOtherCpuIsQuiescent() {
        InterleavingExplorer.Result released = InterleavingExplorer.explore("flag", Flag::new,
                Universe.pinned("released", List.of(), List.of(List.of("set()"), List.of("waitDone()"))),
                InterleavingExplorer.Limits.of(10_000, 10_000));
        assertTrue(released.findings().isEmpty(), released.report());
        assertTrue(released.complete());
        assertEquals(Set.of("set(): ok | waitDone(): done"), released.outcomes());

        InterleavingExplorer.Result stuck = InterleavingExplorer.explore("flag", Flag::new,
                Universe.pinned("stuck", List.of(), List.of(List.of(), List.of("waitDone()"))),
                InterleavingExplorer.Limits.of(10_000, 10_000));
        assertEquals(Set.of("dead loop"), stuck.findings().keySet());
        assertEquals(Set.of(" | waitDone(): DEADLOOP"), stuck.outcomes());
    }

    /** A cell guarded by a lock, touched without it: the explorer reports the port, not the kernel. */
    @Test
    void aGuardedCellTouchedWithoutItsLockIsAPortDefect() {
        class Unguarded implements Machine {
            final Memory mem;
            final SpinLock lock;
            final Word data;

            Unguarded(Memory mem) {
                this.mem = mem;
                this.lock = mem.spinLock("lock");
                this.data = mem.word("data", 0).guardedBy(lock);
            }

            @Override public Memory memory() { return mem; }

            @Override public int cpus() { return 1; }

            @Override public List<String> operations(int cpu) { return List.of("bad()"); }

            @Override
            public String run(int cpu, int op) {
                data.store(1);
                return "ok";
            }

            @Override public String quiescentViolation() { return null; }

            @Override public String describe() { return "data " + data.peek(); }
        }
        InterleavingExplorer.Result r = InterleavingExplorer.explore("unguarded", Unguarded::new,
                Universe.pinned("p", List.of(), List.of(List.of("bad()"))), InterleavingExplorer.Limits.of(100, 10_000));
        InterleavingExplorer.Finding f = r.findings().get("port defect");
        assertNotNull(f, r.report());
        assertTrue(f.message().contains("data is guarded by lock, which cpu0 does not hold"), f.message());
    }

    @Test
    void aUniverseSpecReadsBackAndBadOnesSayWhatIsAccepted() {
        Universe u = ExploreSuites.RINGBUFFER.exploration("nested-discard").universe();
        assertEquals(u, Universe.parse(u.spec()));
        Universe open = ExploreSuites.RINGBUFFER.exploration("open-irq").universe();
        assertEquals(open, Universe.parse(open.spec()));
        // every suite's universes, including operations with several arguments ("walkFrom(2, 3)": one operation)
        for (ExploreSuites.Suite s : ExploreSuites.ALL) {
            for (ExploreSuites.Exploration x : s.explorations()) {
                assertEquals(x.universe(), Universe.parse(x.universe().spec()), s.name() + "/" + x.name() + ": " + x.universe().spec());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Universe.parse("cpu0=write(1); open=3"));
        assertEquals("a universe is pinned (cpuN=...) or open (open=N), not both", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Universe.parse("colour=blue"));
        assertTrue(e.getMessage().startsWith("unknown universe key 'colour': accepted"), e.getMessage());
    }
}
