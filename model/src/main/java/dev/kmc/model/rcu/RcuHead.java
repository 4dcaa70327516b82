package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.Word;
import java.util.function.ToIntFunction;

/**
 * {@code struct rcu_head { next; func; }}, embedded in the object to be freed (first member of
 * {@code struct dst_entry}; the link's head in the seed's module). It holds no "queued" state:
 * {@code call_rcu} overwrites both fields unconditionally. Both are cells: when one head is queued
 * on two CPUs, {@code next} is a tail cell of two lists at once and {@code func} is read and written
 * by both CPUs (kernel-spec B.4). The id and name are the model's, for printing and state keys.
 */
public final class RcuHead {
    private final int id;
    private final String name;
    private final RcuContainer container;
    /** The head's address in its memory (the struct's first member, so also {@code &head->next}'s object). */
    final int addr;
    /** -&gt;next: also the cell a list's tail points at ({@code &head->next}). */
    final ObjPtr<RcuHead> next;
    /** -&gt;func. */
    final ObjPtr<RcuCallback> func;

    RcuHead(Memory mem, int id, String name, RcuContainer container, ToIntFunction<RcuCallback> symbolAddr) {
        this.id = id;
        this.name = name;
        this.container = container;
        this.addr = mem.register(this);
        this.next = new ObjPtr<>(mem, name + ".next", h -> h.addr);
        this.func = new ObjPtr<>(mem, name + ".func", symbolAddr);
    }

    public int id() { return id; }

    public String name() { return name; }

    /** container_of(): the object this head is embedded in, or null for a bare head. */
    public RcuContainer container() { return container; }

    /** -&gt;next, without scheduling (printers, invariants). */
    public RcuHead peekNext() { return next.peekPtr(); }

    /** -&gt;func, without scheduling (printers, invariants). */
    public RcuCallback peekFunc() { return func.peekPtr(); }

    /** The next cell itself ({@code &head->next}), which a tail may point at. */
    public Word nextCell() { return next.cell(); }

    @Override
    public String toString() { return name; }
}
