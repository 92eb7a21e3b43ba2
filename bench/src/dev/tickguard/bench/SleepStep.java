package dev.tickguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;

/** A step that sleeps a fixed time: the work a bare control can do too. */
final class SleepStep implements Step {
    private final String id;
    private final Priority priority;
    private final Phase phase;
    private final int order;
    private final long sleepMs;

    SleepStep(String id, Priority priority, Phase phase, int order, long sleepMs) {
        this.id = id;
        this.priority = priority;
        this.phase = phase;
        this.order = order;
        this.sleepMs = sleepMs;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Priority priority() {
        return priority;
    }

    @Override
    public Phase phase() {
        return phase;
    }

    @Override
    public int order() {
        return order;
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public JsonNode run(StepContext context) throws Exception {
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        return IntNode.valueOf(order);
    }

    @Override
    public JsonNode safeDefault() {
        return IntNode.valueOf(-1);
    }
}
