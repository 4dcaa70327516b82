package dev.kmc.checks.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kmc.checks.ringbuffer.RingBufferChecks;
import dev.kmc.checks.ringbuffer.RingBufferLincheck;
import dev.kmc.model.ringbuffer.EmptyCheck;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    @Test
    void textRoundTrips() {
        ExecutionScenario s = RingBufferChecks.concurrentScenario(EmptyCheck.V5_13);
        String text = Scenarios.text(s);
        assertEquals("init: write(1) write(4) consume() write(1) consume() consume() | thread: reserveDiscard(4)"
                + " | thread: isEmpty() peek() readPipe() | post: -", text);
        assertEquals(text, Scenarios.text(Scenarios.parse(RingBufferLincheck.PreFix.class, text)));
    }

    @Test
    void badTextSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.parse(RingBufferLincheck.PreFix.class, "init: write(x) | thread: peek()"));
        assertEquals("bad argument 'x' in 'write(x)': only int arguments are accepted", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.parse(RingBufferLincheck.PreFix.class, "init: fly() | thread: peek()"));
        assertEquals("no operation fly with 0 argument(s) on PreFix; operations: consume, isEmpty, peek, readPipe,"
                + " reserveDiscard, write", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Scenarios.parse(RingBufferLincheck.PreFix.class, "before: peek()"));
        assertEquals("bad scenario part 'before:': expected init:, thread: or post:", e.getMessage());
    }
}
