package dev.tickguard.ollama;

import java.io.IOException;

/**
 * A failed Ollama call, classified so that retry and the user's messages can tell the cases apart.
 */
public final class OllamaException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The server could not be reached (refused, unknown host, reset before an answer). */
        CONNECT(true),
        /** No bytes within the read timeout. Not retried: retrying would restart a cold model load. */
        TIMEOUT(false),
        /** 404: the model is not pulled. */
        MODEL_NOT_FOUND(false),
        /** 400 or another 4xx: the request is wrong. */
        BAD_REQUEST(false),
        /** 503: the server's queue is full. */
        BUSY(true),
        /** 500 or another 5xx: e.g. the model runner died. */
        SERVER_ERROR(true),
        /** An {@code {"error": ...}} line arrived after a stream started (status 200). */
        STREAM_ERROR(false),
        /** The stream ended without a {@code done:true} line. */
        STREAM_INCOMPLETE(true),
        /** The server answered something that is not the API's JSON. */
        MALFORMED(false),
        /** The caller gave up (interrupted or cancelled). */
        CANCELLED(false);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** True if trying again later could succeed. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    private final Kind kind;
    private final int status;

    public OllamaException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public OllamaException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 if there was no response. */
    public int status() {
        return status;
    }

    /**
     * The chaos fault that caused this failure ({@code "ollama-down"}), or null if a real one: the
     * fault injector says so in its message, so the user is told what they set, not to start Ollama.
     */
    public String chaos() {
        String m = getMessage();
        int at = m == null ? -1 : m.indexOf("(chaos: ");
        if (at < 0) {
            return null;
        }
        int end = m.indexOf(')', at);
        return end < 0 ? null : m.substring(at + "(chaos: ".length(), end);
    }
}
