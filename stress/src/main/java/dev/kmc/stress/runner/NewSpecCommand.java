package dev.kmc.stress.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kmc new-spec NAME}: writes the files of a new suite (port, Lincheck spec, unit tests,
 * JCStress harness, suite entry) from templates and registers the suite in Suites.ALL. The
 * files compile; every unfinished part fails the build with a message starting
 * {@code TODO(kmc new-spec)} that says what to fill in. See docs/adding-a-spec.md.
 */
final class NewSpecCommand {
    private NewSpecCommand() { }

    static final String USAGE = "kmc new-spec NAME [--root DIR]   (NAME: lower-case letters and digits, e.g. mylock)";
    static final String TODO = "TODO(kmc new-spec)";

    static int run(List<String> args, PrintStream out) throws IOException {
        if (args.isEmpty()) throw new UsageException("new-spec needs a NAME; usage: " + USAGE);
        String name = args.get(0);
        Path root = Path.of(".");
        if (args.size() == 3 && args.get(1).equals("--root")) {
            root = Path.of(args.get(2));
        } else if (args.size() != 1) {
            throw new UsageException("unexpected arguments " + args.subList(1, args.size()) + "; usage: " + USAGE);
        }
        if (!name.matches("[a-z][a-z0-9]{1,30}")) {
            throw new UsageException("bad NAME '" + name + "': accepted are 2 to 31 lower-case letters and digits, starting with a letter");
        }
        Path suites = root.resolve("stress/src/main/java/dev/kmc/stress/runner/Suites.java");
        if (!Files.exists(suites)) {
            throw new UsageException("no kmc source tree at '" + root.toAbsolutePath().normalize() + "' (missing " + suites + "); run it from the repository root or pass --root DIR");
        }
        String cls = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Map<Path, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : SpecTemplates.files().entrySet()) {
            files.put(root.resolve(t.getKey().replace("NAME", name).replace("CLS", cls)),
                    t.getValue().replace("${name}", name).replace("${Cls}", cls).replace("${TODO}", TODO));
        }
        for (Path p : files.keySet()) {
            if (Files.exists(p)) {
                throw new UsageException("'" + p + "' already exists; new-spec never overwrites: pick another NAME or remove the old files");
            }
        }
        String registry = Files.readString(suites);
        String anchor = "    public static final List<Suite> ALL = List.of(\n";
        int at = registry.indexOf(anchor);
        if (at < 0) throw new IllegalStateException("cannot find the Suites.ALL list in " + suites);
        int end = registry.indexOf("\n    );", at);
        String entries = registry.substring(at + anchor.length(), end);
        String updated = registry.substring(0, at + anchor.length()) + entries + ",\n            new " + cls + "Suite()"
                + registry.substring(end);
        String imp = "import dev.kmc.stress.suites." + cls + "Suite;\n";
        int lastImport = updated.lastIndexOf("\nimport dev.kmc.stress.suites.");
        int insertAt = lastImport < 0 ? updated.indexOf("\nimport ") + 1 : updated.indexOf('\n', lastImport + 1) + 1;
        updated = updated.substring(0, insertAt) + imp + updated.substring(insertAt);
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.writeString(f.getKey(), f.getValue());
            out.println("wrote      " + root.relativize(f.getKey()));
        }
        Files.writeString(suites, updated);
        out.println("registered " + cls + "Suite in " + root.relativize(suites));
        out.println("\nNext: follow docs/adding-a-spec.md. `mvn -B verify` fails with '" + TODO
                + ": ...' messages until every part is written.");
        return 0;
    }
}
