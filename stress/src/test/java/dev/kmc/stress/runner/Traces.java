package dev.kmc.stress.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Traces for the replay and export tests, and kmc run in-process. */
final class Traces {
    private Traces() { }

    /** What one kmc command printed and returned. */
    record Result(int code, String out, String err) { }

    static Result kmc(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Kmc.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A real pre-fix model trace, written by the model worker in this JVM (pinned-mc and concurrent-mc). */
    static Path generate(Path dir) {
        ModelWorker.main(new String[] {PinnedRingBufferSuite.class.getName(), "pre-fix", "quick", dir.toString()});
        return dir.resolve("ringbuffer/pre-fix-model.txt");
    }

    /** A real explore trace of the ring buffer, written by kmc explore in this JVM: dir/ringbuffer/VARIANT-explore.txt. */
    static Path explore(Path dir, String variant, String... selection) throws Exception {
        return exploreSuite(dir, "ringbuffer", variant, selection);
    }

    /** {@code kmc explore} of one suite variant into {@code dir}; the explore trace it wrote. */
    static Path exploreSuite(Path dir, String suite, String variant, String... selection) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("explore", "--suite", suite, "--variant", variant,
                "--out", dir.toString()));
        args.addAll(java.util.List.of(selection));
        Result r = kmc(args.toArray(new String[0]));
        if (r.code() != 0) throw new IllegalStateException("kmc explore failed: " + r.err() + r.out());
        return dir.resolve(suite + "/" + variant + "-explore.txt");
    }

    /** A test resource: a trace section or a snapshot saved from a real run. */
    static Path resource(String name) {
        try {
            return Path.of(Traces.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }
}
