package dev.kmc.model.rcu;

/**
 * An object with an {@code rcu_head} embedded in it, so that a callback finds it with
 * {@code container_of(rhp, ...)}, here {@link RcuHead#container()}. Its state lives in cells of
 * the {@link Rcu}'s memory, so copies and state keys come from the memory snapshot.
 */
public interface RcuContainer {
    /** How the printer shows the object's own state, e.g. "dst D2 (freed 2x, rt_uncached POISON)". */
    String describe();
}
