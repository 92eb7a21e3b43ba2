package dev.tickguard.spi;

/**
 * A failed LLM call: the model is unreachable, answered with an error, answered something
 * unusable, or its breaker is open. A step usually lets it propagate so that its fallback is used.
 */
public class LlmException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether trying again later could help. */
    private final boolean transientFailure;
    /** The breaker that refused the call without sending it, or {@code null}. */
    private final String refusedBy;

    /**
     * @param message what went wrong, for the log
     * @param transientFailure true if a later retry could succeed (connection refused, busy, 5xx)
     * @param cause the underlying exception, or {@code null}
     */
    public LlmException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.refusedBy = null;
    }

    private LlmException(String message, String refusedBy) {
        super(message);
        this.transientFailure = true;
        this.refusedBy = refusedBy;
    }

    /**
     * A call its breaker refused without sending it (open, or forced open by chaos).
     *
     * @param breaker the breaker's name, e.g. {@code ollama:chat}
     * @since SPI 1.1 (Tickguard's engine sets it; a step only reads it)
     */
    public static LlmException refused(String breaker, String message) {
        return new LlmException(message, breaker);
    }

    /** A permanent failure (e.g. a missing model, a bad request). */
    public LlmException(String message) {
        this(message, false, null);
    }

    /** True if trying again later could succeed. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The breaker that refused the call without sending it, if that is why it failed. */
    public java.util.Optional<String> refusedBy() {
        return java.util.Optional.ofNullable(refusedBy);
    }
}
