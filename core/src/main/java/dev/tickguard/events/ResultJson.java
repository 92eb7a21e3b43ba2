package dev.tickguard.events;

/**
 * A step's result as JSON text, capped so that a history of many ticks stays small.
 *
 * @param text the JSON text, or its first {@link #MAX_CHARS} characters when {@code truncated}
 *             (then it is no longer valid JSON)
 * @param truncated true if the text was cut
 * @param fullLength the length of the whole text in characters
 */
public record ResultJson(String text, boolean truncated, int fullLength) {
    /** The most characters kept per step result (16 KiB of text). */
    public static final int MAX_CHARS = 16 * 1024;

    /** Caps {@code json} at {@link #MAX_CHARS} characters. */
    public static ResultJson of(String json) {
        if (json.length() <= MAX_CHARS) {
            return new ResultJson(json, false, json.length());
        }
        return new ResultJson(json.substring(0, MAX_CHARS), true, json.length());
    }
}
