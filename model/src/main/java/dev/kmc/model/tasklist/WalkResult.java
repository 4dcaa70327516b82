package dev.kmc.model.tasklist;

/** What one search of the module comes to. */
public enum WalkResult {
    /** The loop met a task whose tgid is the target. */
    FOUND,
    /** The loop came back to its anchor without meeting the target. */
    NOT_FOUND,
    /** The module holds no task with the start pid (none was ever made): -ESRCH. */
    ESRCH,
    /**
     * The loop passed {@link TaskList#WALK_BOUND} tasks without meeting the target or its anchor:
     * the anchor is not on the ring, and the kernel would spin here for good.
     */
    LOOPED
}
