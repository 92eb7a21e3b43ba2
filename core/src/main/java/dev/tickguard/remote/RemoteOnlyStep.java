package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;

/**
 * The agent's stand-in for a step that only workers have: {@code steps.<id>.run_on: remote} for an
 * id no local step provides. So a plugin that must not run in the agent at all (it may call
 * {@code System.exit}, leak threads or exhaust its heap) is installed on a worker only, and the agent
 * never loads its classes. Its descriptors come from the config: priority {@code steps.<id>.priority}
 * (default OPTIONAL), timeout {@code steps.<id>.timeout_sec} (default 10 s); it runs in phase 2 (it sees
 * every phase-1 output), and when the worker gives nothing its safe default is JSON {@code null}.
 */
final class RemoteOnlyStep implements Step {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private final String id;

    RemoteOnlyStep(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Priority priority() {
        return Priority.OPTIONAL;
    }

    @Override
    public Phase phase() {
        return Phase.PARALLEL;
    }

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public Duration timeout() {
        return DEFAULT_TIMEOUT;
    }

    @Override
    public JsonNode run(StepContext context) {
        throw new IllegalStateException("step '" + id + "' runs only on remote workers");
    }

    @Override
    public JsonNode safeDefault() {
        return NullNode.getInstance();
    }
}
