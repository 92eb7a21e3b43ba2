package dev.tickguard.control;

/**
 * A snapshot and the events after it: what {@link TickguardControl#subscribe(ControlListener)}
 * returns. Events are delivered from the snapshot's {@code seq + 1} on, with no gap and no
 * duplicate, until {@link #close()} (or an overflow). Thread-safe.
 */
public interface ControlSubscription extends AutoCloseable {
    /** The most events a listener may lag behind before the subscription ends (see {@link ControlListener#onOverflow}). */
    int CAPACITY = 65_536;

    /** The state the events continue from. */
    ControlSnapshot snapshot();

    /** The seq of the last event delivered to the listener (the snapshot's seq before the first). */
    long lastDelivered();

    /** True until closed or overflowed. */
    boolean isOpen();

    /** Stops delivery; events queued but not delivered are discarded. Idempotent. */
    @Override
    void close();
}
