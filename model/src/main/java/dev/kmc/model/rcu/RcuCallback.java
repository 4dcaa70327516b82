package dev.kmc.model.rcu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code rcu_callback_t}: a kernel function taking the {@code rcu_head}, known by its symbol
 * {@code name} (what {@code %pS} prints). Callbacks are stateless like kernel functions: whatever
 * they change they reach through the head ({@link RcuHead#container()}, container_of).
 */
public record RcuCallback(String name, Consumer<RcuHead> body) {
    private static final Map<String, Integer> SYMBOLS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_SYMBOL = new AtomicInteger();

    /** {@code f(rhp)}. */
    public void invoke(RcuHead rhp) { body.accept(rhp); }

    /** A small number standing for the symbol, the same for every callback of that name (for state keys). */
    int symbol() { return SYMBOLS.computeIfAbsent(name, n -> NEXT_SYMBOL.getAndIncrement()); }

    /** The symbol of {@code f}, or {@code NULL}. */
    static String nameOf(RcuCallback f) { return f == null ? "NULL" : f.name; }

    @Override
    public String toString() { return name; }
}
