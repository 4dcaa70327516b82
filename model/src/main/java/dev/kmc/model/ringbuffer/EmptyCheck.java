package dev.kmc.model.ringbuffer;

/**
 * The one place where the pre-fix and the fixed port differ: which body of
 * {@code rb_per_cpu_empty()} runs. Everything else in the port is shared.
 */
public enum EmptyCheck {
    /** Linux v5.13 (and every kernel since bf41a158cacba, 2008, up to v5.14-rc2). */
    V5_13("pre-fix v5.13"),
    /** Linux v5.14-rc3 and later: commit 67f0d6d9883c "tracing: Fix bug in rb_per_cpu_empty() that might cause deadloop." */
    FIXED_67F0D6D9("fixed 67f0d6d9883c");

    private final String label;

    EmptyCheck(String label) { this.label = label; }

    public String label() { return label; }
}
