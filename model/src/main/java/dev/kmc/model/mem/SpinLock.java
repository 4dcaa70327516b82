package dev.kmc.model.mem;

/**
 * A spinlock ({@code spinlock_t}, {@code raw_spinlock_t}, {@code arch_spinlock_t}). The value is 0
 * when free, else the holder's tag. The {@code Irqsave} forms also mark that interrupts are off
 * on the holding CPU while it is held, which the explorer honours (no interrupt is delivered
 * there). As in the kernel, every return path must unlock: there is no finally.
 */
public final class SpinLock extends Cell {
    /** Argument b of SPIN_LOCK: the lock disables interrupts on its CPU while held. */
    public static final long IRQSAVE = 1;

    SpinLock(Memory mem, String name) {
        super(mem, name, 0);
    }

    public void spinLock() { access(Prim.SPIN_LOCK, 1, 0); }

    public void spinUnlock() { access(Prim.SPIN_UNLOCK, 0, 0); }

    public void rawSpinLockIrqsave() { access(Prim.SPIN_LOCK, 1, IRQSAVE); }

    public void rawSpinUnlockIrqrestore() { access(Prim.SPIN_UNLOCK, 0, IRQSAVE); }

    public void archSpinLock() { access(Prim.SPIN_LOCK, 1, 0); }

    public void archSpinUnlock() { access(Prim.SPIN_UNLOCK, 0, 0); }

    /** True if held (no scheduling: invariants and printers). */
    public boolean isLocked() { return peek() != 0; }

    /** The CPU holding the lock (from the holder's tag), or -1 if free. */
    public static int holder(long v) { return v == 0 ? -1 : (int) (v & 0xff) - 1; }

    /** True if the holder took it with the irqsave form. */
    public static boolean irqsOff(long v) { return v != 0 && (v >>> 8 & IRQSAVE) != 0; }

    @Override
    public String format(long v) { return v == 0 ? "unlocked" : "locked"; }
}
