package dev.kmc.model.rcu;

/**
 * {@code rcu_callback_t}: a kernel function taking the {@code rcu_head}, known by its symbol
 * {@code name} (what {@code %pS} prints). Callbacks are stateless like kernel functions: whatever
 * they change they reach through the head (container_of) and the {@link Rcu} they run in, on the
 * CPU that invokes them. Each {@link Rcu} registers every callback with its memory, so that
 * {@code ->func} is a pointer cell.
 */
public record RcuCallback(String name, Body body) {

    /** The function body: {@code f(rhp)} run by {@code cpu}'s rcu_do_batch. */
    @FunctionalInterface
    public interface Body {
        void invoke(Rcu rcu, int cpu, RcuHead rhp);
    }

    /**
     * rcu_leak_callback(): empty in the kernel (v5.15 kernel/rcu/tree.c); the model records a
     * {@code Leak} finding so that a check can see the object was never freed. 3.10 has no such function.
     */
    public static final RcuCallback RCU_LEAK_CALLBACK =
            new RcuCallback("rcu_leak_callback", (rcu, cpu, rhp) -> rcu.report(RcuFinding.leak(cpu, rhp.id())));

    /** The symbol of {@code f}, or {@code NULL}. */
    static String nameOf(RcuCallback f) { return f == null ? "NULL" : f.name; }

    @Override
    public String toString() { return name; }
}
