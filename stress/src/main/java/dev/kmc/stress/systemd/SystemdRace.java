package dev.kmc.stress.systemd;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.kmc.model.systemd.Sigchld;
import dev.kmc.model.systemd.Systemd;
import dev.kmc.model.systemd.SystemdInvariants;
import dev.kmc.model.systemd.SystemdVariant;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * systemd v229 on Linux 4.5 with cgroup2 (kernel-spec C3 as corrected by issue 11), raced: the
 * kernel's {@code do_exit()} of the session scope's last process (an orphan re-parented to PID 1)
 * queues "cgroup empty" (inotify on cgroup.events) and then SIGCHLD, while PID 1's event loop makes
 * one pass (cgroup-inotify source, manager_loop()'s queues, signal source). The arbiter is the
 * event loop's next passes: it dispatches whatever is still queued, SIGCHLD first (the signal
 * source outranks cgroup inotify), then cgroup inotify and the queues.
 * <p>
 * If PID 1 handles cgroup empty in the window (before exit_notify queues SIGCHLD, or after sd-event
 * saw no SIGCHLD but before it read the inotify), session-2.scope goes dead and releases its cgroup;
 * the later SIGCHLD maps the zombie's cgroup up to {@code user-1000.slice}, whose
 * {@code sigchld_event} is NULL. v229 calls it: SEGV, and PID 1 freezes in crash() (every later
 * dispatch does nothing); e57051f5 skips it and reaps.
 * <p>
 * Result: r1 = PID 1's SIGCHLD dispatch in its racing pass, r2 = the arbiter's, each 0 no child /
 * 1 delivered to session-2.scope / 2 dropped at user-1000.slice (NULL handler skipped) / 3 SEGV
 * through NULL / 4 PID 1 frozen, nothing dispatched; r3 = 1 if the end state is the one every order
 * must reach (pid 4242 reaped, the scope dead and freed, PID 1 running), else 0. Both variants list
 * the same outcomes; every combination not listed is graded FORBIDDEN by jcstress.
 * <p>
 * Run alone: {@code ./kmc jcstress -t SystemdRace -sc false -jvmArgs -XX:-TieredCompilation -iters 1 -time 50}
 * ({@code -t SystemdRace.PreFix} or {@code .Fixed} for one).
 */
public final class SystemdRace {
    private SystemdRace() { }

    /** The outcomes (a regex over the result string) that show the bug: a SIGCHLD dispatch that crashed PID 1. */
    public static final String BUG = "(3, 4, 0|0, 3, 0)";
    static final String BUG_IN_PASS = "3, 4, 0";
    static final String BUG_IN_PASS_DESC = "PID 1 handled the scope's cgroup empty in the window (session-2.scope dead, "
            + "cgroup released, collected), then SIGCHLD in the same pass: the zombie's cgroup mapped up to "
            + "user-1000.slice and its sigchld_event was called through NULL: SEGV, PID 1 frozen in crash(); the "
            + "next pass dispatched nothing and pid 4242 stays a zombie (v229 only).";
    static final String BUG_LATE = "0, 3, 0";
    static final String BUG_LATE_DESC = "PID 1 handled the scope's cgroup empty in the window; SIGCHLD came after its "
            + "pass and the next pass mapped the zombie to user-1000.slice and called its NULL sigchld_event: SEGV, "
            + "PID 1 frozen in crash(), pid 4242 stays a zombie (v229 only).";

    static final String SIGCHLD_FIRST_LATE = "0, 1, 1";
    static final String SIGCHLD_FIRST_LATE_DESC = "PID 1's pass came before do_exit() queued anything it acted on; "
            + "the next pass dispatched SIGCHLD first: the lookup found session-2.scope, whose sigchld_event tidied "
            + "the reaped leader away and put it dead; pid 4242 reaped, the scope collected.";
    static final String SIGCHLD_FIRST = "1, 0, 1";
    static final String SIGCHLD_FIRST_DESC = "PID 1 saw SIGCHLD queued: cgroup inotify waited behind it, SIGCHLD reached "
            + "session-2.scope in PID 1's pass; the next pass found no child: pid 4242 reaped, the scope collected.";
    static final String DROPPED = "2, 0, 1";
    static final String DROPPED_DESC = "PID 1 handled cgroup empty in the window and then SIGCHLD in the same pass: "
            + "the zombie's cgroup mapped to user-1000.slice, whose NULL sigchld_event e57051f5 skips: pid 4242 "
            + "reaped, the scope collected, PID 1 running (fixed only).";
    static final String DROPPED_LATE = "0, 2, 1";
    static final String DROPPED_LATE_DESC = "PID 1 handled cgroup empty in the window; SIGCHLD came after its pass and "
            + "the next pass mapped the zombie to user-1000.slice and skipped its NULL sigchld_event: pid 4242 "
            + "reaped, the scope collected, PID 1 running (fixed only).";

    /** How long PID 1's racing pass waits for the first event before it runs anyway (then the arbiter sees it all). */
    static final int EPOLL_SPINS = 20_000;

    static int code(Sigchld s) {
        return switch (s) {
            case NO_CHILD -> 0;
            case DELIVERED -> 1;
            case DROPPED -> 2;
            case SEGV_NULL_HANDLER -> 3;
            case FROZEN -> 4;
        };
    }

    /** What each thread does; the variants only bind the port and grade. */
    abstract static class Race {
        final Systemd port;

        Race(SystemdVariant v) { port = new Systemd(v); }

        /** The orphan's CPU: do_exit() -> cgroup_exit(), exit_notify(). */
        final void kernel() {
            port.orphanExit();
        }

        /**
         * PID 1's racing pass: epoll_wait() until either fd is readable (a bounded spin), then the
         * cgroup-inotify source, manager_loop()'s queues, the signal source.
         */
        final void pid1(III_Result r) {
            for (int i = 0; i < EPOLL_SPINS && !port.inotifyPending() && !port.sigchldPending(); i++) {
                Thread.onSpinWait();                        // epoll_wait(): PID 1 wakes when the first event is queued
            }
            port.dispatchCgroupInotify();
            port.runQueues();
            r.r1 = code(port.dispatchSigchld());
        }

        /** PID 1's next passes, after the exit: SIGCHLD first (its priority), then cgroup inotify and the queues. */
        final void nextPasses(III_Result r) {
            r.r2 = code(port.dispatchSigchld());
            port.dispatchCgroupInotify();
            port.runQueues();
            r.r3 = port.outcome().equals(SystemdInvariants.QUIESCENT) ? 1 : 0;
        }
    }

    /** systemd v229 (ab2c3861dc = e57051f5^): the call through NULL is the incident, expected here. */
    @JCStressTest
    @State
    @Outcome(id = SIGCHLD_FIRST_LATE, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_LATE_DESC)
    @Outcome(id = SIGCHLD_FIRST, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_DESC)
    @Outcome(id = DROPPED, expect = ACCEPTABLE, desc = DROPPED_DESC)
    @Outcome(id = DROPPED_LATE, expect = ACCEPTABLE, desc = DROPPED_LATE_DESC)
    @Outcome(id = BUG_IN_PASS, expect = ACCEPTABLE_INTERESTING, desc = BUG_IN_PASS_DESC)
    @Outcome(id = BUG_LATE, expect = ACCEPTABLE_INTERESTING, desc = BUG_LATE_DESC)
    public static class PreFix extends Race {
        public PreFix() { super(SystemdVariant.PRE_FIX); }

        @Actor
        public void kernelCpu() { kernel(); }

        @Actor
        public void pid1EventLoop(III_Result r) { pid1(r); }

        @Arbiter
        public void pid1NextPasses(III_Result r) { nextPasses(r); }
    }

    /** With e57051f5: whatever the order, no handler is called through NULL and the end state is the same. */
    @JCStressTest
    @State
    @Outcome(id = SIGCHLD_FIRST_LATE, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_LATE_DESC)
    @Outcome(id = SIGCHLD_FIRST, expect = ACCEPTABLE, desc = SIGCHLD_FIRST_DESC)
    @Outcome(id = DROPPED, expect = ACCEPTABLE, desc = DROPPED_DESC)
    @Outcome(id = DROPPED_LATE, expect = ACCEPTABLE, desc = DROPPED_LATE_DESC)
    @Outcome(id = BUG_IN_PASS, expect = FORBIDDEN, desc = BUG_IN_PASS_DESC)
    @Outcome(id = BUG_LATE, expect = FORBIDDEN, desc = BUG_LATE_DESC)
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
