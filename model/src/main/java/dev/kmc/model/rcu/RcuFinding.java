package dev.kmc.model.rcu;

/**
 * What the kernel would print, oops on, or silently get wrong, recorded instead so that the model
 * keeps running and a check can say exactly what happened. Findings are outputs only: the model
 * never reads them back.
 */
public sealed interface RcuFinding {

    /** __call_rcu(): debug_rcu_head_queue() failed; the call is dropped and the queued instance leaked. */
    record DoubleCallRcu(int cpu, String head, String func) implements RcuFinding {
        @Override
        public String toString() {
            return "cpu" + cpu + " __call_rcu(): Double-freed CB " + head + "->" + func + "()!!! (leaked: func = rcu_leak_callback)";
        }
    }

    /** rcu_do_batch() found func NULL: an earlier invocation cleared it. The kernel calls through NULL and oopses. */
    record NullCallbackInvocation(int cpu, String head) implements RcuFinding {
        @Override
        public String toString() {
            return "cpu" + cpu + " rcu_do_batch(): " + head + "->func is NULL (cleared by an earlier invocation): call through NULL";
        }
    }

    /** rcu_do_batch() invoked a head more often than call_rcu() accepted it. */
    record DoubleInvocation(int cpu, String head, int invoked, int accepted) implements RcuFinding {
        @Override
        public String toString() {
            return "cpu" + cpu + " rcu_do_batch(): " + head + " invoked " + invoked + "x, call_rcu accepted it " + accepted + "x";
        }
    }

    /** rcu_do_batch() invoked a head before a full grace period had elapsed since its call_rcu(): readers may still use it. */
    record EarlyInvocation(int cpu, String head, long gpSnap, long gpSeq) implements RcuFinding {
        @Override
        public String toString() {
            return "cpu" + cpu + " rcu_do_batch(): " + head + " invoked at gp_seq " + gpSeq + ", before its grace period ends at gp_seq " + gpSnap;
        }
    }

    /** dst_destroy_rcu() on an entry that was already freed: a double free (SLUB or KASAN would report it). */
    record DoubleFree(String dst) implements RcuFinding {
        @Override
        public String toString() {
            return "dst_destroy_rcu(): dst " + dst + " freed twice";
        }
    }

    /** rcu_leak_callback() ran: the object whose head was double-queued is never freed. */
    record Leak(String head) implements RcuFinding {
        @Override
        public String toString() {
            return "rcu_leak_callback(): " + head + " leaked (never freed)";
        }
    }

    /** A WARN_ON_ONCE at the end of rcu_do_batch() ("usually indicates a double call_rcu()"). */
    record Warn(int cpu, String condition, long len, long segmentCbs, boolean empty) implements RcuFinding {
        @Override
        public String toString() {
            return "cpu" + cpu + " rcu_do_batch(): WARN_ON_ONCE(" + condition + "): len " + len + ", n_segment_cbs " + segmentCbs
                    + ", list " + (empty ? "empty" : "not empty") + " (usually indicates a double call_rcu())";
        }
    }

    /** rcu_do_batch() met a head twice in one batch: the done list is cyclic and the kernel would never finish it. */
    record CallbackCycle(int cpu, String head) implements RcuFinding {
        @Override
        public String toString() {
            return "cpu" + cpu + " rcu_do_batch(): meets " + head + " again: the done list is cyclic (the kernel loops: RCU stall)";
        }
    }
}
