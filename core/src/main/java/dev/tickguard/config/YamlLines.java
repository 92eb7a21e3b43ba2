package dev.tickguard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the line of a key in YAML text, so that a message about a value can say where it is
 * (Jackson's tree forgets locations).
 */
final class YamlLines {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlLines() {
    }

    /**
     * @param text YAML text
     * @param dottedPath a key path such as {@code "tick.interval_sec"}
     * @return the 1-based line of the key, or 0 if it is not there
     */
    static int lineOf(String text, String dottedPath) {
        String pointer = "/" + dottedPath.replace("~", "~0").replace("/", "~1").replace('.', '/');
        try (JsonParser p = FACTORY.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().toString().equals(pointer)) {
                    return p.currentTokenLocation().getLineNr();
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** A key given twice in the same mapping. */
    record Duplicate(String dottedPath, int line, int firstLine) {
    }

    /**
     * Every key that appears a second time in the same mapping (YAML parsers keep the last one
     * silently), in line order.
     */
    static List<Duplicate> duplicates(String text) {
        List<Duplicate> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    String pointer = p.getParsingContext().pathAsPointer().toString();
                    int line = p.currentTokenLocation().getLineNr();
                    Integer first = seen.putIfAbsent(pointer, line);
                    if (first != null) {
                        out.add(new Duplicate(dotted(pointer), line, first));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not YAML: the main parse reports that.
        }
        return out;
    }

    private static String dotted(String pointer) {
        return pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
    }
}
