package dev.tickguard.steps;

import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import java.time.Duration;
import java.util.logging.Logger;

/** What the built-in steps share: fixed descriptors and the steps' logger. Stateless, so thread-safe. */
abstract class CognitiveStep extends BaseStep {
    static final Logger LOG = Logger.getLogger("tickguard.steps");

    CognitiveStep(String id, Priority priority, Phase phase, int order, int timeoutSeconds) {
        super(id, priority, phase, order, Duration.ofSeconds(timeoutSeconds));
    }
}
