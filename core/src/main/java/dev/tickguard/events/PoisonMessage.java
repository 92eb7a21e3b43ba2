package dev.tickguard.events;

import java.time.Instant;

/**
 * A step message the broker dead-lettered: no worker could finish it (each one died or gave it back
 * holding it) within the delivery limit, or a worker refused it as unreadable. Immutable.
 *
 * @param at when the agent learned of it
 * @param runKey the run it was for ({@code <agent>:<tick>/<step>}), or {@code "?"} if unreadable
 * @param step the step id, or {@code "?"}
 * @param reason the broker's reason ({@code delivery_limit}, {@code rejected}, {@code expired}) in words
 * @param deliveries how often it was delivered
 */
public record PoisonMessage(Instant at, String runKey, String step, String reason, long deliveries) {
}
