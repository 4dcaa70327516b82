package dev.kmc.stress.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kmc.checks.explore.Counterexample;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens report.html of real explorations in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, nothing downloaded at run time), steps through a counterexample with
 * the arrow keys, and checks what a person would: the pages drawn, HEAD/TAIL/COMMIT where the
 * text trace puts them at the failing step, the stale read highlighted, the violation stated,
 * the two variants' answers, and no script errors. Screenshots go to target/report-screenshots/.
 * Without the browser this test FAILS, naming what is missing: it is never skipped.
 */
@Timeout(300)
class HtmlReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "report-screenshots");

    private static ChromeDriver driver;
    private static Path profile;

    @BeforeAll
    static void browser() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) missing.add(CHROMIUM + " (Debian package chromium)");
        if (!Files.isExecutable(CHROMEDRIVER)) missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        if (!missing.isEmpty()) {
            fail("the report's browser test needs headless Chromium and its driver, missing: " + String.join(", ", missing)
                    + ". Install them as root: apt-get update && apt-get install -y chromium chromium-driver (.ci/run does this)");
        }
        profile = Files.createTempDirectory("kmc-chromium-profile");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1500,1100");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void close() throws Exception {
        if (driver != null) driver.quit();
        if (profile != null) {
            try (var walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Opens the page and waits until its script has drawn everything. */
    private static void open(Path file) {
        driver.get(file.toAbsolutePath().toUri().toString());
        Object ready = driver.executeScript("return document.body.getAttribute('data-ready')");
        assertEquals("true", ready, "the page's script did not finish: " + errors());
    }

    /** SEVERE console entries and uncaught errors. */
    private static List<String> errors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) out.add(e.getMessage());
        }
        return out;
    }

    /** Selects the section's viewer and presses → until the picture shows step {@code target}; returns the section. */
    private static WebElement stepTo(String id, int target) {
        WebElement sec = driver.findElement(By.id(id));
        sec.findElement(By.tagName("h2")).click();
        WebElement svg = sec.findElement(By.cssSelector("svg.picture"));
        int guard = 0;
        while (Integer.parseInt(svg.getAttribute("data-step")) < target) {
            new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
            assertTrue(++guard <= 500, "→ does not advance the step");
        }
        assertEquals(target, Integer.parseInt(svg.getAttribute("data-step")));
        return sec;
    }

    /** Selects step {@code target} by clicking its row. */
    private static WebElement clickStep(String id, int target) {
        WebElement sec = driver.findElement(By.id(id));
        sec.findElement(By.cssSelector("tr[data-step='" + target + "']")).click();
        assertEquals(String.valueOf(target), sec.findElement(By.cssSelector("svg.picture")).getAttribute("data-step"));
        return sec;
    }

    private static final Pattern PAGE_LINE = Pattern.compile("^\\s{4}(\\S+)\\s+(?:\\(([A-Z ]+)\\))?\\s*write (\\d+) commit (\\d+) read (\\d+)( STALE)?",
            Pattern.MULTILINE);

    @Test
    void ringBufferPreFixCounterexampleStepsThroughWithTheRightPicture() throws Exception {
        ReportData data = ReportFixtures.ringBufferReport();
        Path dir = Files.createDirectories(Path.of("target", "report-browser", "ringbuffer"));
        Path file = HtmlReport.write(dir, data);
        long t0 = System.nanoTime();
        open(file);
        int n = 0;
        int checked = 0;
        List<String> differing = new ArrayList<>();
        for (ReportData.Failure f : data.failures()) {
            n++;
            Counterexample c = f.counterexample();
            int failStep = HtmlReport.failStep(c);
            boolean byKeys = c.kind().equals("not empty, nothing to read") && f.check().equals("concurrent-mc");
            WebElement sec = byKeys ? stepTo("f" + n, failStep) : clickStep("f" + n, failStep);
            String text = c.steps().get(failStep - 1).structure();
            // the pages, roles and counters as the text trace prints them at this step
            Map<String, String> rolesInText = new TreeMap<>();
            Map<String, String> valuesInText = new TreeMap<>();
            List<String> staleInText = new ArrayList<>();
            Matcher m = PAGE_LINE.matcher(text);
            while (m.find()) {
                rolesInText.put(m.group(1), m.group(2) == null ? "" : m.group(2));
                valuesInText.put(m.group(1), m.group(3) + "/" + m.group(4) + "/" + m.group(5));
                if (m.group(6) != null) staleInText.add(m.group(1));
            }
            List<WebElement> ring = sec.findElements(By.cssSelector("svg.picture g.ring-page"));
            List<WebElement> reader = sec.findElements(By.cssSelector("svg.picture g.reader-page"));
            assertEquals(2, ring.size(), "the geometry's 2 ring pages are drawn\n" + text);
            assertEquals(1, reader.size(), "and the reader page");
            assertEquals(rolesInText.size(), ring.size() + reader.size(), text);
            Map<String, String> rolesDrawn = new TreeMap<>();
            Map<String, String> valuesDrawn = new TreeMap<>();
            List<String> staleDrawn = new ArrayList<>();
            for (WebElement p : sec.findElements(By.cssSelector("svg.picture g.page"))) {
                String name = p.getAttribute("data-page");
                List<String> markers = new ArrayList<>();
                for (WebElement mk : p.findElements(By.cssSelector("g.marker"))) {
                    assertEquals(name, mk.getAttribute("data-page"));
                    markers.add(mk.getText().trim());
                }
                rolesDrawn.put(name, String.join(" ", markers));
                List<String> vals = new ArrayList<>();
                for (String field : List.of("write", "commit", "read")) {
                    vals.add(p.findElement(By.cssSelector("rect.bar-" + field)).getAttribute("data-value"));
                }
                valuesDrawn.put(name, String.join("/", vals));
                if (!p.findElements(By.cssSelector("rect.bar-read.stale")).isEmpty()) staleDrawn.add(name);
            }
            assertEquals(rolesInText, rolesDrawn, "HEAD/TAIL/COMMIT on the pages the text names at step " + failStep + "\n" + text);
            assertEquals(valuesInText, valuesDrawn, "write/commit/read bars carry the text's values\n" + text);
            assertEquals(staleInText, staleDrawn, "the stale reads highlighted are those the text marks STALE\n" + text);
            String violation = sec.findElement(By.cssSelector(".violation")).getText();
            assertTrue(violation.startsWith("violated at this step:")
                            && violation.replaceAll("\\s+", " ").contains(c.message().split("\n")[0].replaceAll("\\s+", " ").trim()),
                    "the violated property is stated at step " + failStep + ": " + violation);
            String answer = sec.findElement(By.cssSelector(".answers")).getText();
            Matcher a = Pattern.compile("rb_per_cpu_empty: (v5.13 says [A-Z ]+, fixed says [A-Z]+(?: [A-Z]+)?)").matcher(text);
            assertTrue(a.find(), text);
            assertTrue(answer.contains(a.group(1).trim()), "the variants' answers as the text gives them: " + answer);
            boolean differ = !a.group(1).matches("v5.13 says (.+), fixed says \\1");
            assertEquals(differ ? 1 : 0, sec.findElements(By.cssSelector(".answers .differ")).size(),
                    "differing answers highlighted, and only those: " + a.group(1));
            if (differ) differing.add(a.group(1));
            if (!staleDrawn.isEmpty()) {
                WebElement flagged = sec.findElement(By.cssSelector("svg.picture path.link.flagged"));
                assertTrue(rolesDrawn.get(flagged.getAttribute("data-to")).contains("HEAD"), "the flagged link points at the head page");
            }
            if (c.kind().equals("not empty, nothing to read") && f.check().equals("concurrent-mc")) {
                String head = rolesDrawn.entrySet().stream().filter(e -> e.getValue().contains("HEAD")).findFirst().orElseThrow().getKey();
                assertTrue(rolesDrawn.get(head).contains("COMMIT"), "commit == head at the failing step\n" + text);
                assertTrue(staleDrawn.contains(head), "the head page's stale read is highlighted\n" + text);
                assertTrue(answer.contains("head->read 4 is stale"), answer);
                shot(sec, "ringbuffer-pre-fix-failing-step.png");
                // step back and forth by keyboard: the picture follows
                new Actions(driver).sendKeys(Keys.ARROW_LEFT).perform();
                assertEquals(String.valueOf(failStep - 1), sec.findElement(By.cssSelector("svg.picture")).getAttribute("data-step"));
                new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
                assertEquals(String.valueOf(failStep), sec.findElement(By.cssSelector("svg.picture")).getAttribute("data-step"));
                checked++;
            }
            if (differ) shot(sec, "ringbuffer-pre-fix-" + f.check() + "-answers-differ.png");
        }
        assertEquals(1, checked, "the report shows the v5.13 'not empty, nothing to read' counterexample of concurrent-mc");
        System.out.println("answers that differ at a failing step: " + differing);
        assertTrue(differing.contains("v5.13 says NOT EMPTY, fixed says EMPTY"),
                "a v5.13 counterexample shows the variants disagreeing (the fix answers EMPTY): " + differing);
        assertEquals(List.of(), errors(), "no script errors in the console");
        System.out.printf("browser: ring buffer report (%,d bytes) opened and stepped through in %.1f s%n", Files.size(file),
                (System.nanoTime() - t0) / 1e9);
    }

    private static final Pattern CPU_LINE = Pattern.compile("^  (cpu\\d+): head -> (.*?)(NULL|\\S+ \\(cycle\\))   len (\\d+).*\\n\\s+(.*)$",
            Pattern.MULTILINE);
    private static final Pattern TAIL = Pattern.compile("tails\\[(\\w+)\\]=&(\\S+)");

    @Test
    void rcuDoubleEnqueueShowsTheLinkOnBothCpusLists() throws Exception {
        ReportData data = ReportFixtures.rcuReport();
        Path dir = Files.createDirectories(Path.of("target", "report-browser", "rcu"));
        Path file = HtmlReport.write(dir, data);
        long t0 = System.nanoTime();
        open(file);
        Counterexample c = data.failures().get(0).counterexample();
        int failStep = HtmlReport.failStep(c);
        assertEquals(2, failStep, "the second call_rcu(link) breaks disjointness: " + c.message());
        WebElement sec = stepTo("f1", failStep);
        String text = c.steps().get(failStep - 1).structure();
        Matcher m = CPU_LINE.matcher(text);
        Map<String, String> nodesInText = new TreeMap<>(), tailsInText = new TreeMap<>();
        while (m.find()) {
            nodesInText.put(m.group(1), m.group(2));
            Matcher t = TAIL.matcher(m.group(5));
            List<String> tails = new ArrayList<>();
            while (t.find()) tails.add(t.group(1) + "=" + (t.group(2).equals("head") ? "head" : t.group(2).replace(".next", "")));
            tailsInText.put(m.group(1), String.join(" ", tails));
        }
        assertEquals(2, nodesInText.size(), text);
        Map<String, String> nodesDrawn = new TreeMap<>(), tailsDrawn = new TreeMap<>();
        List<String> sharedDrawn = new ArrayList<>();
        for (WebElement list : sec.findElements(By.cssSelector("svg.picture g.cblist"))) {
            String cpu = list.getAttribute("data-cpu");
            StringBuilder nodes = new StringBuilder();
            for (WebElement n : list.findElements(By.cssSelector("g.node"))) {
                boolean shared = n.getAttribute("class").contains("shared");
                nodes.append(n.getAttribute("data-node")).append(shared ? "*" : "").append(" -> ");
                if (shared) sharedDrawn.add(cpu + ":" + n.getAttribute("data-node"));
            }
            nodesDrawn.put(cpu, nodes.toString());
            List<String> tails = new ArrayList<>();
            for (WebElement t : list.findElements(By.cssSelector("text.tail"))) tails.add(t.getAttribute("data-seg") + "=" + t.getAttribute("data-after"));
            tailsDrawn.put(cpu, String.join(" ", tails));
        }
        assertEquals(nodesInText, nodesDrawn, "each CPU's list drawn as the text prints it, shared nodes marked\n" + text);
        assertEquals(tailsInText, tailsDrawn, "each tails[] segment drawn where the text says it points\n" + text);
        assertEquals(List.of("cpu0:link", "cpu1:link"), sharedDrawn, "link, reachable from both CPUs, is highlighted on both\n" + text);
        String violation = sec.findElement(By.cssSelector(".violation")).getText();
        assertTrue(violation.contains("disjointness: link is reachable from cpu0 and cpu1"), violation);
        shot(sec, "rcu-double-enqueue-failing-step.png");
        // the next step: D1 goes onto cpu0's list, which is now link's chain; the change is highlighted
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        assertEquals(String.valueOf(failStep + 1), sec.findElement(By.cssSelector("svg.picture")).getAttribute("data-step"));
        assertTrue(!sec.findElements(By.cssSelector("svg.picture .changed")).isEmpty(), "what changed since the previous step is marked");
        assertTrue(sec.findElement(By.cssSelector(".violation")).getText().startsWith("violated since step 2"));
        // the JCStress histogram: one bar per outcome, coloured by grade
        List<WebElement> bars = driver.findElements(By.cssSelector("section.hist g.hbar"));
        assertEquals(4, bars.size());
        Map<String, String> fills = new TreeMap<>();
        for (WebElement b : bars) {
            fills.put(b.getAttribute("data-grade"), b.findElement(By.tagName("rect")).getCssValue("fill"));
        }
        assertEquals("rgb(229, 57, 53)", fills.get("FORBIDDEN"), "forbidden outcomes red");
        assertEquals("rgb(255, 183, 77)", fills.get("ACCEPTABLE_INTERESTING"), "interesting outcomes orange");
        shot(driver.findElement(By.cssSelector("section.hist")), "jcstress-histogram.png");
        // the same picture from a real exploration (RcuMachine on main): the double call_rcu(link) interleaved
        Counterexample x = ReportFixtures.rcuExploredDoubleEnqueue();
        Path xdir = Files.createDirectories(Path.of("target", "report-browser", "rcu-explored"));
        Path xfile = HtmlReport.write(xdir, new ReportData("kmc explore", "kmc explore --suite rcu --variant pre-fix --exploration incident-link",
                List.of(), List.of(new ReportData.Failure("rcu", "pre-fix", "incident-link", x, null)), List.of()));
        open(xfile);
        int xFail = HtmlReport.failStep(x);
        WebElement xsec = stepTo("f1", xFail);
        String xtext = x.steps().get(xFail - 1).structure();
        List<String> xshared = new ArrayList<>();
        for (WebElement nd : xsec.findElements(By.cssSelector("svg.picture g.node.shared"))) xshared.add(nd.getAttribute("data-cpu") + ":" + nd.getAttribute("data-node"));
        assertEquals(List.of("cpu0:link", "cpu1:link"), xshared, "link reachable from both CPUs, highlighted\n" + xtext);
        assertTrue(xsec.findElement(By.cssSelector(".violation")).getText().contains("disjointness"), xtext);
        shot(xsec, "rcu-explored-double-enqueue-failing-step.png");
        assertEquals(List.of(), errors(), "no script errors in the console");
        System.out.printf("browser: RCU report (%,d bytes) opened and stepped through in %.1f s%n", Files.size(file),
                (System.nanoTime() - t0) / 1e9);
    }

    private static final Pattern CK_SLOT = Pattern.compile("^    \\[\\s*(\\d+)\\] (TOMBSTONE|hash \\S+  \"([^\"]*)\")", Pattern.MULTILINE);

    @Test
    void consoleKitShowsTheLeadersSlotsWithTheTombstonesAtEveryFailingStep() throws Exception {
        ReportData data = ReportFixtures.explored(dev.kmc.checks.explore.ExploreSuites.CONSOLEKIT, "signal-during-removal");
        Path file = HtmlReport.write(Files.createDirectories(Path.of("target", "report-browser", "consolekit")), data);
        long t0 = System.nanoTime();
        open(file);
        for (int n = 1; n <= data.failures().size(); n++) {
            Counterexample c = data.failures().get(n - 1).counterexample();
            int failStep = HtmlReport.failStep(c);
            WebElement sec = n == 1 ? stepTo("f" + n, failStep) : clickStep("f" + n, failStep);
            String text = c.steps().get(failStep - 1).structure();
            Map<String, String> inText = new TreeMap<>();
            Matcher m = CK_SLOT.matcher(text);
            while (m.find()) inText.put(m.group(1), m.group(2).equals("TOMBSTONE") ? "TOMBSTONE" : "live " + m.group(3));
            Map<String, String> drawn = new TreeMap<>();
            for (WebElement g : sec.findElements(By.cssSelector("svg.picture g.slot"))) {
                String state = g.getAttribute("data-state");
                assertEquals(state.equals("TOMBSTONE"), g.getAttribute("class").contains("tombstone"), "tombstones highlighted");
                drawn.put(g.getAttribute("data-index"), state.equals("TOMBSTONE") ? state : state + " " + g.getAttribute("data-key"));
            }
            assertEquals(inText, drawn, "the slots drawn are the text's, tombstones marked\n" + text);
            assertTrue(sec.findElement(By.cssSelector("svg.picture")).getText().contains("version "), "the table's counters are drawn");
            assertTrue(sec.findElement(By.cssSelector(".violation")).getText().startsWith("violated at this step:"));
            shot(sec, "consolekit-pre-fix-" + c.kind().replace(' ', '-') + ".png");
        }
        assertEquals(List.of(), errors(), "no script errors in the console");
        System.out.printf("browser: ConsoleKit report opened and stepped through in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static final Pattern TL_TASK = Pattern.compile("^  pid (\\d+)  tgid \\d+  (leader|thread) .* tasks (.*?) +next (\\S+) ", Pattern.MULTILINE);

    @Test
    void taskListShowsTheRingAndTheThreadOffItAtTheLoopedWalk() throws Exception {
        ReportData data = ReportFixtures.explored(dev.kmc.checks.explore.ExploreSuites.TASKLIST, "thread-walk-vs-exit");
        Path file = HtmlReport.write(Files.createDirectories(Path.of("target", "report-browser", "tasklist")), data);
        long t0 = System.nanoTime();
        open(file);
        Counterexample c = data.failures().get(0).counterexample();
        int failStep = HtmlReport.failStep(c);
        WebElement sec = stepTo("f1", failStep);
        String text = c.steps().get(failStep - 1).structure();
        Matcher ring = Pattern.compile("  ring: init_task((?: -> \\S+)*?) -> (init_task|\\.\\.\\.)").matcher(text);
        assertTrue(ring.find(), text);
        List<String> ringInText = new ArrayList<>(List.of("init_task"));
        for (String n : ring.group(1).split(" -> ")) if (!n.isBlank()) ringInText.add(n.trim());
        Map<String, String> offInText = new TreeMap<>();
        Matcher m = TL_TASK.matcher(text);
        while (m.find()) if (m.group(3).contains("NOT") || m.group(3).contains("unlinked")) offInText.put(m.group(1), m.group(4));
        List<String> ringDrawn = new ArrayList<>();
        Map<String, String> offDrawn = new TreeMap<>();
        for (WebElement g : sec.findElements(By.cssSelector("svg.picture g.task"))) {
            if (g.getAttribute("class").contains("off-ring")) offDrawn.put(g.getAttribute("data-task"), g.getAttribute("data-next"));
            else ringDrawn.add(g.getAttribute("data-task"));
        }
        assertEquals(ringInText, ringDrawn, "the ring drawn in the text's order\n" + text);
        assertEquals(offInText, offDrawn, "the tasks off the ring highlighted, with their stale next\n" + text);
        assertTrue(!offDrawn.isEmpty(), "the incident's thread is off the ring at the failing step\n" + text);
        assertTrue(!sec.findElements(By.cssSelector("svg.picture path.stale-next")).isEmpty(), "its stale next link is drawn");
        assertTrue(sec.findElement(By.cssSelector(".violation")).getText().contains("LOOPED walk"));
        shot(sec, "tasklist-pre-fix-looped-walk.png");
        assertEquals(List.of(), errors(), "no script errors in the console");
        System.out.printf("browser: task list report opened and stepped through in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void systemdShowsTheSlicesNullHandlerCalledAndPid1Frozen() throws Exception {
        ReportData data = ReportFixtures.explored(dev.kmc.checks.explore.ExploreSuites.SYSTEMD, "incident");
        Path file = HtmlReport.write(Files.createDirectories(Path.of("target", "report-browser", "systemd")), data);
        long t0 = System.nanoTime();
        open(file);
        int n = 0;
        boolean sawSegv = false;
        for (ReportData.Failure f : data.failures()) {
            n++;
            Counterexample c = f.counterexample();
            int failStep = HtmlReport.failStep(c);
            WebElement sec = n == 1 ? stepTo("f" + n, failStep) : clickStep("f" + n, failStep);
            String text = c.steps().get(failStep - 1).structure();
            for (WebElement u : sec.findElements(By.cssSelector("svg.picture g.unit"))) {
                String id = u.getAttribute("data-unit");
                String line = text.lines().filter(l -> l.startsWith("  " + id + " ")).findFirst().orElseThrow(() -> new AssertionError(id + "\n" + text));
                assertTrue(line.matches("  " + Pattern.quote(id) + " +" + u.getAttribute("data-type") + " +" + u.getAttribute("data-state") + " .*"),
                        "unit drawn with the text's type and state: " + line);
                assertEquals(line.contains("sigchld_event NULL"), u.getAttribute("data-handler-null").equals("true"), line);
                if (u.getAttribute("data-segv").equals("true")) {
                    sawSegv = true;
                    assertTrue(u.getAttribute("class").contains("segv"), "the NULL handler call highlighted on " + id);
                    assertTrue(c.message().contains("SEGV: " + id + "->sigchld_event is NULL"), c.message());
                }
            }
            assertEquals(text.contains("queued: inotify(cgroup.events)"),
                    sec.findElement(By.cssSelector("g.queue[data-queue='inotify']")).getAttribute("data-queued").equals("true"), text);
            assertEquals(text.contains(" SIGCHLD\n"), sec.findElement(By.cssSelector("g.queue[data-queue='sigchld']")).getAttribute("data-queued").equals("true"), text);
            assertEquals(text.contains("PID 1 frozen"), sec.findElement(By.cssSelector("g.pid1")).getAttribute("data-frozen").equals("true"), text);
            shot(sec, "systemd-pre-fix-" + c.kind().replace(' ', '-') + ".png");
        }
        assertTrue(sawSegv, "the slice's NULL sigchld_event call is drawn at a failing step");
        assertEquals(List.of(), errors(), "no script errors in the console");
        System.out.printf("browser: systemd report opened and stepped through in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** A screenshot of one element, under target/report-screenshots/. */
    static Path shot(WebElement e, String name) throws Exception {
        File f = e.getScreenshotAs(OutputType.FILE);
        Path out = SHOTS.resolve(name);
        Files.copy(f.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }
}
