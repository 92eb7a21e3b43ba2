package dev.tickguard.ollama;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The three things the client needs from most lines of a chat stream ({@code message.content},
 * {@code done}, {@code error}), read with the streaming parser instead of data binding.
 *
 * @param content the token text ("" if none)
 * @param done the line's {@code done} flag
 * @param error the line's {@code error}, or null
 */
record StreamLine(String content, boolean done, String error) {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Scans one line; null if it is not a JSON object (the caller then reports it as malformed). */
    static StreamLine scan(String line) {
        String content = "";
        boolean done = false;
        String error = null;
        try (JsonParser p = FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("done".equals(name)) {
                    done = value == JsonToken.VALUE_TRUE;
                } else if ("error".equals(name) && value == JsonToken.VALUE_STRING) {
                    error = p.getText();
                } else if ("message".equals(name) && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if ("content".equals(field) && v == JsonToken.VALUE_STRING) {
                            content = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            return new StreamLine(content, done, error);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
