package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.events.WorkerInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A worker's heartbeat: who it is and what it has done, published every {@code heartbeatMs} to the
 * heartbeat exchange; {@code receivedAt} is the agent's clock when it arrived.
 */
record WorkerHeartbeat(String name, String host, String version, String pool, Map<String, String> plugins,
                       List<String> steps, int concurrency, long inFlight, long done, long failed, long expired,
                       long heartbeatMs, boolean paused, Instant receivedAt) {

    /** Missed heartbeats after which a worker is gone. */
    static final int MISSED_TO_BE_GONE = 2;

    byte[] toBytes() {
        ObjectNode o = StepRequest.JSON.createObjectNode();
        o.put("name", name).put("host", host).put("version", version).put("pool", pool)
                .put("concurrency", concurrency).put("in_flight", inFlight).put("done", done).put("failed", failed)
                .put("expired", expired).put("heartbeat_ms", heartbeatMs).put("paused", paused);
        ObjectNode p = o.putObject("plugins");
        plugins.forEach(p::put);
        steps.forEach(o.putArray("steps")::add);
        try {
            return StepRequest.JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static WorkerHeartbeat parse(byte[] body, Instant receivedAt) {
        JsonNode o;
        try {
            o = StepRequest.JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("heartbeat is not JSON");
        }
        if (o == null || !o.path("name").isTextual()) {
            throw new IllegalArgumentException("heartbeat without a name");
        }
        Map<String, String> plugins = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("plugins").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            plugins.put(e.getKey(), e.getValue().asText());
        }
        List<String> steps = new ArrayList<>();
        o.path("steps").forEach(s -> steps.add(s.asText()));
        return new WorkerHeartbeat(o.get("name").asText(), o.path("host").asText("?"), o.path("version").asText("?"),
                o.path("pool").asText(RemoteNames.DEFAULT_POOL), plugins, steps, o.path("concurrency").asInt(1),
                o.path("in_flight").asLong(), o.path("done").asLong(), o.path("failed").asLong(),
                o.path("expired").asLong(), Math.max(1, o.path("heartbeat_ms").asLong(5_000)),
                o.path("paused").asBoolean(), receivedAt);
    }

    /** As the workers view shows it at {@code now}: gone once {@value #MISSED_TO_BE_GONE} heartbeats in a row are missing. */
    WorkerInfo info(Instant now, boolean stopped) {
        // Half an interval of slack: a heartbeat that is merely a little late is not a missed one.
        long silentMs = now.toEpochMilli() - receivedAt.toEpochMilli();
        boolean alive = silentMs <= MISSED_TO_BE_GONE * heartbeatMs + heartbeatMs / 2;
        return new WorkerInfo(name, host, version, pool, plugins, steps, concurrency, inFlight, done, failed, expired,
                receivedAt, heartbeatMs, alive, stopped);
    }
}
