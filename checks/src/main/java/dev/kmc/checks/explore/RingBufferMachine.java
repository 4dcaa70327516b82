package dev.kmc.checks.explore;

import dev.kmc.checks.ringbuffer.RingBufferSpec;
import dev.kmc.model.mem.Memory;
import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import dev.kmc.model.ringbuffer.RbEvent;
import dev.kmc.model.ringbuffer.RingBufferInvariants;
import dev.kmc.model.ringbuffer.RingBufferPerCpu;
import dev.kmc.model.ringbuffer.RingBufferSubject;
import java.util.ArrayList;
import java.util.List;

/**
 * The ring buffer for kmc's explorer. With a separate reader, cpu0 is the writer
 * ({@code write(k)}, {@code reserveDiscard(k)}; interrupts arrive there) and cpu1 the reader on
 * another CPU ({@code consume()}, {@code peek()}, {@code isEmpty()}, {@code readPipe()}). Without
 * one (the operation-level setting of kernel-spec A.7), cpu0 does both.
 *
 * <p>At quiescence it checks kernel-spec A.9: no RB_WARN_ON fired, the structural invariants, and
 * that the emptiness predicate agrees with peek (evaluated on a probe copy: isEmpty, peek,
 * isEmpty again). Pinned results are checked against {@link RingBufferSpec}, which shares no code
 * with the port.
 */
public final class RingBufferMachine implements Machine {
    private final Memory mem;
    private final RingBufferSubject rb;
    private final RingBufferPerCpu probe;
    private final Geometry geometry;
    private final boolean separateReader;
    private final List<String> writerOps = new ArrayList<>();
    /** Every reader operation the machine can run. */
    public static final List<String> READER_OPS = List.of("consume()", "peek()", "isEmpty()", "readPipe()");
    private final List<String> readerOps;
    private final int[] sizes;

    public RingBufferMachine(Memory mem, Geometry geometry, EmptyCheck check, boolean separateReader, int... sizes) {
        this(mem, geometry, check, separateReader ? READER_OPS : List.of(), sizes);
    }

    /** A writer CPU and, if {@code readerOps} is not empty, a reader CPU with those operations. */
    public RingBufferMachine(Memory mem, Geometry geometry, EmptyCheck check, List<String> readerOps, int... sizes) {
        boolean separateReader = !readerOps.isEmpty();
        this.readerOps = readerOps;
        this.mem = mem;
        this.geometry = geometry;
        this.separateReader = separateReader;
        this.sizes = sizes.clone();
        this.rb = new RingBufferSubject(geometry, check, mem);
        this.probe = new RingBufferPerCpu(geometry, check);
        for (int k : sizes) writerOps.add("write(" + k + ")");
        for (int k : sizes) writerOps.add("reserveDiscard(" + k + ")");
        if (!separateReader) writerOps.add("consume()");
    }

    public RingBufferSubject subject() { return rb; }

    @Override
    public Memory memory() { return mem; }

    @Override
    public int cpus() { return separateReader ? 2 : 1; }

    @Override
    public String cpuName(int cpu) { return cpu == 0 ? "cpu0 (writer)" : "cpu1 (reader)"; }

    @Override
    public List<String> operations(int cpu) { return cpu == 0 ? writerOps : readerOps; }

    @Override
    public String run(int cpu, int op) {
        String name = operations(cpu).get(op);
        if (cpu == 0 && op < 2 * sizes.length) {
            int k = sizes[op % sizes.length];
            return String.valueOf(op < sizes.length ? rb.write(k) : rb.reserveDiscard(k));
        }
        switch (name) {
            case "consume()": return String.valueOf(rb.consume());
            case "peek()": return String.valueOf(rb.peek());
            case "isEmpty()": return String.valueOf(rb.isEmpty());
            case "readPipe()": return rb.readPipe();
            default: throw new IllegalArgumentException(name);
        }
    }

    @Override
    public String quiescentViolation() {
        RingBufferPerCpu cpu = rb.cpu();
        if (cpu.warnings() > 0) {
            return "RB_WARN_ON: " + cpu.firstWarning() + " (the kernel WARNs and disables recording on this buffer)";
        }
        String structural = RingBufferInvariants.firstViolation(cpu);
        if (structural != null) {
            return "structural: " + structural;
        }
        probe.restoreFrom(cpu);
        boolean emptyBefore = probe.ringBufferEmptyCpu();
        RbEvent peeked = probe.ringBufferPeek();
        if (emptyBefore && peeked != null) {
            return "false empty: isEmpty() is true but peek() returns " + peeked + " (a reader sleeps on unread data)";
        }
        if (peeked == null && !probe.ringBufferEmptyCpu()) {
            return "not empty, nothing to read: peek() returns null but isEmpty() is false (tracing_read_pipe loops forever)";
        }
        return null;
    }

    /** The port's canonical key (page renaming, counter differences); see {@link RingBufferPerCpu#stateKey()} for why it is sound. */
    @Override
    public int[] quiescentKey() { return rb.cpu().stateKey(); }

    @Override
    public String checkResults(List<String> init, List<List<String>> programs, List<List<String>> results) {
        if (geometry.overwrite()) {
            return null;
        }
        if (SequentialOrders.exists(() -> RingBufferSpec.of(geometry), (spec, cpu, op) -> call(spec, op), init, programs, results)) {
            return null;
        }
        return "not linearizable: no order of the whole operations (each CPU's in program order) gives these results"
                + " in the independent specification";
    }


    private static String call(RingBufferSpec spec, String op) {
        int open = op.indexOf('(');
        String name = op.substring(0, open);
        String arg = op.substring(open + 1, op.length() - 1);
        switch (name) {
            case "write": return String.valueOf(spec.write(Integer.parseInt(arg)));
            case "reserveDiscard": return String.valueOf(spec.reserveDiscard(Integer.parseInt(arg)));
            case "consume": return String.valueOf(spec.consume());
            case "peek": return String.valueOf(spec.peek());
            case "isEmpty": return String.valueOf(spec.isEmpty());
            case "readPipe": return spec.readPipe();
            default: throw new IllegalArgumentException(op);
        }
    }

    @Override
    public String describe() { return rb.toString(); }

    /** {@link RingBufferPerCpu#snapshotData()}: the tree {@link #describe()} is printed from. */
    @Override
    public Object snapshot() { return rb.cpu().snapshotData(); }
}
