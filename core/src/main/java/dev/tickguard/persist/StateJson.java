package dev.tickguard.persist;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;

/**
 * Reads Tickguard's own JSON state files (checkpoint, result cache) strictly: anything after the
 * one JSON value (a second object, stray bytes from a torn write, a pasted line) is damage, not
 * something to drop silently, so the file is set aside like any other damaged file. Thread-safe.
 */
public final class StateJson {
    private static final ObjectReader STRICT = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StateJson() {
    }

    /**
     * @return the file's one JSON value, or null for an empty file
     * @throws com.fasterxml.jackson.core.JacksonException if it is not exactly one JSON value
     */
    public static JsonNode read(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return null;
        }
        return STRICT.readTree(bytes);
    }
}
