package dev.tickguard.remote;

/**
 * What a remote step needs from the engine's step context beyond the SPI: when the run's deadline
 * is (the engine sets it when it arms the run), and where to say the run went (the step's record
 * carries it to the journal and the timeline). Implemented by the engine's context.
 */
public interface RemoteRun {
    /** The run's deadline on the {@link System#nanoTime()} scale, or {@link Long#MAX_VALUE} if not armed. */
    long deadlineNanos();

    /** Records where the run ran, e.g. {@code "worker w1 on gpu-box"}. */
    void ranOn(String where);

    /** Records which delivery of the step's message the result came from (1, or more after a redelivery). */
    default void attempt(int attempt) {
    }
}
