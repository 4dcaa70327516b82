package dev.kmc.stress.ringbuffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.RbEvent;
import dev.kmc.model.ringbuffer.RingBufferSubject;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZZ_Result;

/**
 * The reserve window, no discard needed: kernel-spec A.8 item 1. From {@link A71Step8}, the
 * writer's {@code ring_buffer_lock_reserve(1)} moves tail and commit onto the head page P0
 * (commit 0, stale read 4) and leaves the event reserved at P0[0], uncommitted, so
 * rb_num_of_entries stays 0. A reader in that window gets "not empty" from v5.13's
 * {@code rb_per_cpu_empty} and NULL from {@code ring_buffer_peek}: tracing_read_pipe spins
 * until the writer commits. The fixed check reads commit 0 on the head page as empty, so the
 * reader sleeps and the commit's wake-up gets it. The arbiter then commits the event and checks
 * that both variants see it.
 * <p>
 * Result: r1 = reader {@code isEmpty()}, r2 = reader {@code peek() == null}, r3 = arbiter
 * {@code isEmpty()} and r4 = arbiter {@code peek() == null}, both after the arbiter's
 * {@code ring_buffer_unlock_commit}. Both variants list the same outcomes; every combination not
 * listed (a peek that returns the event before its commit, or misses it after) is impossible in
 * the port and jcstress grades it FORBIDDEN.
 * <p>
 * Run alone (both variants): {@code java -cp stress/target/kmc.jar org.openjdk.jcstress.Main
 * -t EmptyVsPeekInReserveWindow -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50};
 * {@code -t EmptyVsPeekInReserveWindow.PreFix} or {@code .Fixed} for one.
 */
public final class EmptyVsPeekInReserveWindow {
    private EmptyVsPeekInReserveWindow() { }

    static final String CONSISTENT = "true, true, false, false";
    static final String CONSISTENT_DESC = "Reader saw empty and peek() NULL (commit still on the reader page, or "
            + "commit 0 on the head page read as empty); after the arbiter commits the reserved event: not empty, "
            + "peek() returns it.";
    static final String WINDOW_SPINS = "false, true, false, false";
    static final String WINDOW_SPINS_DESC = "Reader ran in the reserve window (tail and commit on the head page, "
            + "event reserved, not committed): not-empty but peek() is NULL, tracing_read_pipe spins until the "
            + "commit; after the arbiter commits: not empty, peek() returns the event.";

    /** What each thread does; the variants only bind the emptiness check and grade. */
    abstract static class Race {
        final RingBufferSubject rb;
        /** Written by the writer actor, read by the arbiter (which jcstress runs after both actors). */
        RbEvent reserved;

        Race(EmptyCheck check) {
            rb = A71Step8.build(check);
        }

        /** The writer CPU: ring_buffer_lock_reserve(1) and nothing more; the event stays uncommitted. */
        final void reserveOnly() {
            reserved = rb.reserve(1);
        }

        /** Another CPU: ring_buffer_empty_cpu, then ring_buffer_peek (tracing_read_pipe's two questions). */
        final void emptyThenPeek(ZZZZ_Result r) {
            r.r1 = rb.isEmpty();
            r.r2 = rb.peek() == null;
        }

        /**
         * ring_buffer_unlock_commit of the reserved event, then the two questions.
         * NOTE: the commit runs on the arbiter thread, not on the writer actor's. This is a test
         * device, not a second writer: the port's one-writer-per-CPU rule forbids concurrent
         * writer calls, and the arbiter starts only after the writer actor has returned (jcstress
         * orders the two), so the arbiter simply continues that CPU's writer sequence.
         */
        final void commitThenEmptyThenPeek(ZZZZ_Result r) {
            if (reserved == null) {
                throw new IllegalStateException("ring_buffer_lock_reserve(1) dropped the event:\n" + rb);
            }
            rb.cpu().ringBufferUnlockCommit(reserved);
            r.r3 = rb.isEmpty();
            r.r4 = rb.peek() == null;
        }
    }

    /** v5.13: not-empty with peek() NULL in the window is the bug, expected here. */
    @JCStressTest
    @State
    @Outcome(id = CONSISTENT, expect = ACCEPTABLE, desc = CONSISTENT_DESC)
    @Outcome(id = WINDOW_SPINS, expect = ACCEPTABLE_INTERESTING, desc = WINDOW_SPINS_DESC)
    public static class PreFix extends Race {
        public PreFix() {
            super(EmptyCheck.V5_13);
        }

        @Actor
        public void writer() {
            reserveOnly();
        }

        @Actor
        public void reader(ZZZZ_Result r) {
            emptyThenPeek(r);
        }

        @Arbiter
        public void commitAndLook(ZZZZ_Result r) {
            commitThenEmptyThenPeek(r);
        }
    }

    /**
     * 67f0d6d9883c: in the window head is P0 and commit is R or P0 with P0's commit 0, so the
     * fixed check says empty; not-empty with peek() NULL must never show.
     */
    @JCStressTest
    @State
    @Outcome(id = CONSISTENT, expect = ACCEPTABLE, desc = CONSISTENT_DESC)
    @Outcome(id = WINDOW_SPINS, expect = FORBIDDEN, desc = WINDOW_SPINS_DESC)
    public static class Fixed extends Race {
        public Fixed() {
            super(EmptyCheck.FIXED_67F0D6D9);
        }

        @Actor
        public void writer() {
            reserveOnly();
        }

        @Actor
        public void reader(ZZZZ_Result r) {
            emptyThenPeek(r);
        }

        @Arbiter
        public void commitAndLook(ZZZZ_Result r) {
            commitThenEmptyThenPeek(r);
        }
    }
}
