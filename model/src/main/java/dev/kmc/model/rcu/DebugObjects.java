package dev.kmc.model.rcu;

import dev.kmc.model.mem.Memory;
import dev.kmc.model.mem.SpinLock;
import dev.kmc.model.mem.Word;

/**
 * lib/debugobjects.c as it was before 63a759694eed ("debugobject: Prevent init race with static
 * objects", v6.4; 5.15.111 in 5.15.y), v5.15 text, for {@code rcuhead_debug_descr}
 * (kernel/rcu/update.c v5.15: {@code is_static_object} returns true, no fixup callbacks).
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li>Every function takes and drops the bucket's {@code raw_spinlock} on its own, so a caller that
 *     calls two of them (debug_rcu_head_queue, debug_rcu_head_unqueue) is two critical sections with
 *     a window in between: the model keeps that window.</li>
 * <li>{@link #debugObjectActivate} on a head that is not tracked: look up under the lock, unlock,
 *     then {@code debug_object_init()} and a nested {@code debug_object_activate()}, and return 0
 *     whatever the nested call returned. Two CPUs whose lookups both miss are both accepted.</li>
 * <li>The tracker of each head ({@code struct debug_obj}) is three cells under the lock:
 *     {@code tracked} (on the bucket's hlist), {@code state}, {@code astate}.</li>
 * </ul>
 * NOTE: one bucket for every head (the kernel hashes the address into one of 16384); each head's
 * tracker is only touched under its bucket's lock either way, so sharing one lock only serializes
 * accesses that never overlap in the kernel's outcomes. Left out: the object pool and OOM path,
 * debug_print_object's limit of 5, debug_objects_enabled, and CONFIG_DEBUG_OBJECTS_FREE (freeing a
 * dst does not drop its head's tracker here).
 */
public final class DebugObjects {
    // enum debug_obj_state
    static final int ODEBUG_STATE_NONE = 0;
    static final int ODEBUG_STATE_INIT = 1;
    static final int ODEBUG_STATE_INACTIVE = 2;
    static final int ODEBUG_STATE_ACTIVE = 3;
    static final int ODEBUG_STATE_DESTROYED = 4;
    static final int ODEBUG_STATE_NOTAVAILABLE = 5;
    // kernel/rcu/rcu.h
    static final int STATE_RCU_HEAD_READY = 0;
    static final int STATE_RCU_HEAD_QUEUED = 1;
    // debug_print_object msg
    private static final int MSG_INIT = 0;
    private static final int MSG_ACTIVATE = 1;
    private static final int MSG_ACTIVE_STATE = 2;
    private static final int MSG_DEACTIVATE = 3;

    private final Rcu rcu;
    /** db->lock of the (one) bucket. */
    final SpinLock dbLock;
    final Word[] tracked;
    final Word[] state;
    final Word[] astate;

    DebugObjects(Memory mem, Rcu rcu, int heads) {
        this.rcu = rcu;
        this.dbLock = mem.spinLock("obj_hash[].lock");
        tracked = new Word[heads];
        state = new Word[heads];
        astate = new Word[heads];
        for (int i = 0; i < heads; i++) {
            tracked[i] = mem.word("debug_obj[" + i + "].tracked", 0).guardedBy(dbLock);
            state[i] = mem.word("debug_obj[" + i + "].state", ODEBUG_STATE_NONE).guardedBy(dbLock);
            astate[i] = mem.word("debug_obj[" + i + "].astate", 0).guardedBy(dbLock);
        }
    }

    /** debug_object_activate(): 0 for success, -EINVAL (-22) for check failed. */
    int debugObjectActivate(int cpu, RcuHead h) {
        int i = h.id();
        dbLock.rawSpinLockIrqsave();                                        // raw_spin_lock_irqsave(&db->lock, flags)
        if (tracked[i].load() != 0) {                                       // obj = lookup_object(addr, db); if (obj)
            int s = (int) state[i].load();
            switch (s) {
                case ODEBUG_STATE_INIT:
                case ODEBUG_STATE_INACTIVE:
                    state[i].store(ODEBUG_STATE_ACTIVE);                     // obj->state = ODEBUG_STATE_ACTIVE; ret = 0
                    dbLock.rawSpinUnlockIrqrestore();
                    return 0;                                               // LP (accepted, tracked head)
                case ODEBUG_STATE_ACTIVE: {
                    int as = (int) astate[i].load();
                    dbLock.rawSpinUnlockIrqrestore();
                    debugPrintObject(cpu, h, MSG_ACTIVATE, s, as);          // "activate active"; no fixup_activate for rcu_head
                    return -22;                                             // LP (rejected): ret ? 0 : -EINVAL
                }
                case ODEBUG_STATE_DESTROYED: {
                    int as = (int) astate[i].load();
                    dbLock.rawSpinUnlockIrqrestore();
                    debugPrintObject(cpu, h, MSG_ACTIVATE, s, as);
                    return -22;
                }
                default:
                    dbLock.rawSpinUnlockIrqrestore();
                    return 0;
            }
        }
        dbLock.rawSpinUnlockIrqrestore();                                   // not tracked: unlock first
        // descr->is_static_object(addr) is true for rcu_head: "track this static object"
        debugObjectInit(cpu, h);                                            // debug_object_init(addr, descr)
        debugObjectActivate(cpu, h);                                        // debug_object_activate(addr, descr): result dropped
        return 0;                                                           // LP (accepted, untracked head), whatever happened above
    }

    /** debug_object_init() -&gt; __debug_object_init(). Also what init_rcu_head() does. */
    void debugObjectInit(int cpu, RcuHead h) {
        int i = h.id();
        dbLock.rawSpinLockIrqsave();
        if (tracked[i].load() == 0) {                                       // obj = lookup_object(); if (!obj) obj = alloc_object()
            tracked[i].store(1);
            state[i].store(ODEBUG_STATE_NONE);
            astate[i].store(0);
        }
        int s = (int) state[i].load();
        switch (s) {
            case ODEBUG_STATE_NONE:
            case ODEBUG_STATE_INIT:
            case ODEBUG_STATE_INACTIVE:
                state[i].store(ODEBUG_STATE_INIT);
                dbLock.rawSpinUnlockIrqrestore();
                return;
            case ODEBUG_STATE_ACTIVE:
            case ODEBUG_STATE_DESTROYED: {
                int as = (int) astate[i].load();
                dbLock.rawSpinUnlockIrqrestore();
                debugPrintObject(cpu, h, MSG_INIT, s, as);                  // "init active": no fixup_init for rcu_head
                return;
            }
            default:
                dbLock.rawSpinUnlockIrqrestore();
        }
    }

    /** debug_object_active_state(addr, descr, expect, next). */
    void debugObjectActiveState(int cpu, RcuHead h, int expect, int next) {
        int i = h.id();
        dbLock.rawSpinLockIrqsave();
        if (tracked[i].load() == 0) {
            dbLock.rawSpinUnlockIrqrestore();
            debugPrintObject(cpu, h, MSG_ACTIVE_STATE, ODEBUG_STATE_NOTAVAILABLE, 0);
            return;
        }
        int s = (int) state[i].load();
        int as = (int) astate[i].load();
        if (s == ODEBUG_STATE_ACTIVE && as == expect) {
            astate[i].store(next);                                          // obj->astate = next
            dbLock.rawSpinUnlockIrqrestore();
            return;
        }
        dbLock.rawSpinUnlockIrqrestore();
        debugPrintObject(cpu, h, MSG_ACTIVE_STATE, s, as);
    }

    /** debug_object_deactivate(): INACTIVE only if astate is 0, else printed and left as it is. */
    void debugObjectDeactivate(int cpu, RcuHead h) {
        int i = h.id();
        dbLock.rawSpinLockIrqsave();
        if (tracked[i].load() == 0) {
            dbLock.rawSpinUnlockIrqrestore();
            debugPrintObject(cpu, h, MSG_DEACTIVATE, ODEBUG_STATE_NOTAVAILABLE, 0);
            return;
        }
        int s = (int) state[i].load();
        int as = (int) astate[i].load();
        boolean print = false;
        switch (s) {
            case ODEBUG_STATE_INIT:
            case ODEBUG_STATE_INACTIVE:
            case ODEBUG_STATE_ACTIVE:
                if (as == 0) {
                    state[i].store(ODEBUG_STATE_INACTIVE);
                } else {
                    print = true;                                           // still QUEUED: stays ACTIVE
                }
                break;
            case ODEBUG_STATE_DESTROYED:
                print = true;
                break;
            default:
                break;
        }
        dbLock.rawSpinUnlockIrqrestore();
        if (print) {
            debugPrintObject(cpu, h, MSG_DEACTIVATE, s, as);
        }
    }

    /** debug_print_object(): WARN "ODEBUG: %s %s (active state %u) object type: rcu_head", every time. */
    private void debugPrintObject(int cpu, RcuHead h, int msg, int s, int as) {
        rcu.report(RcuFinding.encode(RcuFinding.Kind.ODEBUG, cpu, h.id(), msg, s, as));
    }

    // ---- views ------------------------------------------------------------------------------------

    /** The tracker of {@code h} as debugobjects would show it: "untracked", "active/QUEUED", "inactive/READY". */
    String describe(RcuHead h) {
        int i = h.id();
        if (tracked[i].peek() == 0) {
            return "untracked";
        }
        return RcuFinding.OBJ_STATES[(int) state[i].peek()] + "/" + (astate[i].peek() == STATE_RCU_HEAD_QUEUED ? "QUEUED" : "READY");
    }

    /** True while the head's tracker is ACTIVE (debugobjects takes it to be queued). */
    public boolean isActive(RcuHead h) {
        return tracked[h.id()].peek() != 0 && state[h.id()].peek() == ODEBUG_STATE_ACTIVE;
    }

    /** astate of the head's tracker (0 READY, 1 QUEUED), or -1 if untracked. */
    public int astate(RcuHead h) {
        return tracked[h.id()].peek() == 0 ? -1 : (int) astate[h.id()].peek();
    }
}
