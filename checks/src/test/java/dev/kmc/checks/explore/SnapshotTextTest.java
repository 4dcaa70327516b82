package dev.kmc.checks.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kmc.model.rcu.EnqueueGuard;
import dev.kmc.model.rcu.RcuSubject;
import dev.kmc.model.ringbuffer.EmptyCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The structured snapshot (what report.html draws) and the text trace (the port's toString) name
 * the same pages, nodes and values at every step: the printers format only the snapshot, and this
 * checks it from the outside, on a real counterexample.
 */
class SnapshotTextTest {

    @Test
    @SuppressWarnings("unchecked")
    void ringBufferSnapshotAndTextAgreeAtEveryStepOfTheV513Counterexample() {
        InterleavingExplorer.Result r = InterleavingExplorer.explore("x",
                m -> new RingBufferMachine(m, ExploreSuites.RB_GEOMETRY, EmptyCheck.V5_13, true, 1, 2, 3, 4),
                ExploreSuites.RINGBUFFER.exploration("concurrent-mc").universe(), InterleavingExplorer.Limits.of(1_000_000, 60_000));
        assertFalse(r.findings().isEmpty());
        int steps = 0;
        for (InterleavingExplorer.Finding f : r.findings().values()) {
            for (Counterexample.Step s : f.counterexample().steps()) {
                Map<String, Object> d = (Map<String, Object>) s.snapshot();
                String text = s.structure();
                List<Object> ring = (List<Object>) d.get("ring");
                assertEquals(ExploreSuites.RB_GEOMETRY.ringPages(), ring.size());
                for (Object o : ring) assertPage(text, (Map<String, Object>) o);
                assertPage(text, (Map<String, Object>) d.get("readerPage"));
                assertTrue(text.contains("v5.13 says " + ((Boolean) d.get("emptyV513") ? "EMPTY" : "NOT EMPTY")
                        + ", fixed says " + ((Boolean) d.get("emptyFixed") ? "EMPTY" : "NOT EMPTY")), text);
                assertTrue(text.contains("=> rb_num_of_entries " + d.get("numEntries") + " "), text);
                steps++;
            }
        }
        assertTrue(steps > 50, "checked " + steps + " steps");
    }

    @SuppressWarnings("unchecked")
    private static void assertPage(String text, Map<String, Object> p) {
        List<String> roles = (List<String>) p.get("roles");
        String head = "    " + p.get("name") + " ";
        String line = text.lines().filter(l -> l.startsWith(head)).findFirst().orElseThrow(() -> new AssertionError(head + "\n" + text));
        if (!roles.isEmpty()) assertTrue(line.contains("(" + String.join(" ", roles) + ")"), line);
        assertTrue(line.contains("write " + p.get("write") + " commit " + p.get("commit") + " read " + p.get("read")
                + ((Boolean) p.get("stale") ? " STALE" : "") + " entries " + p.get("entries")), line);
        String flag = (String) p.get("nextFlag");
        assertTrue(line.endsWith("next->" + p.get("next") + (flag.isEmpty() ? "" : "|" + flag)), line);
    }

    @Test
    @SuppressWarnings("unchecked")
    void rcuSnapshotAndTextAgreeThroughTheDoubleEnqueue() {
        RcuSubject s = new RcuSubject(EnqueueGuard.UNGUARDED);
        int[][] calls = {{0, RcuSubject.LINK}, {1, RcuSubject.LINK}, {0, RcuSubject.D1}, {1, RcuSubject.D2}};
        for (int[] c : calls) {
            s.callRcu(c[0], c[1]);
            Map<String, Object> d = s.rcu().snapshotData();
            String text = s.toString();
            for (Object o : (List<Object>) d.get("cpus")) {
                Map<String, Object> cpu = (Map<String, Object>) o;
                StringBuilder chain = new StringBuilder("  " + cpu.get("cpu") + ": head -> ");
                for (Object n : (List<Object>) cpu.get("nodes")) {
                    Map<String, Object> node = (Map<String, Object>) n;
                    chain.append(node.get("name")).append((Boolean) node.get("shared") ? "*" : "").append(" -> ");
                }
                assertTrue(text.contains(chain + "NULL   len " + cpu.get("len")), chain + "\n" + text);
                for (Object t : (List<Object>) cpu.get("tails")) {
                    Map<String, Object> tail = (Map<String, Object>) t;
                    String after = (String) tail.get("after");
                    assertEquals(after.equals("head") ? "&head" : "&" + after + ".next", tail.get("text"));
                    assertTrue(text.contains("tails[" + tail.get("seg") + "]=" + tail.get("text")), text);
                }
            }
        }
        assertTrue(s.toString().contains("link*"), "after the second call_rcu(link) both lists reach link");
    }

    @Test
    @SuppressWarnings("unchecked")
    void consoleKitSnapshotAndTextAgreeAtEveryStepOfSignalDuringRemoval() {
        InterleavingExplorer.Result r = ConsoleKitExploreTest.explore(ConsoleKitExploreTest.PRE, ConsoleKitExploreTest.SIGNAL_DURING_REMOVAL);
        assertFalse(r.findings().isEmpty());
        int steps = 0, tombstones = 0;
        for (InterleavingExplorer.Finding f : r.findings().values()) {
            for (Counterexample.Step s : f.counterexample().steps()) {
                Map<String, Object> d = (Map<String, Object>) s.snapshot();
                String text = s.structure();
                assertEquals("consolekit", d.get("kind"));
                assertTrue(text.contains("leaders: size " + d.get("size") + " mod " + d.get("mod") + " nnodes " + d.get("nnodes")
                        + " noccupied " + d.get("noccupied") + " version " + d.get("version") + "   (slots: " + d.get("real")
                        + " REAL, " + d.get("tombstones") + " TOMBSTONE)"), text);
                List<Object> slots = (List<Object>) d.get("slots");
                assertEquals(d.get("size"), slots.size());
                int live = 0, tomb = 0;
                for (Object o : slots) {
                    Map<String, Object> slot = (Map<String, Object>) o;
                    String idx = String.format("    [%2d] ", slot.get("index"));
                    switch ((String) slot.get("state")) {
                        case "UNUSED" -> assertFalse(text.contains(idx), idx + "\n" + text);
                        case "TOMBSTONE" -> { tomb++; assertTrue(text.contains(idx + "TOMBSTONE\n"), idx + "\n" + text); }
                        default -> {
                            live++;
                            assertTrue(text.contains(idx + "hash " + slot.get("hash") + "  \"" + slot.get("key") + "\" -> "
                                    + slot.get("value") + " of " + slot.get("service") + ((Boolean) slot.get("gone") ? " (gone)" : " (connected)")
                                    + ((Boolean) slot.get("finalized") ? " FINALIZED" : "")), idx + "\n" + text);
                        }
                    }
                }
                assertEquals(d.get("real"), live);
                assertEquals(d.get("tombstones"), tomb);
                tombstones += tomb;
                String inv = (String) d.get("invariant");
                assertTrue(text.contains("  invariants: " + (inv.isEmpty() ? "hold" : "VIOLATED: " + inv)), text);
                for (Object fd : (List<Object>) d.get("findings")) assertTrue(text.contains("    " + fd + "\n"), text);
                steps++;
            }
        }
        assertTrue(steps > 10, "checked " + steps + " steps");
        System.out.println("consolekit: " + steps + " steps, " + tombstones + " tombstone slots seen");
    }

    @Test
    @SuppressWarnings("unchecked")
    void taskListSnapshotAndTextAgreeAtEveryStepOfTheThreadWalkVsExit() {
        InterleavingExplorer.Result r = TaskListExploreTest.explore(dev.kmc.model.tasklist.WalkStart.START_TASKS, TaskListExploreTest.INCIDENT);
        assertFalse(r.findings().isEmpty());
        int steps = 0, offRing = 0;
        for (InterleavingExplorer.Finding f : r.findings().values()) {
            for (Counterexample.Step s : f.counterexample().steps()) {
                Map<String, Object> d = (Map<String, Object>) s.snapshot();
                String text = s.structure();
                assertEquals("tasklist", d.get("kind"));
                StringBuilder ring = new StringBuilder("  ring: init_task");
                for (Object n : (List<Object>) d.get("ring")) ring.append(" -> ").append(n);
                ring.append((Boolean) d.get("ringCloses") ? " -> init_task\n" : " -> ... (does not close)\n");
                assertTrue(text.contains(ring), ring + "\n" + text);
                for (Object o : (List<Object>) d.get("tasks")) {
                    Map<String, Object> t = (Map<String, Object>) o;
                    if (!(Boolean) t.get("attached")) {
                        assertTrue(text.contains("  pid " + t.get("pid") + "  (being forked"), text);
                        continue;
                    }
                    String line = text.lines().filter(l -> l.startsWith("  pid " + t.get("pid") + "  tgid ")).findFirst()
                            .orElseThrow(() -> new AssertionError("pid " + t.get("pid") + "\n" + text));
                    assertTrue(line.startsWith("  pid " + t.get("pid") + "  tgid " + t.get("tgid") + "  "
                            + ((Boolean) t.get("leader") ? "leader" : "thread")), line);
                    assertTrue(line.contains((Boolean) t.get("hashed") ? "hashed" : "reaped"), line);
                    assertTrue(line.contains("tasks " + t.get("where")), line);
                    assertTrue(line.matches(".*next " + t.get("next") + " +prev " + t.get("prev")), line);
                    assertEquals(!(Boolean) t.get("onRing"), line.contains("NOT on the ring") || line.contains("unlinked"), line);
                    if (!(Boolean) t.get("onRing")) offRing++;
                }
                String looped = (String) d.get("loopedWalk");
                assertEquals(!looped.isEmpty(), text.contains("(a walk came back LOOPED: " + looped + ")"), text);
                steps++;
            }
        }
        assertTrue(steps > 5 && offRing > 0, "checked " + steps + " steps, " + offRing + " tasks off the ring");
        System.out.println("tasklist: " + steps + " steps, " + offRing + " tasks off the ring");
    }

    @Test
    @SuppressWarnings("unchecked")
    void systemdSnapshotAndTextAgreeAtEveryStepOfTheIncident() {
        InterleavingExplorer.Result r = SystemdExploreTest.explore("systemd incident", dev.kmc.model.systemd.SystemdVariant.PRE_FIX,
                SystemdExploreTest.INCIDENT);
        assertFalse(r.findings().isEmpty());
        int steps = 0, segv = 0;
        for (InterleavingExplorer.Finding f : r.findings().values()) {
            for (Counterexample.Step s : f.counterexample().steps()) {
                Map<String, Object> d = (Map<String, Object>) s.snapshot();
                String text = s.structure();
                assertEquals("systemd", d.get("kind"));
                boolean ino = (Boolean) d.get("inotifyQueued"), chld = (Boolean) d.get("sigchldQueued");
                assertTrue(text.contains("  kernel: pid " + d.get("orphan") + " " + d.get("taskState") + " in " + d.get("cgroup")
                        + "; cgroup.events populated " + ((Boolean) d.get("populated") ? 1 : 0) + "; queued:"
                        + (ino ? " inotify(cgroup.events)" : "") + (chld ? " SIGCHLD" : "") + (!ino && !chld ? " -" : "") + "\n"), text);
                for (Object o : (List<Object>) d.get("units")) {
                    Map<String, Object> u = (Map<String, Object>) o;
                    String line = text.lines().filter(l -> l.startsWith("  " + u.get("id") + " ")).findFirst()
                            .orElseThrow(() -> new AssertionError(u.get("id") + "\n" + text));
                    assertTrue(line.matches("  " + java.util.regex.Pattern.quote((String) u.get("id")) + " +" + u.get("type") + " +"
                            + u.get("state") + " +cgroup " + java.util.regex.Pattern.quote((String) u.get("cgroup")) + ".*"), line);
                    List<Object> pids = (List<Object>) u.get("pids");
                    if (pids != null) {
                        assertTrue(line.contains("pids {" + String.join(", ", pids.stream().map(String::valueOf).toList()) + "}"), line);
                    }
                    assertEquals(u.get("handlerNull"), line.contains("sigchld_event NULL"), line);
                    assertEquals(u.get("freed"), line.contains("FREED"), line);
                    assertEquals(!(Boolean) u.get("realized"), line.contains("(released)"), line);
                    if ((Boolean) u.get("segv")) {
                        segv++;
                        assertTrue((Boolean) u.get("handlerNull"), "the NULL handler called is a NULL slot: " + line);
                        assertEquals("SEGV: " + u.get("id") + "->sigchld_event is NULL (pid " + d.get("orphan") + ")", d.get("segv"));
                    }
                }
                for (Object t : (List<Object>) d.get("tables")) {
                    Map<String, Object> tb = (Map<String, Object>) t;
                    StringBuilder show = new StringBuilder("  " + tb.get("name") + ": {");
                    List<String> es = new java.util.ArrayList<>();
                    for (Object e : (List<Object>) tb.get("entries")) {
                        Map<String, Object> en = (Map<String, Object>) e;
                        es.add(en.get("key") + " -> " + en.get("unit") + ((Boolean) en.get("freed") ? " (FREED)" : ""));
                    }
                    assertTrue(text.contains(show.append(String.join(", ", es)).append("}\n")), show + "\n" + text);
                }
                assertTrue(text.contains("  last SIGCHLD dispatch: " + d.get("lastSigchld") + "\n"), text);
                assertTrue(text.endsWith((String) d.get("pid1Report")), text);
                assertEquals(d.get("pid1Frozen"), text.contains("PID 1 frozen"), text);
                String segvText = (String) d.get("segv");
                if ((Boolean) d.get("pid1Frozen") || d.get("lastSigchldKind").equals("SEGV_NULL_HANDLER")) {
                    assertTrue(text.contains(segvText), "the call through NULL as the text words it: " + segvText + "\n" + text);
                }
                steps++;
            }
        }
        assertTrue(steps > 10 && segv > 0, "checked " + steps + " steps, " + segv + " with the NULL handler called");
        System.out.println("systemd: " + steps + " steps, " + segv + " with the NULL handler called");
    }
}
