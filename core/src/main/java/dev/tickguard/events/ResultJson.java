package dev.tickguard.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A step's result as JSON text, capped so that a history of many ticks stays small.
 *
 * <p>A result made {@linkplain #of(JsonNode) from a step's value} keeps a copy of the value and
 * is written as text only when someone first asks for it (a listener thread: the dashboard, the
 * control model), never on the tick's own path; the text is then kept and the copy let go.
 * Thread-safe.
 */
public final class ResultJson {
    /** The most characters kept per step result (16 KiB of text). */
    public static final int MAX_CHARS = 16 * 1024;

    // Until the first read: the value to write. After it: null, and the three fields below are set.
    private JsonNode value;
    private String text;
    private boolean truncated;
    private int fullLength;

    private ResultJson(JsonNode value) {
        this.value = value;
    }

    private ResultJson(String json) {
        set(json);
    }

    /** Caps {@code json} at {@link #MAX_CHARS} characters. */
    public static ResultJson of(String json) {
        return new ResultJson(json);
    }

    /**
     * A step's value as it is now, written as JSON text when first read. The value is copied here (a
     * node may be shared: later steps see it, a step may reuse it next tick), so the text is what the
     * step returned even if the node changes later; copying is far cheaper than writing text.
     */
    public static ResultJson of(JsonNode value) {
        JsonNode frozen;
        try {
            frozen = value.deepCopy();
        } catch (RuntimeException changing) {
            // Another thread is changing it as we copy: say so rather than fail the step's record.
            return of("\"result could not be copied: " + changing.getClass().getSimpleName() + "\"");
        }
        return new ResultJson(frozen);
    }

    private void set(String json) {
        fullLength = json.length();
        truncated = fullLength > MAX_CHARS;
        text = truncated ? json.substring(0, MAX_CHARS) : json;
    }

    private synchronized void write() {
        if (value != null) {
            String json;
            try {
                json = value.toString();
            } catch (RuntimeException e) {
                // Only a broken node (e.g. a POJO node whose object cannot be written): say so, do not fail the reader.
                json = "\"result could not be written: " + e.getClass().getSimpleName() + "\"";
            }
            set(json);
            value = null;
        }
    }

    /** The JSON text, or its first {@link #MAX_CHARS} characters when {@link #truncated()} (then no longer valid JSON). */
    public String text() {
        write();
        return text;
    }

    /** True if the text was cut. */
    public boolean truncated() {
        write();
        return truncated;
    }

    /** The length of the whole text in characters. */
    public int fullLength() {
        write();
        return fullLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResultJson r && text().equals(r.text()) && truncated() == r.truncated()
                && fullLength() == r.fullLength();
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "ResultJson[" + (truncated() ? "first " + MAX_CHARS + " of " + fullLength() + " chars" : text()) + "]";
    }
}
