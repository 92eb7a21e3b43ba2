package dev.tickguard.control.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.events.TickRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reads the last ticks of the journal ({@code ticks.jsonl}) back into records, so that a restart
 * does not empty the timeline. The reverse of {@code TickJournal.toJson}. A line that cannot be
 * read (torn, damaged, from a different version) is skipped and counted, never fatal.
 */
public final class JournalTicks {
    private static final Logger LOG = Logger.getLogger(JournalTicks.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalTicks() {
    }

    /** The last {@code max} readable ticks of the journal, oldest first; empty if there is no journal. */
    public static List<TickRecord> last(Path journal, int max) {
        if (!Files.isRegularFile(journal)) {
            return List.of();
        }
        ArrayDeque<String> lines = new ArrayDeque<>(Math.min(max, 1024));
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(journal), decoder))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (lines.size() == max) {
                    lines.removeFirst();
                }
                lines.addLast(line);
            }
        } catch (IOException e) {
            LOG.warning("cannot read the journal " + journal + " for the history: " + e.getMessage());
            return List.of();
        }
        List<TickRecord> out = new ArrayList<>();
        int bad = 0;
        for (String line : lines) {
            try {
                out.add(fromJson(JSON.readTree(line)));
            } catch (IOException | RuntimeException e) {
                bad++;
            }
        }
        if (bad > 0) {
            LOG.warning("history: skipped " + bad + " unreadable line(s) of " + journal);
        }
        return out;
    }

    /** A tick record from its journal form. */
    static TickRecord fromJson(JsonNode n) {
        return dev.tickguard.persist.JournalJson.tickRecord(n);
    }
}
