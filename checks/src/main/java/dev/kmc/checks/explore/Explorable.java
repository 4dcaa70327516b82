package dev.kmc.checks.explore;

import java.util.List;

/**
 * A port seen as a transition system for {@link Explorer}: a fresh state, named operations
 * that each produce a new state from a copy, a canonical key (sound: two states with the same
 * key behave the same under every later operation and every check), and the invariants.
 */
public interface Explorable<S> {

    S initial();

    /** The operations, e.g. "write(1)", "consume()". */
    List<String> operations();

    /** Applies operation {@code op} to a copy of {@code state}; {@code state} is not changed. */
    S apply(S state, int op);

    int[] key(S state);

    /**
     * The first invariant {@code state} violates, as "kind: details", or null. The kind (the
     * text before the first colon) groups violations in the report.
     */
    String violation(S state);

    /** The state as the incident's engineer reads it. */
    String describe(S state);
}
