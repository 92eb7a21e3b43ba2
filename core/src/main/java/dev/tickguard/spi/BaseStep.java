package dev.tickguard.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A convenient base for steps: holds the five descriptors given to its constructor, so a subclass
 * writes only {@link #run} and {@link #safeDefault} (and, if it has one, {@link #fallback}).
 * Immutable, so thread-safe as long as the subclass keeps no mutable state.
 */
public abstract class BaseStep implements Step {
    private final String id;
    private final Priority priority;
    private final Phase phase;
    private final int order;
    private final Duration timeout;

    /**
     * @param id the step id, lower-case letters, digits and '_'
     * @param priority how much the step matters
     * @param phase sequential (1) or parallel (2)
     * @param order position within the phase
     * @param timeout the default timeout, positive
     * @throws IllegalArgumentException if the id is malformed or the timeout is not positive
     */
    protected BaseStep(String id, Priority priority, Phase phase, int order, Duration timeout) {
        if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("step id must be lower-case letters, digits and '_', got '" + id + "'");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout of step '" + id + "' must be positive, got " + timeout);
        }
        this.id = id;
        this.priority = Objects.requireNonNull(priority, "priority");
        this.phase = Objects.requireNonNull(phase, "phase");
        this.order = order;
        this.timeout = timeout;
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
