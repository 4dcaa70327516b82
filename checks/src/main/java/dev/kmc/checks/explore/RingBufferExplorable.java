package dev.kmc.checks.explore;

import dev.kmc.model.ringbuffer.EmptyCheck;
import dev.kmc.model.ringbuffer.Geometry;
import dev.kmc.model.ringbuffer.RingBufferInvariants;
import dev.kmc.model.ringbuffer.RingBufferSubject;
import java.util.ArrayList;
import java.util.List;

/**
 * The ring-buffer port as a transition system: operations write(k) and reserveDiscard(k) for
 * the given sizes, and consume() (kernel-spec A.7). Every state is checked at writer
 * quiescence for the emptiness invariants of A.9 (on a copy: isEmpty, peek, isEmpty again)
 * and the structural invariants.
 */
public final class RingBufferExplorable implements Explorable<RingBufferSubject> {
    private final Geometry geometry;
    private final EmptyCheck check;
    private final List<String> ops = new ArrayList<>();
    private final int[] sizes;

    public RingBufferExplorable(Geometry geometry, EmptyCheck check, int... sizes) {
        this.geometry = geometry;
        this.check = check;
        this.sizes = sizes.clone();
        for (int k : sizes) ops.add("write(" + k + ")");
        for (int k : sizes) ops.add("reserveDiscard(" + k + ")");
        ops.add("consume()");
    }

    @Override
    public RingBufferSubject initial() { return new RingBufferSubject(geometry, check); }

    @Override
    public List<String> operations() { return ops; }

    @Override
    public RingBufferSubject apply(RingBufferSubject state, int op) {
        RingBufferSubject s = state.copy();
        int n = sizes.length;
        if (op < n) s.write(sizes[op]);
        else if (op < 2 * n) s.reserveDiscard(sizes[op - n]);
        else s.consume();
        return s;
    }

    @Override
    public int[] key(RingBufferSubject state) { return state.cpu().stateKey(); }

    @Override
    public String violation(RingBufferSubject state) {
        String structural = RingBufferInvariants.firstViolation(state.cpu());
        if (structural != null) return "structural: " + structural;
        String e = RingBufferInvariants.emptinessViolation(state.cpu());
        if (e == null) return null;
        return (e.startsWith("peek() returns null") ? "dead loop: " : "false empty: ") + e;
    }

    @Override
    public String describe(RingBufferSubject state) { return state.toString(); }
}
