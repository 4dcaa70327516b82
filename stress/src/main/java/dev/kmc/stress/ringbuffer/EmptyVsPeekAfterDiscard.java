package dev.kmc.stress.ringbuffer;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.RingBufferSubject;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZZ_Result;

/**
 * The reported dead loop, raced: kernel-spec A.7.1 step 9 (reserve(1)+discard from the
 * step-8 state) with a reader running against it (A.8 items 1 and 2, A.9 "JCStress").
 * <p>
 * From {@link A71Step8}, the writer's {@code ring_buffer_lock_reserve(1)} does not fit on the
 * full reader page: {@code rb_move_tail} moves tail onto the head page P0 and its
 * {@code rb_end_commit} moves commit there too (commit 0); the event is reserved at P0[0] and
 * {@code ring_buffer_discard_commit} reclaims it, so P0 keeps commit 0 next to its stale read 4
 * and rb_num_of_entries stays 0. From the moment commit reaches P0, v5.13's
 * {@code rb_per_cpu_empty} compares that stale read with commit 0 and says "not empty" while
 * {@code ring_buffer_peek} returns NULL: the reader that runs then sees it transiently, the
 * arbiter sees it for good. The fixed check reads commit 0 on the head page as empty.
 * <p>
 * Result: r1 = reader {@code isEmpty()}, r2 = reader {@code peek() == null}, r3 = arbiter
 * {@code isEmpty()}, r4 = arbiter {@code peek() == null}. Both variants list the same outcomes;
 * every combination not listed (a peek that returns an event, the pre-fix arbiter saying empty)
 * is impossible in the port and jcstress grades it FORBIDDEN.
 * <p>
 * Run alone (both variants): {@code java -cp stress/target/kmc.jar org.openjdk.jcstress.Main
 * -t EmptyVsPeekAfterDiscard -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50};
 * {@code -t EmptyVsPeekAfterDiscard.PreFix} or {@code .Fixed} for one.
 */
public final class EmptyVsPeekAfterDiscard {
    private EmptyVsPeekAfterDiscard() { }

    static final String CONSISTENT = "true, true, true, true";
    static final String CONSISTENT_DESC = "Writer moved tail onto the head page and discarded; reader and arbiter "
            + "both see empty and peek() NULL: commit 0 on the head page counts as empty, its stale read is ignored.";
    static final String ARBITER_SPINS = "true, true, false, true";
    static final String ARBITER_SPINS_DESC = "Reader ran while commit was still on the reader page: empty, peek() NULL. "
            + "Then the writer moved tail onto the head page and discarded: arbiter sees not-empty but peek() is "
            + "NULL; tracing_read_pipe would spin.";
    static final String BOTH_SPIN = "false, true, false, true";
    static final String BOTH_SPIN_DESC = "Writer moved tail and commit onto the head page (commit 0, stale read 4), "
            + "then discarded: reader (mid-reserve or after) and arbiter both see not-empty but peek() is NULL; "
            + "tracing_read_pipe would spin.";

    /** What each thread does; the variants only bind the emptiness check and grade. */
    abstract static class Race {
        final RingBufferSubject rb;

        Race(EmptyCheck check) {
            rb = A71Step8.build(check);
        }

        /** The writer CPU: ring_buffer_lock_reserve(1), then ring_buffer_discard_commit. */
        final void reserveThenDiscard() {
            if (!rb.reserveDiscard(1)) {
                throw new IllegalStateException("ring_buffer_lock_reserve(1) dropped the event:\n" + rb);
            }
        }

        /** Another CPU: ring_buffer_empty_cpu, then ring_buffer_peek (tracing_read_pipe's two questions). */
        final void emptyThenPeek(ZZZZ_Result r) {
            r.r1 = rb.isEmpty();
            r.r2 = rb.peek() == null;
        }

        /** The same two questions once the writer is quiescent. */
        final void emptyThenPeekQuiescent(ZZZZ_Result r) {
            r.r3 = rb.isEmpty();
            r.r4 = rb.peek() == null;
        }
    }

    /** v5.13: the contradiction is the bug, expected here. */
    @JCStressTest
    @State
    @Outcome(id = CONSISTENT, expect = ACCEPTABLE, desc = CONSISTENT_DESC)
    @Outcome(id = ARBITER_SPINS, expect = ACCEPTABLE_INTERESTING, desc = ARBITER_SPINS_DESC)
    @Outcome(id = BOTH_SPIN, expect = ACCEPTABLE_INTERESTING, desc = BOTH_SPIN_DESC)
    public static class PreFix extends Race {
        public PreFix() {
            super(EmptyCheck.V5_13);
        }

        @Actor
        public void writer() {
            reserveThenDiscard();
        }

        @Actor
        public void reader(ZZZZ_Result r) {
            emptyThenPeek(r);
        }

        @Arbiter
        public void quiescent(ZZZZ_Result r) {
            emptyThenPeekQuiescent(r);
        }
    }

    /**
     * 67f0d6d9883c: not-empty with peek() NULL must never show, not even to the racing reader:
     * head stays P0 (only the reader moves it), commit is R or P0, and P0's commit is 0 throughout,
     * so the fixed check answers empty at every point of the writer's run.
     */
    @JCStressTest
    @State
    @Outcome(id = CONSISTENT, expect = ACCEPTABLE, desc = CONSISTENT_DESC)
    @Outcome(id = ARBITER_SPINS, expect = FORBIDDEN, desc = ARBITER_SPINS_DESC)
    @Outcome(id = BOTH_SPIN, expect = FORBIDDEN, desc = BOTH_SPIN_DESC)
    public static class Fixed extends Race {
        public Fixed() {
            super(EmptyCheck.FIXED_67F0D6D9);
        }

        @Actor
        public void writer() {
            reserveThenDiscard();
        }

        @Actor
        public void reader(ZZZZ_Result r) {
            emptyThenPeek(r);
        }

        @Arbiter
        public void quiescent(ZZZZ_Result r) {
            emptyThenPeekQuiescent(r);
        }
    }
}
