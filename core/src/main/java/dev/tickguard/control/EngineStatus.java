package dev.tickguard.control;

import dev.tickguard.events.EngineState;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The engine as a front end shows it. Immutable.
 *
 * @param state where the engine is in its life
 * @param interval the time between tick starts
 * @param lastTick the number of the last finished or skipped tick (0 before the first)
 * @param runningTick the number of the tick running now, or 0
 * @param mode the system mode
 * @param modeReason why the system is in that mode
 * @param abandonedThreads step threads left behind by steps that ignored their deadline, still alive
 * @param eventsDropped events the bus dropped because a listener's queue was full (all listeners)
 */
public record EngineStatus(EngineState state, Duration interval, long lastTick, long runningTick, SystemMode mode,
                           String modeReason, int abandonedThreads, long eventsDropped) {
}
