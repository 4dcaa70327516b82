package dev.kmc.stress.runner;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What is running now, and for how long, while {@code kmc run} waits on a child JVM: on a terminal
 * one line that updates every second ("[  41.0s] running ringbuffer pre-fix model random-mc: 12 s"),
 * wiped before any other output; in a log (no terminal) a line every {@code logEveryMillis}. A
 * check can take a minute and a half, and before this the console showed nothing meanwhile.
 */
final class Progress implements AutoCloseable {
    private final PrintStream raw;
    private final boolean terminal;
    private final long logEveryMillis;
    private final long t0;
    private final Thread ticker;
    private final PrintStream console;

    private String what;            // guarded by this
    private long since;             // guarded by this: when `what` started
    private long lastLogged;        // guarded by this
    private int drawn;              // guarded by this: length of the line on the terminal, 0 if none

    Progress(PrintStream raw, boolean terminal, long logEveryMillis, long t0) {
        this.raw = raw;
        this.terminal = terminal;
        this.logEveryMillis = logEveryMillis;
        this.t0 = t0;
        this.console = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (Progress.this) {
                    wipe();
                    raw.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                raw.flush();
            }
        }, true, StandardCharsets.UTF_8);
        this.ticker = new Thread(this::tick, "kmc-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** The stream every other output goes through, so it never mixes with the progress line. */
    PrintStream console() {
        return console;
    }

    /** Names what runs from now on. */
    synchronized void start(String what) {
        this.what = what;
        this.since = System.nanoTime();
        this.lastLogged = since;
    }

    /** Nothing runs (between child JVMs). */
    synchronized void idle() {
        what = null;
        wipe();
    }

    private synchronized void wipe() {
        if (drawn > 0) {
            raw.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }

    private void tick() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(terminal ? 1000 : Math.min(1000, logEveryMillis));
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (what == null) continue;
                long now = System.nanoTime();
                String line = String.format(Locale.ROOT, "[%7.1fs] running %s: %d s", (now - t0) / 1e9, what, (now - since) / 1_000_000_000);
                if (terminal) {
                    wipe();
                    raw.print(line);
                    raw.flush();
                    drawn = line.length();
                } else if ((now - lastLogged) / 1_000_000 >= logEveryMillis) {
                    raw.println(line);
                    raw.flush();
                    lastLogged = now;
                }
            }
        }
    }

    @Override
    public void close() {
        ticker.interrupt();
        idle();
        raw.flush();
    }
}
