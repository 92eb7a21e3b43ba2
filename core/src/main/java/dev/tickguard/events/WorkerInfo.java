package dev.tickguard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One remote step worker as the agent last heard of it (its heartbeat). Immutable.
 *
 * @param name the worker's name ({@code --name}, unique among the workers on a broker)
 * @param host the host it runs on
 * @param version its Tickguard version
 * @param pool the pool it serves
 * @param plugins the plugins it loaded: plugin id to version ({@code built-in} for the built-in steps)
 * @param steps the step ids it serves
 * @param concurrency how many steps it runs at once
 * @param inFlight steps it is running now
 * @param done steps it finished (a result or a failure sent back)
 * @param failed of those, the ones without a result (failed, timed out, not served)
 * @param expired messages it dropped unstarted because their deadline had passed
 * @param lastHeartbeat when its last heartbeat arrived (the agent's clock)
 * @param heartbeatMs how often it sends a heartbeat
 * @param alive false once 2 heartbeats in a row are missing (it is gone)
 * @param stopped true while the agent's chaos {@code worker-stop:<name>} keeps it from taking work
 */
public record WorkerInfo(String name, String host, String version, String pool, Map<String, String> plugins,
                         List<String> steps, int concurrency, long inFlight, long done, long failed, long expired,
                         Instant lastHeartbeat, long heartbeatMs, boolean alive, boolean stopped) {
    public WorkerInfo {
        plugins = Map.copyOf(plugins);
        steps = List.copyOf(steps);
    }
}
