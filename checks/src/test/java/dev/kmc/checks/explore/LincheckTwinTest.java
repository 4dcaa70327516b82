package dev.kmc.checks.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kmc.checks.lincheck.Scenarios;
import dev.kmc.checks.rcu.RcuLincheck;
import dev.kmc.checks.ringbuffer.RingBufferLincheck;
import dev.kmc.checks.systemd.SystemdLincheck;
import dev.kmc.checks.tasklist.TaskListLincheck;
import org.junit.jupiter.api.Test;

/** kmc bench runs Lincheck on the explorer's pinned universes: the same operations on the same threads. */
class LincheckTwinTest {

    private static String twin(ExploreSuites.Suite s, String exploration, Class<?> lincheckClass) {
        String text = LincheckTwin.scenarioText(s.name(), s.exploration(exploration).universe());
        // it is a scenario of the suite's Lincheck class, and reads back as itself
        assertEquals(text, Scenarios.text(Scenarios.parse(lincheckClass, text)));
        return text;
    }

    @Test
    void pinnedUniversesBecomeTheSameLincheckScenario() {
        assertEquals("init: write(1) write(4) consume() write(1) consume() consume() | thread: reserveDiscard(4)"
                + " | thread: isEmpty() peek() readPipe() | post: -",
                twin(ExploreSuites.RINGBUFFER, "concurrent-mc", RingBufferLincheck.PreFix.class));
        // RCU's Lincheck operations carry their CPU; head 0 is the link; the grace period runs on its own thread
        assertEquals("init: - | thread: callRcu0(0) doBatch0() | thread: callRcu1(0) doBatch1() | thread: gracePeriod() | post: -",
                twin(ExploreSuites.RCU, "incident-link", RcuLincheck.PreFix.class));
        assertEquals("init: fork() newThread(1) fork() | thread: exitTask(3) | thread: walkFrom(2,3) | post: -",
                twin(ExploreSuites.TASKLIST, "thread-walk-vs-exit", TaskListLincheck.Fixed.class));
        assertEquals("init: - | thread: orphanExit() | thread: dispatchCgroupInotify() runQueues() dispatchSigchld() runQueues()"
                + " | post: -", twin(ExploreSuites.SYSTEMD, "incident", SystemdLincheck.PreFix.class));
    }

    @Test
    void openUniversesInterruptsAndTheAtomicSettingHaveNoTwin() {
        assertNull(LincheckTwin.scenarioText("ringbuffer", ExploreSuites.RINGBUFFER.exploration("open-irq").universe()));
        assertNull(LincheckTwin.scenarioText("ringbuffer", ExploreSuites.RINGBUFFER.exploration("nested-discard").universe()));
        assertNull(LincheckTwin.scenarioText("ringbuffer", ExploreSuites.RINGBUFFER.exploration("operations").universe()));
    }
}
