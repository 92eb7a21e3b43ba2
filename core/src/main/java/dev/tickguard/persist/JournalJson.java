package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal line's JSON form of a tick and of a step, both ways: what {@code logs/ticks.jsonl}
 * mirrors, what {@code tickguard history} prints and what the file-based version's journal held (the
 * database keeps the same in columns: {@link TickRows}). A resumed tick's line adds
 * {@code "resumed":true} and {@code "restored":[step ids]}; {@code "mode_reason"} says why the mode
 * (null in lines written before it was kept); other lines are as before the database.
 */
public final class JournalJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalJson() {
    }

    /** The journal line of a tick record. */
    public static ObjectNode tick(TickRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("tick", r.tick());
        n.put("started_at", r.startedAt().toString());
        n.put("duration_ms", r.durationMs());
        n.put("mode", r.mode().name());
        n.put("mode_reason", r.modeReason());
        n.put("skipped", r.skipped());
        n.put("skip_reason", r.skipReason());
        n.put("abort_reason", r.abortReason());
        n.put("critical_overrun_ms", r.criticalOverrunMs());
        ObjectNode counts = n.putObject("counts");
        counts.put("critical", r.counts().critical());
        counts.put("important", r.counts().important());
        counts.put("optional", r.counts().optional());
        counts.put("fallbacks", r.counts().fallbacks());
        counts.put("skipped", r.counts().skipped());
        ObjectNode breakers = n.putObject("breakers");
        for (Map.Entry<String, BreakerState> e : r.breakers().entrySet()) {
            breakers.put(e.getKey(), e.getValue().label());
        }
        ArrayNode steps = n.putArray("steps");
        for (StepRecord s : r.steps()) {
            steps.add(step(s));
        }
        if (r.resumed()) {
            n.put("resumed", true);
            ArrayNode restored = n.putArray("restored");
            r.restored().forEach(restored::add);
        }
        return n;
    }

    /** A step's part of the journal line. */
    public static ObjectNode step(StepRecord s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.put("priority", s.priority().name());
        o.put("phase", s.phase().number());
        o.put("start_ms", s.startMs());
        o.put("duration_ms", s.durationMs());
        o.put("timeout_ms", s.timeoutMs());
        o.put("outcome", s.outcome().name());
        o.put("cause", s.cause() == null ? null : s.cause().label());
        o.put("fallback", s.fallback() == null ? null : s.fallback().label());
        o.put("error", s.error());
        o.put("abandoned", s.abandoned());
        if (s.ranOn() != null) {
            o.put("ran_on", s.ranOn());
        }
        if (s.attempt() > 1) {
            o.put("attempt", s.attempt()); // only when redelivered: a first attempt costs the line nothing
        }
        return o;
    }

    /** A tick record from its journal line. */
    public static TickRecord tickRecord(JsonNode n) {
        JsonNode c = n.path("counts");
        TickCounts counts = new TickCounts(c.path("critical").asInt(), c.path("important").asInt(),
                c.path("optional").asInt(), c.path("fallbacks").asInt(), c.path("skipped").asInt());
        Map<String, BreakerState> breakers = new TreeMap<>();
        n.path("breakers").fields().forEachRemaining(e -> breakers.put(e.getKey(),
                BreakerState.valueOf(e.getValue().asText().toUpperCase(Locale.ROOT))));
        List<StepRecord> steps = new ArrayList<>();
        for (JsonNode s : n.path("steps")) {
            steps.add(stepRecord(s));
        }
        List<String> restored = new ArrayList<>();
        n.path("restored").forEach(id -> restored.add(id.asText()));
        return new TickRecord(n.get("tick").asLong(), Instant.parse(n.get("started_at").asText()),
                n.path("duration_ms").asLong(), SystemMode.valueOf(n.get("mode").asText()),
                n.path("skipped").asBoolean(), textOrNull(n.get("skip_reason")), textOrNull(n.get("abort_reason")),
                counts, breakers, steps, n.path("critical_overrun_ms").asLong(), n.path("resumed").asBoolean(), restored,
                textOrNull(n.get("mode_reason")));
    }

    /** A step record from its part of the journal line. */
    public static StepRecord stepRecord(JsonNode s) {
        return new StepRecord(s.get("id").asText(), Priority.valueOf(s.get("priority").asText()),
                Phase.of(s.get("phase").asInt()), s.path("start_ms").asLong(), s.path("duration_ms").asLong(),
                s.path("timeout_ms").asLong(), StepOutcome.valueOf(s.get("outcome").asText()),
                enumOrNull(StepCause.class, s.get("cause")), enumOrNull(FallbackSource.class, s.get("fallback")),
                textOrNull(s.get("error")), s.path("abandoned").asBoolean(), textOrNull(s.get("ran_on")),
                Math.max(1, s.path("attempt").asInt(1)));
    }

    private static String textOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, JsonNode v) {
        return v == null || v.isNull() ? null : Enum.valueOf(type, v.asText().toUpperCase(Locale.ROOT));
    }
}
