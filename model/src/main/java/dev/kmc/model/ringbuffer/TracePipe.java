package dev.kmc.model.ringbuffer;

import dev.kmc.model.mem.Memory;

/**
 * The consuming loop of {@code tracing_read_pipe()} (kernel/trace/trace.c) on one CPU:
 * <pre>
 * waitagain:
 *   tracing_wait_pipe(): while (trace_empty(iter)) sleep      -- here: return EMPTY (would sleep)
 *   trace_find_next_entry_inc() -> ring_buffer_consume()        -- an event: print it, done
 *   nothing printed: -EBUSY -> goto waitagain                   -- spin
 * </pre>
 * A round carries nothing over to the next, so {@code goto waitagain} is {@link Memory#again}:
 * the explorer restarts the operation and judges a round that changed nothing, with every other
 * CPU quiescent, a dead loop. On real atomics (JCStress, Lincheck) the port counts rounds instead
 * and reports a dead loop only when {@code spinLimit} rounds found nothing while the writer was
 * quiescent (not inside reserve..commit): a writer parked mid-operation by a scheduler is not a
 * dead loop, the reader keeps waiting for it (up to {@link #HARD_LIMIT} rounds). One spin is
 * legitimate (trailing padding on the reader page is consumed first, kernel-spec A.9).
 */
public final class TracePipe {
    private TracePipe() { }

    /** The default bound on waitagain spins at writer quiescence. */
    public static final int SPIN_LIMIT = 8;

    /** Rounds after which a reader stops waiting for a writer that never becomes quiescent. */
    public static final int HARD_LIMIT = 10_000_000;

    /** What one read of trace_pipe came to. */
    public record Result(Kind kind, RbEvent event, int spins) {
        public enum Kind { EVENT, EMPTY, DEAD_LOOP }

        /** "e3", "EMPTY" or "DEADLOOP": the form the checks compare and print. */
        public String label() {
            switch (kind) {
                case EVENT: return "e" + event.id();
                case EMPTY: return "EMPTY";
                default: return "DEADLOOP";
            }
        }
    }

    /** tracing_read_pipe on one CPU's buffer. */
    public static Result tracingReadPipe(RingBufferPerCpu cpu, int spinLimit) {
        Memory mem = cpu.memory();
        int quiescentSpins = 0;
        for (int spins = 0; ; spins++) {                       // waitagain:
            if (cpu.ringBufferEmptyCpu()) {                    // trace_empty(): tracing_wait_pipe would sleep
                return new Result(Result.Kind.EMPTY, null, spins);
            }
            RbEvent e = cpu.ringBufferConsume();               // trace_find_next_entry_inc
            if (e != null) {
                return new Result(Result.Kind.EVENT, e, spins);
            }
            // nothing to print: -EBUSY -> goto waitagain
            if (cpu.writerQuiescent()) {
                quiescentSpins++;
            }
            if (quiescentSpins > spinLimit || spins >= HARD_LIMIT) {
                return new Result(Result.Kind.DEAD_LOOP, null, spins);
            }
            mem.again("tracing_read_pipe: goto waitagain");
            Thread.onSpinWait();
        }
    }
}
