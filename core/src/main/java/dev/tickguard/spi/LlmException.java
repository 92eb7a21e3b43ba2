package dev.tickguard.spi;

/**
 * A failed LLM call: the model is unreachable, answered with an error, answered something
 * unusable, or its breaker is open. A step usually lets it propagate so that its fallback is used.
 */
public class LlmException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether trying again later could help. */
    private final boolean transientFailure;

    /**
     * @param message what went wrong, for the log
     * @param transientFailure true if a later retry could succeed (connection refused, busy, 5xx)
     * @param cause the underlying exception, or {@code null}
     */
    public LlmException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** A permanent failure (e.g. a missing model, a bad request). */
    public LlmException(String message) {
        this(message, false, null);
    }

    /** True if trying again later could succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
