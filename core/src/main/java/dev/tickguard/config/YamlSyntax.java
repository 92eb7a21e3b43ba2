package dev.tickguard.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What is wrong with config.yaml as YAML, before its keys are read: a syntax error said on its own
 * line in the user's words (a tab: "indent with spaces"), and explicit tags refused. Stateless.
 */
final class YamlSyntax {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern PROBLEM_LINE = Pattern.compile("line (\\d+), column \\d+");
    /** The YAML core schema's own tags: harmless, they say what the value already is. */
    private static final Set<String> CORE_TAGS = Set.of("tag:yaml.org,2002:str", "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq");

    private YamlSyntax() {
    }

    /** Where and why the text is not YAML, in the user's words: the line of the problem, not of its context. */
    static String notYaml(String fileName, JacksonException e) {
        String message = e.getOriginalMessage();
        // SnakeYAML names the problem's own line last ("in 'reader', line 3, column 1:"); Jackson's
        // location is the context's, which is often the line before.
        java.util.regex.Matcher m = PROBLEM_LINE.matcher(message);
        Integer line = null;
        while (m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        if (line == null && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        String where = line == null ? fileName : fileName + ":" + line;
        if (message.contains("(TAB)")) {
            return where + ": not valid YAML: a tab character in the indentation (indent with spaces)";
        }
        // The description lines start at the margin; the positions and the quoted snippet are indented.
        String what = String.join("; ", message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::trim).toList());
        return where + ": not valid YAML: " + what;
    }

    /**
     * Refuses explicit YAML tags ({@code !!java.io.File}, {@code !custom}): config.yaml holds plain
     * values, and a tag Jackson ignores would silently change what the user meant.
     */
    static void refuseTags(String fileName, String text) throws ConfigException {
        java.util.Set<String> problems = new java.util.LinkedHashSet<>();
        try (YAMLParser p = YAML.getFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                String field = key(p);
                if (p.isCurrentAlias() || p.getCurrentAnchor() != null) {
                    // Jackson does not resolve aliases: "*m" would silently become the text "m".
                    problems.add(fileName + ":" + p.currentLocation().getLineNr() + ": " + (field == null ? ""
                            : field + ": ") + "YAML anchors and aliases (&name, *name) are not supported: write the "
                            + "value out");
                    continue;
                }
                String tag = p.getTypeId();
                if (tag != null && !CORE_TAGS.contains(tag)) {
                    problems.add(fileName + ":" + p.currentLocation().getLineNr() + ": " + (field == null ? ""
                            : field + ": ") + "the YAML tag '" + shortTag(tag) + "' is not allowed (write a plain value)");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(fileName + ": not valid YAML: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(List.copyOf(problems));
        }
    }

    /** The dotted key the parser is at ({@code tick.interval_sec}), or null at the top. */
    private static String key(YAMLParser p) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        return pointer.isEmpty() ? null : pointer.substring(1).replace('/', '.');
    }

    private static String shortTag(String tag) {
        return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : "!" + tag;
    }
}
