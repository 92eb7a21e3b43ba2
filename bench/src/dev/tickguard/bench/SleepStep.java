package dev.tickguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.StepContext;
import java.time.Duration;

/** A step that sleeps a fixed time: the work a bare control can do too. */
final class SleepStep extends BaseStep {
    private final long sleepMs;

    SleepStep(String id, Priority priority, Phase phase, int order, long sleepMs) {
        super(id, priority, phase, order, Duration.ofSeconds(10));
        this.sleepMs = sleepMs;
    }

    @Override
    public JsonNode run(StepContext context) throws Exception {
        if (sleepMs > 0) {
            Thread.sleep(sleepMs);
        }
        return IntNode.valueOf(order());
    }

    @Override
    public JsonNode safeDefault() {
        return IntNode.valueOf(-1);
    }
}
