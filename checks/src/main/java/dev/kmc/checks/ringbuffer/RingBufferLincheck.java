package dev.kmc.checks.ringbuffer;

import dev.kmc.checks.lincheck.SequentialSpec;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import dev.kmc.model.ringbuffer.RingBufferSubject;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * Lincheck operations on one per-CPU buffer of {@link #GEOMETRY}. Writer operations share the
 * non-parallel group "writer" (one writer per CPU); reader operations may run on any thread
 * and serialize on the port's reader lock, as in the kernel. The variants are the nested
 * subclasses; the sequential specification is {@link RingBufferSpec}, never the port.
 */
@Param(name = "size", gen = IntGen.class, conf = "1:4")
@SequentialSpec(RingBufferSpec.class)
public abstract class RingBufferLincheck {

    /** 2 ring pages of 4 slots, overwrite off: the kernel minimum of kernel-spec A.7.2. */
    public static final Geometry GEOMETRY = Geometry.slots(2, 4, false);

    private final RingBufferSubject rb;

    protected RingBufferLincheck(EmptyCheck check) {
        rb = new RingBufferSubject(GEOMETRY, check);
    }

    @Operation(nonParallelGroup = "writer")
    public boolean write(@Param(name = "size") int size) { return rb.write(size); }

    @Operation(nonParallelGroup = "writer")
    public boolean reserveDiscard(@Param(name = "size") int size) { return rb.reserveDiscard(size); }

    @Operation
    public String consume() { return rb.consume(); }

    @Operation
    public String peek() { return rb.peek(); }

    @Operation
    public boolean isEmpty() { return rb.isEmpty(); }

    @Operation
    public String readPipe() { return rb.readPipe(); }

    /** The structure, for traces. */
    @Override
    public String toString() { return rb.toString(); }

    /** Linux v5.13: rb_per_cpu_empty trusts the head page's stale read. */
    public static class PreFix extends RingBufferLincheck {
        public PreFix() { super(EmptyCheck.V5_13); }
    }

    /** With 67f0d6d9883c. */
    public static class Fixed extends RingBufferLincheck {
        public Fixed() { super(EmptyCheck.FIXED_67F0D6D9); }
    }
}
