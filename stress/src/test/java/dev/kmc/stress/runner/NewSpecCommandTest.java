package dev.kmc.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kmc new-spec: the scaffold compiles, registers itself, and every unfinished part fails with what to fill in. */
class NewSpecCommandTest {

    @TempDir
    Path root;

    private Path seedTree() throws Exception {
        Path suites = Path.of("src/main/java/dev/kmc/stress/runner/Suites.java");   // surefire runs in the module folder
        Path target = root.resolve("stress/src/main/java/dev/kmc/stress/runner/Suites.java");
        Files.createDirectories(target.getParent());
        Files.copy(suites, target);
        return target;
    }

    private static Throwable rootCause(Throwable t) {
        while ((t instanceof InvocationTargetException || t.getCause() != null) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void scaffoldCompilesAndEveryUnfinishedPartFailsSayingWhatToFillIn() throws Exception {
        Path suites = seedTree();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, NewSpecCommand.run(List.of("demo", "--root", root.toString()), new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertTrue(Files.readString(suites).contains("            new DemoSuite()\n    );"), Files.readString(suites));
        assertTrue(Files.readString(suites).contains("import dev.kmc.stress.suites.DemoSuite;\n"), Files.readString(suites));

        List<String> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
        }
        assertEquals(17, sources.size(), sources.toString());
        Path classes = Files.createDirectories(root.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
        args.addAll(sources);
        ByteArrayOutputStream diag = new ByteArrayOutputStream();
        assertEquals(0, javac.run(null, diag, diag, args.toArray(new String[0])), diag.toString(StandardCharsets.UTF_8));

        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            for (String[] test : new String[][] {
                    {"dev.kmc.checks.demo.DemoSequenceTest", "preFixReproducesTheIncident"},
                    {"dev.kmc.checks.demo.DemoSequenceTest", "fixedKeepsTheInvariantsAfterEveryStep"}}) {
                Class<?> c = cl.loadClass(test[0]);
                var ctor = c.getDeclaredConstructor();
                ctor.setAccessible(true);
                Method m = c.getDeclaredMethod(test[1]);
                m.setAccessible(true);
                Throwable t = assertThrows(InvocationTargetException.class, () -> m.invoke(ctor.newInstance())).getCause();
                assertTrue(t.getMessage().startsWith("TODO(kmc new-spec): "), test[1] + ": " + t);
            }
            // the derived tests: one dynamic Lincheck test per check and variant, each failing on the unfinished port ...
            Class<?> lt = cl.loadClass("dev.kmc.checks.demo.DemoLincheckTest");
            var ltCtor = lt.getDeclaredConstructor();
            ltCtor.setAccessible(true);
            Method factory = lt.getDeclaredMethod("everyCheckComesToItsExpectedVerdict");
            factory.setAccessible(true);
            List<org.junit.jupiter.api.DynamicTest> dynamic = ((Stream<?>) factory.invoke(ltCtor.newInstance()))
                    .map(o -> (org.junit.jupiter.api.DynamicTest) o).toList();
            assertEquals(List.of("pinned-mc [pre-fix]", "pinned-mc [fixed]"),
                    dynamic.stream().map(org.junit.jupiter.api.DynamicTest::getDisplayName).toList());
            Throwable lincheckFailure = assertThrows(Throwable.class, () -> dynamic.get(0).getExecutable().execute());
            assertTrue(lincheckFailure.getMessage().contains("TODO(kmc new-spec)"), lincheckFailure.toString());
            // ... and the stress test derived from the suite's registration, which cannot pass on an unfinished harness
            Class<?> st = cl.loadClass("dev.kmc.stress.demo.DemoStressTest");
            var stCtor = st.getDeclaredConstructor();
            stCtor.setAccessible(true);
            Method stress = st.getDeclaredMethod("everyHarnessComesToItsExpectedVerdict", Path.class);
            stress.setAccessible(true);
            Path stressOut = Files.createDirectories(root.resolve("stress-out"));
            Throwable stressFailure = assertThrows(InvocationTargetException.class, () -> stress.invoke(stCtor.newInstance(), stressOut))
                    .getCause();
            assertTrue(stressFailure instanceof AssertionError, stressFailure.toString());
            Class<?> port = cl.loadClass("dev.kmc.model.demo.Demo");
            Class<?> variant = cl.loadClass("dev.kmc.model.demo.DemoVariant");
            Object preFix = variant.getEnumConstants()[0];
            Object instance = port.getConstructor(variant).newInstance(preFix);
            for (String method : new String[] {"toString"}) {
                Throwable t = assertThrows(InvocationTargetException.class, () -> port.getMethod(method).invoke(instance)).getCause();
                assertTrue(t.getMessage().startsWith("TODO(kmc new-spec): Demo." + method), t.toString());
            }
            // the port is built on the memory layer, and the suite is explorable from the start
            port.getConstructor(cl.loadClass("dev.kmc.model.mem.Memory"), variant).newInstance(new dev.kmc.model.mem.Memory(), preFix);
            Object explorations = cl.loadClass("dev.kmc.checks.demo.DemoExplorations").getField("SUITE").get(null);
            var x = ((dev.kmc.checks.explore.ExploreSuites.Suite) explorations).exploration("incident");
            var r = x.run("demo", "pre-fix", false);
            String judged = x.judge("pre-fix", r);
            assertNotNull(judged, "an unfinished explorer check must not pass");
            assertTrue(r.report().contains("TODO(kmc new-spec)"), r.report());
            Suite suite = (Suite) cl.loadClass("dev.kmc.stress.suites.DemoSuite").getConstructor().newInstance();
            assertEquals("demo", suite.name());
            Suite.ModelCheckRun pinned = suite.modelChecks(suite.variant("pre-fix")).get(0);
            String mismatch = pinned.expectation().mismatch(pinned.run().apply(dev.kmc.checks.lincheck.Budget.QUICK));
            assertNotNull(mismatch, "an unfinished pinned check must not pass");
            assertTrue(mismatch.contains("TODO(kmc new-spec)"), mismatch);
        }
    }

    @Test
    void badNamesAndExistingFilesAreRefused() throws Exception {
        seedTree();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        UsageException e = assertThrows(UsageException.class, () -> NewSpecCommand.run(List.of("My-Lock", "--root", root.toString()), sink));
        assertEquals("bad NAME 'My-Lock': accepted are 2 to 31 lower-case letters and digits, starting with a letter", e.getMessage());
        assertEquals(0, NewSpecCommand.run(List.of("demo", "--root", root.toString()), sink));
        String registry = Files.readString(root.resolve("stress/src/main/java/dev/kmc/stress/runner/Suites.java"));
        e = assertThrows(UsageException.class, () -> NewSpecCommand.run(List.of("demo", "--root", root.toString()), sink));
        assertTrue(e.getMessage().startsWith("bad NAME 'demo': package folder model/src/main/java/dev/kmc/model/demo exists already"),
                e.getMessage());
        assertEquals(registry, Files.readString(root.resolve("stress/src/main/java/dev/kmc/stress/runner/Suites.java")), "nothing changed");
        e = assertThrows(UsageException.class, () -> NewSpecCommand.run(List.of("demo", "--root", root.resolve("nowhere").toString()), sink));
        assertTrue(e.getMessage().startsWith("no kmc source tree at"), e.getMessage());
    }

    @Test
    void theScaffoldedOperationsNameTheirSequentialSpecificationForExportTest() throws Exception {
        seedTree();
        assertEquals(0, NewSpecCommand.run(List.of("demo", "--root", root.toString()), new PrintStream(new ByteArrayOutputStream())));
        String lincheck = Files.readString(root.resolve("checks/src/main/java/dev/kmc/checks/demo/DemoLincheck.java"));
        assertTrue(lincheck.contains("@SequentialSpec(DemoSpec.class)"), lincheck);
    }

    @Test
    void javaKeywordsAndNamesOfExistingPackagesAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path suites = seedTree();
        String registry = Files.readString(suites);
        Files.createDirectories(root.resolve("checks/src/main/java/dev/kmc/checks/ringbuffer"));
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        for (String name : List.of("class", "int", "enum", "goto", "const", "assert")) {
            UsageException e = assertThrows(UsageException.class, () -> NewSpecCommand.run(List.of(name, "--root", root.toString()), sink));
            assertTrue(e.getMessage().startsWith("bad NAME '" + name + "': it is a Java keyword"), e.getMessage());
        }
        UsageException e = assertThrows(UsageException.class,
                () -> NewSpecCommand.run(List.of("ringbuffer", "--root", root.toString()), sink));
        assertTrue(e.getMessage().startsWith("bad NAME 'ringbuffer': package folder checks/src/main/java/dev/kmc/checks/ringbuffer exists"),
                e.getMessage());
        e = assertThrows(UsageException.class, () -> NewSpecCommand.run(List.of("lincheck", "--root", root.toString()), sink));
        assertTrue(e.getMessage().startsWith("bad NAME 'lincheck': kmc uses the package name 'lincheck' itself"), e.getMessage());
        assertEquals(registry, Files.readString(suites), "nothing registered");
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".java")).count(), "nothing written");
        }
    }

    @Test
    void removeSpecUndoesAScaffoldAndKeepsTheAuthorsOtherFiles() throws Exception {
        Path suites = seedTree();
        String registry = Files.readString(suites);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream console = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, NewSpecCommand.run(List.of("demo", "--root", root.toString()), console));
        Path extra = Files.writeString(root.resolve("stress/src/main/java/dev/kmc/stress/demo/SecondRace.java"), "// the author's\n");
        assertEquals(0, RemoveSpecCommand.run(List.of("demo", "--root", root.toString()), console));
        assertEquals(registry, Files.readString(suites), "Suites.java as before the scaffold");
        try (Stream<Path> s = Files.walk(root)) {
            assertEquals(java.util.Set.of(suites, extra), java.util.Set.copyOf(s.filter(Files::isRegularFile).toList()));
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("kept       stress/src/main/java/dev/kmc/stress/demo/SecondRace.java"),
                out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.notExists(root.resolve("model/src/main/java/dev/kmc/model/demo")), "empty packages are removed");
        UsageException e = assertThrows(UsageException.class, () -> RemoveSpecCommand.run(List.of("other", "--root", root.toString()), console));
        assertTrue(e.getMessage().startsWith("no suite 'other' to remove"), e.getMessage());
    }
}
