package dev.tickguard.control;

import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;

/**
 * Receives the events of a {@link ControlSubscription}, one at a time, in sequence order, on the
 * subscription's own thread (never the engine's). Keep it quick; a front end hands the event to its
 * UI thread in batches.
 */
@FunctionalInterface
public interface ControlListener {

    /** The next event: its {@code seq()} is exactly one more than the previous one's. */
    void onEvent(Sequenced<TickEvent> event);

    /**
     * The listener fell so far behind ({@link ControlSubscription#CAPACITY} undelivered events) that
     * the subscription ended rather than skip events. Subscribe again to get a fresh snapshot.
     *
     * @param lastDelivered the seq of the last event this listener received
     */
    default void onOverflow(long lastDelivered) {
    }
}
