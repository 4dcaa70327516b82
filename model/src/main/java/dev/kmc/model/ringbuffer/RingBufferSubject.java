package dev.kmc.model.ringbuffer;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;

/**
 * The operations every check drives, on one per-CPU buffer, with results in the form the
 * checks compare and print: {@code "e3"} for an event, {@code null} for none, booleans for
 * the predicates. Writes name their events e1, e2, ... in call order (dropped writes use up a
 * name too), so an independent specification can predict every result.
 */
public final class RingBufferSubject {
    private final RingBufferPerCpu cpu;
    /** The driver's payload counter: a writer-private cell, so an explored operation replays it exactly. */
    private final Word nextId;

    public RingBufferSubject(Geometry geometry, EmptyCheck check) {
        this(new RingBufferPerCpu(geometry, check));
    }

    /** A subject on {@code memory} (the explorer's, or a test's interposing one). */
    public RingBufferSubject(Geometry geometry, EmptyCheck check, Memory memory) {
        this(new RingBufferPerCpu(geometry, check, memory));
    }

    public RingBufferSubject(RingBufferPerCpu cpu) {
        this.cpu = cpu;
        this.nextId = cpu.memory().word("driver: next payload id", 0).cpuPrivate();
    }

    public RingBufferPerCpu cpu() { return cpu; }

    public Memory memory() { return cpu.memory(); }

    /** A deep copy in a new direct-mode memory. */
    public RingBufferSubject copy() {
        RingBufferSubject c = new RingBufferSubject(cpu.geometry(), cpu.emptyCheck());
        c.memory().restore(memory().snapshot());
        return c;
    }

    private int nextPayload() {
        long id = nextId.load() + 1;
        nextId.store(id);
        return (int) id;
    }

    /** ring_buffer_write of a {@code size}-unit event: true if committed, false if dropped. */
    public boolean write(int size) {
        return cpu.ringBufferWrite(size, nextPayload());
    }

    /** ring_buffer_lock_reserve then ring_buffer_discard_commit: true if the reserve succeeded. */
    public boolean reserveDiscard(int size) {
        RbEvent e = cpu.ringBufferLockReserve(size);
        if (e == null) {
            return false;
        }
        cpu.ringBufferDiscardCommit(e);
        return true;
    }

    /** ring_buffer_lock_reserve only: the event stays reserved, uncommitted (a writer mid-event). */
    public RbEvent reserve(int size) {
        RbEvent e = cpu.ringBufferLockReserve(size);
        if (e != null) e = cpu.setPayload(e, nextPayload());
        return e;
    }

    /** ring_buffer_consume: "e&lt;id&gt;" or null. */
    public String consume() { return label(cpu.ringBufferConsume()); }

    /** ring_buffer_peek: "e&lt;id&gt;" or null. */
    public String peek() { return label(cpu.ringBufferPeek()); }

    /** ring_buffer_empty_cpu. */
    public boolean isEmpty() { return cpu.ringBufferEmptyCpu(); }

    /** tracing_read_pipe: "e&lt;id&gt;", "EMPTY" (would sleep) or "DEADLOOP" (spun without reading). */
    public String readPipe() { return TracePipe.tracingReadPipe(cpu, TracePipe.SPIN_LIMIT).label(); }

    private static String label(RbEvent e) {
        return e == null ? null : "e" + e.id();
    }

    @Override
    public String toString() { return cpu.toString(); }
}
