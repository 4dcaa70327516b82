package dev.kmc.model.rcu;

/**
 * An object with an {@code rcu_head} embedded in it, so that a callback finds it with
 * {@code container_of(rhp, ...)}, here {@link RcuHead#container()}.
 */
public interface RcuContainer {
    /**
     * A copy of this object's own state, allocated in {@code rcu} (which gives it a fresh head with
     * the next id); {@link Rcu#copy()} fills that head's fields afterwards.
     */
    RcuContainer copyInto(Rcu rcu);

    /** This object's own state as one int, for {@link Rcu#stateKey()}. */
    int stateKey();
}
