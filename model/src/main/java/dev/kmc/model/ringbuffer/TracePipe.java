package dev.kmc.model.ringbuffer;

/**
 * The consuming loop of {@code tracing_read_pipe()} (kernel/trace/trace.c) on one CPU:
 * <pre>
 * waitagain:
 *   tracing_wait_pipe(): while (trace_empty(iter)) sleep      -- here: return EMPTY (would sleep)
 *   trace_find_next_entry_inc() -> ring_buffer_consume()        -- an event: print it, done
 *   nothing printed: -EBUSY -> goto waitagain                   -- spin
 * </pre>
 * The kernel loop has no bound; the port gives up after {@code spinLimit} spins and reports a
 * dead loop, so a wedged buffer becomes a finding instead of a hung thread. One spin is
 * legitimate (trailing padding on the reader page is consumed first, kernel-spec A.9).
 */
public final class TracePipe {
    private TracePipe() { }

    /** The default bound on waitagain spins. */
    public static final int SPIN_LIMIT = 8;

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

    /** tracing_read_pipe on one CPU's buffer, bounded at {@code spinLimit} waitagain spins. */
    public static Result tracingReadPipe(RingBufferPerCpu cpu, int spinLimit) {
        for (int spins = 0; spins <= spinLimit; spins++) {
            if (cpu.ringBufferEmptyCpu()) {                    // trace_empty(): tracing_wait_pipe would sleep
                return new Result(Result.Kind.EMPTY, null, spins);
            }
            RbEvent e = cpu.ringBufferConsume();               // trace_find_next_entry_inc
            if (e != null) {
                return new Result(Result.Kind.EVENT, e, spins);
            }
            // nothing to print: -EBUSY -> goto waitagain
        }
        return new Result(Result.Kind.DEAD_LOOP, null, spinLimit);
    }
}
