package dev.tickguard.control.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
        JsonNode c = n.path("counts");
        TickCounts counts = new TickCounts(c.path("critical").asInt(), c.path("important").asInt(),
                c.path("optional").asInt(), c.path("fallbacks").asInt(), c.path("skipped").asInt());
        Map<String, BreakerState> breakers = new TreeMap<>();
        n.path("breakers").fields().forEachRemaining(e -> breakers.put(e.getKey(),
                BreakerState.valueOf(e.getValue().asText().toUpperCase(Locale.ROOT))));
        List<StepRecord> steps = new ArrayList<>();
        for (JsonNode s : n.path("steps")) {
            steps.add(new StepRecord(s.get("id").asText(), Priority.valueOf(s.get("priority").asText()),
                    Phase.of(s.get("phase").asInt()), s.path("start_ms").asLong(), s.path("duration_ms").asLong(),
                    s.path("timeout_ms").asLong(), StepOutcome.valueOf(s.get("outcome").asText()),
                    enumOrNull(StepCause.class, s.get("cause")), enumOrNull(FallbackSource.class, s.get("fallback")),
                    textOrNull(s.get("error")), s.path("abandoned").asBoolean(), textOrNull(s.get("ran_on"))));
        }
        return new TickRecord(n.get("tick").asLong(), Instant.parse(n.get("started_at").asText()),
                n.path("duration_ms").asLong(), SystemMode.valueOf(n.get("mode").asText()),
                n.path("skipped").asBoolean(), textOrNull(n.get("skip_reason")), textOrNull(n.get("abort_reason")),
                counts, breakers, steps, n.path("critical_overrun_ms").asLong());
    }

    private static String textOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, JsonNode v) {
        return v == null || v.isNull() ? null : Enum.valueOf(type, v.asText().toUpperCase(Locale.ROOT));
    }
}
