package dev.tickguard.events;

import java.util.Objects;

/**
 * An event with its sequence number: the envelope in which the event bus hands events to
 * sequenced listeners and the control API hands them to front ends.
 *
 * <p>Sequence numbers are assigned when the bus publishes an event: the first event of a bus
 * is 1, each next one is exactly one more, and every listener receives events in that order. The
 * event records themselves carry no number, so they stay plain values that anyone can create (a
 * test, a replay); the number belongs to the publication, not to the event. Immutable.
 *
 * @param seq the event's position in the bus's publication order (from 1; 0 for history entries
 *            reloaded from disk, which were published by an earlier process)
 * @param event the event
 * @param <E> the event type, e.g. {@code Sequenced<TickEvent.LlmCall>} in a history
 */
public record Sequenced<E extends TickEvent>(long seq, E event) {
    public Sequenced {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, not " + seq);
        }
        Objects.requireNonNull(event, "event");
    }
}
