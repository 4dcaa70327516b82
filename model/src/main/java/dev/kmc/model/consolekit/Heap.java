package dev.kmc.model.consolekit;

import dev.kmc.model.consolekit.CkFinding.DoubleFree;
import dev.kmc.model.consolekit.CkFinding.UnrefNull;
import dev.kmc.model.consolekit.CkFinding.UseAfterFree;
import java.util.ArrayList;
import java.util.List;

/**
 * The allocator's view: g_strdup, g_free, g_object_ref and g_object_unref, each free recorded as
 * an event, and the findings of the run. Memory is garbage-collected: a freed string or a
 * finalized object keeps its fields, is only flagged, and a second free or a use is reported.
 * Main-loop thread only.
 */
public final class Heap {
    private final List<CkFinding> findings = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    Heap() { }

    /** A copy with the same record (the objects are copied by the caller). */
    Heap copy() {
        Heap c = new Heap();
        c.findings.addAll(findings);
        c.events.addAll(events);
        return c;
    }

    public CString gStrdup(String s) {
        return new CString(s);
    }

    /** g_free: NULL is a no-op. */
    public void gFree(CString s) {
        if (s == null) {
            return;
        }
        events.add("g_free(\"" + s.text() + "\")");
        if (s.freed) {
            report(new DoubleFree(s.text()));
            return;
        }
        s.freed = true;
    }

    public <T extends GObject> T gObjectRef(T o) {
        o.refCount++;
        return o;
    }

    /** g_object_unref of an object held by {@code holder} ("leaders", "sessions" ...): for the NULL finding. */
    public void gObjectUnref(GObject o, String holder) {
        if (o == null) {
            events.add("g_object_unref(NULL)");
            report(new UnrefNull(holder));                       // g_return_if_fail (G_IS_OBJECT (object))
            return;
        }
        o.unrefs++;
        if (o.finalized) {
            events.add("g_object_unref(" + o.name() + ")");
            report(new UseAfterFree("g_object_unref", o.name()));
            return;
        }
        o.refCount--;
        if (o.refCount == 0) {
            o.finalized = true;                                  // dispose + finalize + g_type_free_instance
            events.add("g_object_unref(" + o.name() + "): finalized");
        } else {
            events.add("g_object_unref(" + o.name() + "): refcount " + o.refCount);
        }
    }

    void report(CkFinding f) {
        findings.add(f);
    }

    public List<CkFinding> findings() { return List.copyOf(findings); }

    public <F extends CkFinding> List<F> findings(Class<F> type) {
        return findings.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Every g_free and g_object_unref, in order. */
    public List<String> events() { return List.copyOf(events); }
}
