package dev.tickguard.steps;

import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * What the built-in steps share: their fixed descriptors. Each subclass is one step of the design
 * note, stateless and so thread-safe.
 */
abstract class CognitiveStep implements Step {
    static final Logger LOG = Logger.getLogger("tickguard.steps");

    private final String id;
    private final Priority priority;
    private final Phase phase;
    private final int order;
    private final Duration timeout;

    CognitiveStep(String id, Priority priority, Phase phase, int order, int timeoutSeconds) {
        this.id = id;
        this.priority = priority;
        this.phase = phase;
        this.order = order;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Priority priority() {
        return priority;
    }

    @Override
    public final Phase phase() {
        return phase;
    }

    @Override
    public final int order() {
        return order;
    }

    @Override
    public final Duration timeout() {
        return timeout;
    }
}
