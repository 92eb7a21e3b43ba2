package dev.tickguard.remote;

/**
 * What a remote step needs from the engine's step context beyond the SPI: when the run's deadline
 * is (the engine sets it when it arms the run). Implemented by the engine's context.
 */
public interface RunDeadline {
    /** The run's deadline on the {@link System#nanoTime()} scale, or {@link Long#MAX_VALUE} if not armed. */
    long deadlineNanos();
}
