package dev.kmc.stress;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;

/**
 * Runs jcstress in a child JVM, bounded by a timeout, and reads its result blob back into one
 * {@link Verdict} per test.
 * <p>
 * The child is {@code java -cp <this JVM's class path> org.openjdk.jcstress.Main ARGS -r <dir>/report},
 * started in a fresh directory {@code <baseDir>/run-*}: jcstress writes its
 * {@code jcstress-results-*.bin.gz} blob to its working directory, and this keeps it (and the log
 * and HTML report) there. No JVM options are given to the child: jcstress prepends its host's
 * JVM arguments to every fork. A run that matched no test, wrote no blob or produced no verdict
 * is an error, never a pass; so is a child still running at the timeout (it and its forks are
 * killed).
 */
public final class JCStressRun {
    private JCStressRun() { }

    /**
     * One test merged over all its configurations.
     *
     * @param counts   samples per observed outcome (the RESULT column: a {@code *_Result} string)
     * @param failures forbidden outcomes seen, and the messages of a test that errored
     */
    public record Verdict(String test, Status status, boolean passed, long samples, Map<String, Long> counts,
                          List<String> failures) {
        public long count(String outcome) {
            return counts.getOrDefault(outcome, 0L);
        }
    }

    /** @param exitCode the child's: 0 all passed, 1 a FORBIDDEN outcome or an error */
    public record Result(int exitCode, Path dir, List<Verdict> verdicts) {
        public Verdict verdict(String test) {
            return verdicts.stream().filter(v -> v.test().equals(test)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("no verdict for " + test + "; ran " + tests() + " (" + dir + ")"));
        }

        public List<String> tests() {
            return verdicts.stream().map(Verdict::test).sorted().collect(Collectors.toList());
        }
    }

    public static Result run(Path baseDir, Duration timeout, String... jcstressArgs)
            throws IOException, InterruptedException {
        return runIn(Files.createTempDirectory(Files.createDirectories(baseDir), "run-"), timeout, jcstressArgs);
    }

    /** Like {@link #run}, in exactly {@code dir}, which must be new or empty. */
    public static Result runIn(Path dir, Duration timeout, String... jcstressArgs)
            throws IOException, InterruptedException {
        dir = Files.createDirectories(dir).toAbsolutePath();
        try (DirectoryStream<Path> existing = Files.newDirectoryStream(dir)) {
            if (existing.iterator().hasNext()) {
                throw new IllegalArgumentException("jcstress run folder " + dir + " is not empty");
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", absoluteClassPath(), "org.openjdk.jcstress.Main"));
        cmd.addAll(Arrays.asList(jcstressArgs));
        cmd.addAll(List.of("-r", dir.resolve("report").toString()));
        Path log = dir.resolve("jcstress.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Children.register(p);
        String what = "jcstress " + String.join(" ", jcstressArgs) + " (log: " + log + ")";
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new IllegalStateException(what + " still running after " + timeout + ", killed");
            }
        } catch (InterruptedException e) {   // e.g. a JUnit @Timeout: do not leave the child behind
            kill(p);
            throw e;
        } finally {
            Children.unregister(p);
        }
        if (Children.stopping()) throw new IllegalStateException(what + ": kmc was interrupted");
        if (Files.readString(log).contains("FATAL: No matching tests.")) {
            throw new IllegalStateException(what + ": no test matched");
        }
        List<Path> blobs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "jcstress-results-*.bin.gz")) {
            ds.forEach(blobs::add);
        }
        if (blobs.size() != 1) {
            throw new IllegalStateException(what + ": expected one result blob in " + dir + ", found " + blobs
                    + "; exit code " + p.exitValue());
        }
        List<Verdict> verdicts = read(blobs.get(0));
        if (verdicts.isEmpty()) {
            throw new IllegalStateException(what + ": the result blob holds no test result; exit code " + p.exitValue());
        }
        return new Result(p.exitValue(), dir, verdicts);
    }

    /**
     * Fails loudly where JCStress would be silent: it skips a harness that has more actors than the
     * machine has CPUs, and a skipped harness shows up only as a missing result. Throws an
     * IllegalStateException naming the harness, its actor count and the CPU count.
     *
     * @param testClass a harness as JCStress names it ({@code pkg.Outer.Inner}) or as a binary name
     */
    public static void requireCpus(String testClass, int cpus) {
        int actors = actors(testClass);
        if (actors > cpus) {
            throw new IllegalStateException(testClass + " has " + actors + " actors but this machine has " + cpus
                    + " CPU(s): JCStress would skip it without a verdict; run it on a machine with at least " + actors + " CPUs");
        }
    }

    /** The number of {@code @Actor} methods of a harness. */
    public static int actors(String testClass) {
        Class<?> c;
        try {
            c = Class.forName(testClass);
        } catch (ClassNotFoundException e) {
            int dot = testClass.lastIndexOf('.');
            try {
                c = Class.forName(testClass.substring(0, dot) + "$" + testClass.substring(dot + 1));
            } catch (ClassNotFoundException e2) {
                throw new IllegalArgumentException("no harness class " + testClass);
            }
        }
        int n = 0;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (java.lang.reflect.Method m : k.getDeclaredMethods()) {
                if (m.isAnnotationPresent(org.openjdk.jcstress.annotations.Actor.class)) n++;
            }
        }
        return n;
    }

    /** Kills the child and the test VMs it forked. */
    private static void kill(Process p) {
        Children.kill(p);
    }

    /** The class path with every entry made absolute, since the child runs in another directory. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<Verdict> read(Path blob) throws IOException {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(blob.toString(), collector);
        try {
            reader.dump();
        } catch (ClassNotFoundException e) {
            throw new IOException("cannot read " + blob, e);
        } finally {
            reader.close();
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (TestResult r : ReportUtils.mergedByName(collector.getTestResults())) {
            Map<String, Long> counts = new TreeMap<>();
            r.getStateKeys().forEach(k -> counts.put(k, r.getCount(k)));
            List<String> failures = new ArrayList<>(r.grading().failureMessages);
            if (r.status() != Status.NORMAL) {
                failures.addAll(r.getMessages());
            }
            verdicts.add(new Verdict(r.getName(), r.status(), ReportUtils.statusToPassed(r), r.getTotalCount(),
                    counts, failures));
        }
        return verdicts;
    }
}
