package dev.kmc.stress.systemd;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.kmc.model.systemd.Sigchld;
import dev.kmc.model.systemd.Systemd;
import dev.kmc.model.systemd.SystemdVariant;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * systemd #6608 (kernel-spec C3), raced: the kernel's {@code do_exit()} of foo.service's last
 * process posts "cgroup empty" (inotify on cgroup.events) and then SIGCHLD, while PID 1's event
 * loop makes one pass (cgroup-empty source, gc queue, signal source). The arbiter is the event
 * loop's next passes: it dispatches whatever is still pending, SIGCHLD first (as sd-event's
 * priorities do), then cgroup empty and gc.
 * <p>
 * If PID 1 handles cgroup empty in the window (before exit_notify queues SIGCHLD, or after
 * sd-event chose the inotify source but before it read it), foo.service goes dead and releases
 * its cgroup; the later SIGCHLD maps the zombie's cgroup up to {@code /system.slice}, whose
 * {@code sigchld_event} is NULL. v234 calls it (SEGV in PID 1, recorded by the port instead);
 * PR #6928 skips it and drops the SIGCHLD.
 * <p>
 * Result: r1 = PID 1's SIGCHLD dispatch in its racing pass, r2 = the arbiter's, each
 * 0 no child / 1 delivered to foo.service / 2 dropped (no handler, skipped) / 3 SEGV through NULL /
 * 4 SEGV on a freed unit / 5 delivered to a unit that did not own the pid; r3 = 1 if the end state
 * is the one every order must reach (pid 100 reaped, foo.service dead and freed, PID 1 alive),
 * else 0. Both variants list the same outcomes; every combination not listed (4 and 5 cannot
 * happen in the port, see dev.kmc.model.systemd's package-info) is graded FORBIDDEN by jcstress.
 * <p>
 * Run alone: {@code ./kmc jcstress -t SystemdRace -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}
 * ({@code -t SystemdRace.PreFix} or {@code .Fixed} for one).
 */
public final class SystemdRace {
    private SystemdRace() { }

    /** The outcome (a regex over the result string) that shows the bug: a SIGCHLD dispatch that crashed PID 1. */
    public static final String BUG = "([345], \\d, \\d|\\d, [345], \\d)";
    static final String BUG_DESC = "PID 1 handled cgroup empty before SIGCHLD (foo.service dead, pid unwatched, cgroup "
            + "released); the SIGCHLD dispatch then mapped the zombie's cgroup up to system.slice and called its "
            + "sigchld_event through NULL (or a freed unit's): SEGV in PID 1; the end state is not the order-independent one.";

    static final String SIGCHLD_FIRST_LATE = "0, 1, 1";
    static final String SIGCHLD_FIRST_LATE_DESC = "PID 1's pass came before do_exit() posted anything it acted on; "
            + "the next pass dispatched SIGCHLD first and foo.service's sigchld_event saw its main pid exit; "
            + "cgroup empty and gc followed: pid 100 reaped, foo.service dead and freed.";
    static final String SIGCHLD_FIRST = "1, 0, 1";
    static final String SIGCHLD_FIRST_DESC = "PID 1 saw SIGCHLD pending: cgroup empty waited behind it, SIGCHLD reached "
            + "foo.service (the owner) in PID 1's pass; the next pass found no child: pid 100 reaped, foo.service freed.";
    static final String DROPPED = "2, 0, 1";
    static final String DROPPED_DESC = "PID 1 handled cgroup empty in the window and then SIGCHLD in the same pass: "
            + "the zombie's cgroup mapped to system.slice, whose NULL sigchld_event PR #6928 skips: SIGCHLD dropped, "
            + "pid 100 reaped, foo.service freed (fixed only).";
    static final String DROPPED_LATE = "0, 2, 1";
    static final String DROPPED_LATE_DESC = "PID 1 handled cgroup empty in the window; SIGCHLD came after its pass and the "
            + "next pass mapped the zombie to system.slice and skipped its NULL sigchld_event: dropped, pid 100 reaped, "
            + "foo.service freed (fixed only).";

    /** How long PID 1's racing pass waits for the first event before it runs anyway (then the arbiter sees it all). */
    static final int EPOLL_SPINS = 20_000;

    static int code(Sigchld s) {
        return switch (s) {
            case NO_CHILD -> 0;
            case DELIVERED -> 1;
            case DROPPED -> 2;
            case SEGV_NULL_HANDLER -> 3;
            case SEGV_FREED_UNIT -> 4;
            case MISDELIVERED -> 5;
        };
    }

    /** What each thread does; the variants only bind the port and grade. */
    abstract static class Race {
        final Systemd port;

        Race(SystemdVariant v) { port = new Systemd(v); }

        /** The exiting task's CPU: do_exit() -> cgroup_exit(), exit_notify(). */
        final void kernel() {
            port.processExit();
        }

        /**
         * PID 1's racing pass: epoll_wait() until either fd is readable (a bounded spin), then the
         * cgroup-empty source, the gc queue, the signal source.
         */
        final void pid1(III_Result r) {
            for (int i = 0; i < EPOLL_SPINS && !port.inotifyPending() && !port.sigchldPending(); i++) {
                Thread.onSpinWait();                        // epoll_wait(): PID 1 wakes when the first event is queued
            }
            port.dispatchCgroupEmpty();
            port.gc();
            r.r1 = code(port.dispatchSigchld());
        }

        /** PID 1's next passes, after the exit: SIGCHLD first (its priority), then cgroup empty and gc. */
        final void nextPasses(III_Result r) {
            r.r2 = code(port.dispatchSigchld());
            port.dispatchCgroupEmpty();
            port.gc();
            r.r3 = port.outcome().equals("pid 100 REAPED; foo.service dead, freed; system.slice alive; PID 1 alive") ? 1 : 0;
        }
    }

    /** systemd v234: the call through NULL is the incident, expected here. */
    @JCStressTest
    @State
    @Outcome(id = SIGCHLD_FIRST_LATE, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_LATE_DESC)
    @Outcome(id = SIGCHLD_FIRST, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_DESC)
    @Outcome(id = DROPPED, expect = ACCEPTABLE, desc = DROPPED_DESC)
    @Outcome(id = DROPPED_LATE, expect = ACCEPTABLE, desc = DROPPED_LATE_DESC)
    @Outcome(id = BUG, expect = ACCEPTABLE_INTERESTING, desc = BUG_DESC)
    public static class PreFix extends Race {
        public PreFix() { super(SystemdVariant.PRE_FIX); }

        @Actor
        public void kernelCpu() { kernel(); }

        @Actor
        public void pid1EventLoop(III_Result r) { pid1(r); }

        @Arbiter
        public void pid1NextPasses(III_Result r) { nextPasses(r); }
    }

    /** With PR #6928: whatever the order, no handler is called through NULL and the end state is the same. */
    @JCStressTest
    @State
    @Outcome(id = SIGCHLD_FIRST_LATE, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_LATE_DESC)
    @Outcome(id = SIGCHLD_FIRST, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_DESC)
    @Outcome(id = DROPPED, expect = ACCEPTABLE, desc = DROPPED_DESC)
    @Outcome(id = DROPPED_LATE, expect = ACCEPTABLE, desc = DROPPED_LATE_DESC)
    @Outcome(id = BUG, expect = FORBIDDEN, desc = BUG_DESC)
    public static class Fixed extends Race {
        public Fixed() { super(SystemdVariant.FIXED); }

        @Actor
        public void kernelCpu() { kernel(); }

        @Actor
        public void pid1EventLoop(III_Result r) { pid1(r); }

        @Arbiter
        public void pid1NextPasses(III_Result r) { nextPasses(r); }
    }
}
