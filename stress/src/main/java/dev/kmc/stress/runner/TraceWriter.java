package dev.kmc.stress.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes {@code <out>/<suite>/<variant>-<engine>.txt}: a header naming the incident, then one section per failure. */
final class TraceWriter {
    private TraceWriter() { }

    static String relativePath(Suite suite, Suite.Variant v, String engine) {
        return suite.name() + "/" + v.name() + "-" + engine + ".txt";
    }

    static void append(Path out, Suite suite, Suite.Variant v, String engine, String engineLabel, String section) {
        Path file = out.resolve(relativePath(suite, v, engine));
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, "kmc failure trace\n"
                        + "suite:    " + suite.name() + "\n"
                        + "variant:  " + v.name() + " (" + v.label() + ")\n"
                        + "engine:   " + engineLabel + "\n"
                        + "incident: " + suite.incident() + "\n"
                        + "property: " + suite.property() + "\n\n", StandardOpenOption.CREATE_NEW);
            }
            Files.writeString(file, section, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write trace " + file + ": " + e.getMessage(), e);
        }
    }
}
