package dev.tickguard.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.events.StepRecord;

/**
 * A step's output in a tick (its own or a fallback's; {@code null} if it has none) and its record.
 */
record StepResult(JsonNode value, StepRecord record) {
}
