package dev.kmc.stress.runner;

import dev.kmc.stress.Children;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a main class of this classpath in a child JVM with a hard time limit: past it, the
 * child is killed and {@link #TIMED_OUT} returned. Stdout lines go to a consumer as they come;
 * stderr goes to a log file.
 */
public final class ChildJvm {
    private ChildJvm() { }

    public static final int TIMED_OUT = -1;

    public static int run(List<String> mainAndArgs, Path workDir, Duration limit, Path stderrLog,
                          Consumer<String> onLine) {
        return run(List.of(), mainAndArgs, workDir, limit, stderrLog, onLine);
    }

    /** The same, with JVM options for the child (e.g. -Xmx512m). */
    public static int run(List<String> jvmOptions, List<String> mainAndArgs, Path workDir, Duration limit, Path stderrLog,
                          Consumer<String> onLine) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(absoluteClassPath());
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a child JVM: " + e.getMessage(), e);
        }
        Children.register(p);
        try {
            return waitFor(p, limit, onLine);
        } finally {
            Children.unregister(p);
        }
    }

    private static int waitFor(Process p, Duration limit, Consumer<String> onLine) {
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    Children.kill(p);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kmc-watchdog");
        watchdog.setDaemon(true);
        long t0 = System.nanoTime();
        watchdog.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                onLine.accept(line);
            }
            p.waitFor();
        } catch (IOException e) {
            p.destroyForcibly();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        boolean timedOut = System.nanoTime() - t0 >= limit.toNanos() && p.exitValue() != 0;
        return timedOut ? TIMED_OUT : p.exitValue();
    }

    /** This JVM's class path with every entry absolute: the child runs in another folder. */
    static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
