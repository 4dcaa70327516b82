package dev.kmc.stress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The build bounds each test, not the forked JVM: a whole-fork limit (surefire's
 * forkedProcessTimeoutInSeconds, 900 s) killed a build on a loaded 2-core machine after every checks
 * test had passed, and stress never ran. Load must make the build slower, never red.
 */
class BuildBoundsTest {

    private static final Path ROOT = Path.of("..");   // surefire runs in the module's folder

    @Test
    void noWholeForkLimitAndADefaultTimeoutPerTestInEveryModule() throws Exception {
        for (String pom : new String[] {"pom.xml", "model/pom.xml", "checks/pom.xml", "stress/pom.xml"}) {
            String text = Files.readString(ROOT.resolve(pom)).replaceAll("(?s)<!--.*?-->", "");
            assertFalse(text.contains("forkedProcessTimeoutInSeconds"), pom + " sets a whole-fork time limit");
        }
        for (String module : new String[] {"checks", "stress"}) {
            Path props = ROOT.resolve(module + "/src/test/resources/junit-platform.properties");
            assertTrue(Files.readString(props).matches("(?s).*\\njunit\\.jupiter\\.execution\\.timeout\\.default *= *[0-9]+ *[a-z]+.*"),
                    props + " sets no default timeout per test");
        }
    }
}
