package dev.kmc.model.consolekit;

/** A heap string from g_strdup: a table owns its keys and frees them with g_free. */
public final class CString {
    private final String text;
    boolean freed;

    CString(String text) {
        this.text = text;
    }

    public String text() { return text; }

    public boolean freed() { return freed; }

    @Override
    public String toString() { return text; }
}
