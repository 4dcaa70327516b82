package dev.kmc.model.mem;

/**
 * A shared object that keeps the address its {@link Memory} gave it, so storing a pointer to it
 * is one field read instead of a scan of the registered objects. Worth it for objects pointers
 * are stored to inside operations: under Lincheck a scan is a loop its loop detector counts
 * (and its reads are switch points that model no shared memory). Register in the constructor:
 * {@code this.address = mem.register(this);}.
 */
public interface Addressed {
    /** The memory the object is registered with. */
    Memory memory();

    /** Its address there (what {@link Memory#register} returned). */
    int address();
}
