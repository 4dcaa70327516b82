package dev.kmc.stress.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmc new-spec NAME}: writes the files of a new suite (port, Lincheck spec, unit tests,
 * JCStress harness, suite entry) from templates and registers the suite in Suites.ALL. The
 * files compile; every unfinished part fails the build with a message starting
 * {@code TODO(kmc new-spec)} that says what to fill in. See docs/adding-a-spec.md.
 * <p>
 * NAME becomes a package in each module ({@code dev.kmc.model.NAME}, ...), so a Java keyword or
 * a package that exists already is refused before anything is written: either would leave a tree
 * that no longer compiles, and since {@code ./kmc} rebuilds first, not even {@code kmc list}
 * would run. {@code kmc remove-spec NAME} undoes a scaffold.
 */
@Command(name = "new-spec", header = "scaffold a new suite (see docs/adding-a-spec.md)",
        description = "Scaffold a new suite: the port, its variant switch and invariants, the Lincheck operations, specification and checks, unit and Lincheck tests, a JCStress harness and its test, and the suite entry, registered in Suites.ALL. Everything compiles; each unfinished part fails the build with a 'TODO(kmc new-spec): ...' message. Undo with kmc remove-spec NAME. Guide: docs/adding-a-spec.md.",
        footer = {"", "Example:", "  kmc new-spec kfifo"})
final class NewSpecCommand implements Callable<Integer> {
    static final String TODO = "TODO(kmc new-spec)";

    /** The package folders a NAME becomes, one per module and source set; none may exist already. */
    static final List<String> PACKAGES = List.of("model/src/main/java/dev/kmc/model/", "checks/src/main/java/dev/kmc/checks/",
            "checks/src/test/java/dev/kmc/checks/", "stress/src/main/java/dev/kmc/stress/", "stress/src/test/java/dev/kmc/stress/");

    /** Packages kmc itself uses, refused even where the tree at --root lacks them (e.g. a partial checkout). */
    static final Set<String> RESERVED = Set.of("runner", "suites", "lincheck", "explore", "canary", "regression", "mem", "java", "javax");

    private final PrintStream out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Parameters(index = "0", paramLabel = "NAME", description = "lower-case letters and digits, starting with a letter, e.g. kfifo")
    String name;

    @Option(names = "--root", paramLabel = "DIR", description = "the kmc source tree (default: the current folder)")
    Path root = Path.of(".");

    NewSpecCommand(PrintStream out) {
        this.out = out;
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        return Cli.parse(new NewSpecCommand(out), args).call();
    }

    /** The NAME's checks shared by new-spec and remove-spec; returns the registry file. */
    static Path checkName(String name, Path root) {
        if (!name.matches("[a-z][a-z0-9]{1,30}")) {
            throw new UsageException("bad NAME '" + name + "': accepted are 2 to 31 lower-case letters and digits, starting with a letter");
        }
        Path suites = root.resolve("stress/src/main/java/dev/kmc/stress/runner/Suites.java");
        if (!Files.exists(suites)) {
            throw new UsageException("no kmc source tree at '" + root.toAbsolutePath().normalize() + "' (missing " + suites
                    + "); run it from the repository root or pass --root DIR");
        }
        return suites;
    }

    static String className(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The files of suite NAME, by path under {@code root}, with their text. */
    static Map<Path, String> files(String name, Path root) {
        String cls = className(name);
        Map<Path, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : SpecTemplates.files().entrySet()) {
            files.put(root.resolve(t.getKey().replace("NAME", name).replace("CLS", cls)),
                    t.getValue().replace("${name}", name).replace("${Cls}", cls).replace("${TODO}", TODO));
        }
        return files;
    }

    @Override
    public Integer call() throws IOException {
        Path suites = checkName(name, root);
        if (SourceVersion.isKeyword(name)) {
            throw new UsageException("bad NAME '" + name + "': it is a Java keyword, and NAME becomes a package (dev.kmc.model."
                    + name + "), which would stop the tree compiling; pick another NAME, e.g. my" + name);
        }
        if (RESERVED.contains(name)) {
            throw new UsageException("bad NAME '" + name + "': kmc uses the package name '" + name + "' itself; pick another NAME");
        }
        for (String pkg : PACKAGES) {
            Path p = root.resolve(pkg + name);
            if (Files.exists(p)) {
                throw new UsageException("bad NAME '" + name + "': package folder " + root.relativize(p) + " exists already"
                        + " (another suite, or an earlier scaffold: kmc remove-spec " + name + " undoes one); pick another NAME");
            }
        }
        String cls = className(name);
        Map<Path, String> files = files(name, root);
        for (Path p : files.keySet()) {
            if (Files.exists(p)) {
                throw new UsageException("'" + p + "' already exists; new-spec never overwrites: pick another NAME or remove the old files");
            }
        }
        String registry = Files.readString(suites);
        if (registry.contains("new " + cls + "Suite()")) {
            throw new UsageException(cls + "Suite is already registered in " + suites + "; kmc remove-spec " + name + " undoes it");
        }
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
        List<Path> written = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> f : files.entrySet()) {
                Files.createDirectories(f.getKey().getParent());
                Files.writeString(f.getKey(), f.getValue());
                written.add(f.getKey());
            }
            Files.writeString(suites, updated);
        } catch (IOException | RuntimeException e) {
            // all or nothing: a half-written scaffold would not compile
            Files.writeString(suites, registry);
            for (Path p : written) Files.deleteIfExists(p);
            RemoveSpecCommand.deleteEmptyPackages(name, root);
            throw e;
        }
        written.forEach(p -> out.println("wrote      " + root.relativize(p)));
        out.println("registered " + cls + "Suite in " + root.relativize(suites));
        out.println("\nNext: follow docs/adding-a-spec.md. `mvn -B verify` fails with '" + TODO
                + ": ...' messages until every part is written. `kmc remove-spec " + name + "` undoes this scaffold.");
        return 0;
    }
}
