package dev.kmc.model.rcu;

/**
 * What the kernel would print, oops on, or silently get wrong, recorded instead so that the model
 * keeps running and a check can say exactly what happened. Findings are outputs only: the model
 * never reads them back. They are written into per-CPU log cells of the memory (see
 * {@link Rcu#report}), so an operation stays a function of its cell accesses; this record is the
 * decoded form: the kind, the CPU that hit it, the head (by name) and up to three small values.
 */
public record RcuFinding(Kind kind, int cpu, String head, int a, int b, int c) {

    public enum Kind {
        /** v5.15 __call_rcu(): debug_rcu_head_queue() failed; pr_err "Double-freed CB", func = rcu_leak_callback. head: "link->link_rehash_rcu" (the old func). */
        DOUBLE_CALL_RCU,
        /** debug_print_object(): "ODEBUG: &lt;msg&gt; &lt;state&gt; (active state &lt;astate&gt;) object type: rcu_head". a: msg, b: state, c: astate. */
        ODEBUG,
        /** v5.15 rcu_do_batch(): f is NULL, cleared by an earlier invocation; the kernel calls through NULL. */
        NULL_CALLBACK,
        /** The model: rcu_do_batch invoked a head more often than call_rcu accepted it. a: invoked, b: accepted. */
        DOUBLE_INVOCATION,
        /** The model: invoked before its grace period ended. a: the gp_seq it needed, b: the CPU's gp_seq. */
        EARLY_INVOCATION,
        /** lib/list_debug.c __list_del_entry WARN. a: 1 next is LIST_POISON1, 2 prev is LIST_POISON2, 3 prev->next, 4 next->prev. */
        LIST_DEL_CORRUPTION,
        /** The model's slab: kmem_cache_free() of an object that is already free (SLUB 3.10 does not notice). */
        DOUBLE_FREE,
        /** The model's slab: kmem_cache_alloc() handed out an object that is still in use (after a double free). */
        SLAB_REUSE,
        /** The seed's module: "link ... there is same 4-tuple link in hash table". */
        SAME_TUPLE_LINK,
        /** rcu_leak_callback() ran: the object is never freed. */
        LEAK,
        /** A WARN_ON_ONCE at the end of rcu_do_batch. a: condition, b: len, c: n_segment_cbs (v5.15). */
        WARN,
        /** rcu_do_batch met a head twice in one batch: the done list is cyclic (the kernel loops). */
        CALLBACK_CYCLE
    }

    /** ODEBUG messages, in debug_print_object's {@code msg} argument. */
    static final String[] ODEBUG_MSG = {"init", "activate", "active_state", "deactivate"};
    /** lib/debugobjects.c obj_states[]. */
    static final String[] OBJ_STATES = {"none", "initialized", "inactive", "active", "destroyed", "notavailable"};
    /** The rcu_do_batch WARN_ON_ONCE conditions: 3.10's one, then v5.15's four. */
    static final String[] WARNS = {
        "(rdp->nxtlist == NULL) != (rdp->qlen == 0)",
        "count == 0 && !empty", "count != 0 && empty",
        "count == 0 && rcu_segcblist_n_segment_cbs() != 0", "!empty && rcu_segcblist_n_segment_cbs() == 0"};

    // ---- encoding into one log word: kind 6 bits, cpu 4, head 6, a, b, c 16 bits each -----------

    static long encode(Kind kind, int cpu, int head, int a, int b, int c) {
        return ((long) kind.ordinal() << 58) | ((long) (cpu & 0xF) << 54) | ((long) ((head + 1) & 0x3F) << 48)
                | ((long) (a & 0xFFFF) << 32) | ((long) (b & 0xFFFF) << 16) | (c & 0xFFFF);
    }

    /** Decodes a log word; {@code names} names heads by id, {@code symbols} callbacks by index (-1: NULL). */
    static RcuFinding decode(long w, java.util.function.IntFunction<String> names, java.util.function.IntFunction<String> symbols) {
        Kind kind = Kind.values()[(int) (w >>> 58)];
        int cpu = (int) (w >>> 54) & 0xF;
        int head = ((int) (w >>> 48) & 0x3F) - 1;
        String name = head < 0 ? null : names.apply(head);
        int a = (short) (w >>> 32);
        if (kind == Kind.DOUBLE_CALL_RCU) {
            return new RcuFinding(kind, cpu, name + "->" + symbols.apply(a), 0, 0, 0);    // "link->link_rehash_rcu"
        }
        return new RcuFinding(kind, cpu, name, a, (short) (w >>> 16), (short) w);
    }

    // ---- factories (ids) for the port; named ones for tests ---------------------------------------

    static long leak(int cpu, int head) { return encode(Kind.LEAK, cpu, head, 0, 0, 0); }

    /** A finding with no values, for tests: {@code RcuFinding.of(Kind.SAME_TUPLE_LINK, 1, "link")}. */
    public static RcuFinding of(Kind kind, int cpu, String head) { return new RcuFinding(kind, cpu, head, 0, 0, 0); }

    public static RcuFinding of(Kind kind, int cpu, String head, int a, int b, int c) { return new RcuFinding(kind, cpu, head, a, b, c); }

    @Override
    public String toString() {
        String p = "cpu" + cpu + " ";
        return switch (kind) {
            case DOUBLE_CALL_RCU -> p + "__call_rcu(): Double-freed CB " + head + "()!!! (leaked: func = rcu_leak_callback)";
            case ODEBUG -> p + "ODEBUG: " + ODEBUG_MSG[a] + " " + OBJ_STATES[b] + " (active state " + c + ") object type: rcu_head "
                    + head;
            case NULL_CALLBACK -> p + "rcu_do_batch(): " + head + "->func is NULL (cleared by an earlier invocation): call through NULL";
            case DOUBLE_INVOCATION -> p + "rcu_do_batch(): " + head + " invoked " + a + "x, call_rcu accepted it " + b + "x";
            case EARLY_INVOCATION -> p + "rcu_do_batch(): " + head + " invoked at gp_seq " + b + ", before its grace period ends at gp_seq " + a;
            case LIST_DEL_CORRUPTION -> p + "WARNING: at lib/list_debug.c __list_del_entry: list_del corruption, " + head
                    + "->rt_uncached" + switch (a) {
                        case 1 -> ".next is LIST_POISON1 (dead000000000100)";
                        case 2 -> ".prev is LIST_POISON2 (dead000000000200)";
                        case 3 -> ": prev->next should be the entry";
                        default -> ": next->prev should be the entry";
                    };
            case DOUBLE_FREE -> p + "kmem_cache_free(): dst " + head + " is already free: double free (SLUB puts it on a freelist again)";
            case SLAB_REUSE -> p + "kmem_cache_alloc(): hands out " + head + ", which is still in use (slab reuse after the double free)";
            case SAME_TUPLE_LINK -> p + "[LWCONN] link there is same 4-tuple link in hash table";
            case LEAK -> p + "rcu_leak_callback(): " + head + " leaked (its callback never runs)";
            case WARN -> p + "rcu_do_batch(): WARN_ON_ONCE(" + WARNS[a] + "): len " + b + (c >= 0 ? ", n_segment_cbs " + c : "")
                    + " (usually indicates a double call_rcu())";
            case CALLBACK_CYCLE -> p + "rcu_do_batch(): meets " + head + " again: the done list is cyclic (the kernel loops: RCU stall)";
        };
    }
}
