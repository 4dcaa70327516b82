package dev.kmc.stress.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kmc remove-spec NAME}: undoes {@code kmc new-spec NAME}: deletes the files the scaffold
 * writes (edited or not: they are the suite's) and its entry and import in Suites.ALL, then the
 * package folders left empty. Files the scaffold does not write (say, a second harness the author
 * added) are kept and listed, with their folders, so nothing of the author's is lost silently.
 */
@Command(name = "remove-spec", header = "undo kmc new-spec NAME",
        description = "Undo kmc new-spec NAME: delete the scaffolded files of suite NAME and its entry in Suites.ALL. Files the scaffold did not write are kept and listed. Exit 0: removed; 2: no such suite or bad usage.",
        footer = {"", "Example:", "  kmc remove-spec kfifo"})
final class RemoveSpecCommand implements Callable<Integer> {
    private final PrintStream out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Parameters(index = "0", paramLabel = "NAME", description = "the NAME given to kmc new-spec")
    String name;

    @Option(names = "--root", paramLabel = "DIR", description = "the kmc source tree (default: the current folder)")
    Path root = Path.of(".");

    RemoveSpecCommand(PrintStream out) {
        this.out = out;
    }

    static int run(List<String> args, PrintStream out) throws IOException {
        return Cli.parse(new RemoveSpecCommand(out), args).call();
    }

    @Override
    public Integer call() throws IOException {
        Path suites = NewSpecCommand.checkName(name, root);
        String cls = NewSpecCommand.className(name);
        String registry = Files.readString(suites);
        String entry = ",\n            new " + cls + "Suite()";
        String imp = "import dev.kmc.stress.suites." + cls + "Suite;\n";
        List<Path> present = NewSpecCommand.files(name, root).keySet().stream().filter(Files::exists).toList();
        if (!registry.contains(entry) && present.isEmpty()) {
            throw new UsageException("no suite '" + name + "' to remove: " + cls + "Suite is not registered in " + suites
                    + " and none of its scaffolded files exist");
        }
        for (Path p : present) {
            Files.delete(p);
            out.println("deleted    " + root.relativize(p));
        }
        if (registry.contains(entry)) {
            Files.writeString(suites, registry.replace(entry, "").replace(imp, ""));
            out.println("unregistered " + cls + "Suite from " + root.relativize(suites));
        }
        List<Path> kept = deleteEmptyPackages(name, root);
        for (Path k : kept) out.println("kept       " + root.relativize(k) + " (not written by new-spec)");
        return 0;
    }

    /** Deletes the suite's package folders that are empty (bottom up); returns the files left in them. */
    static List<Path> deleteEmptyPackages(String name, Path root) throws IOException {
        List<Path> kept = new ArrayList<>();
        for (String pkg : NewSpecCommand.PACKAGES) {
            Path dir = root.resolve(pkg + name);
            if (!Files.isDirectory(dir)) continue;
            List<Path> all;
            try (Stream<Path> s = Files.walk(dir)) {
                all = s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            }
            for (Path p : all) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        if (s.findAny().isEmpty()) Files.delete(p);
                    }
                } else {
                    kept.add(p);
                }
            }
        }
        return kept;
    }
}
