package dev.tickguard.engine;

import dev.tickguard.spi.LlmException;

/**
 * What a plugin's code threw, read once, on the thread that ran that code and under its deadline:
 * its class and message in words, and the LLM failure in its cause chain (if any). A plugin-made
 * {@link Throwable} is plugin code too: its {@code getMessage()}, {@code toString()} or
 * {@code getCause()} may block or throw. Reading it here, where a hang is an abandoned step (or
 * fallback call) like any other, means the tick's continuation, the journal and the log only ever
 * touch this engine-made copy, never the plugin's object. The original is kept only to hand back to
 * the step's own fallback code, which runs under a deadline too.
 *
 * <p>Immutable.
 */
final class ReadFailure extends StepRunner.PlainFailure {
    private static final long serialVersionUID = 1L;
    /** A cause chain is walked at most this deep (it may loop: a -> b -> a). */
    private static final int MAX_DEPTH = 32;

    private final transient Throwable original;
    private final String full;
    private final ReadFailure dependency;
    private final boolean refused;
    private final boolean llm;

    private ReadFailure(Throwable original, String simple, String full, ReadFailure dependency, boolean refused,
                        boolean llm) {
        super(simple);
        this.original = original;
        this.full = full;
        this.dependency = dependency;
        this.refused = refused;
        this.llm = llm;
    }

    /**
     * Reads {@code t}: call it on the thread that caught it, before its deadline is disarmed. Engine-made
     * failures (already in words) are returned as they are.
     */
    static Throwable of(Throwable t) {
        if (t == null || t instanceof StepRunner.PlainFailure || t instanceof StepAttempt.InvalidResultException) {
            return t;
        }
        try {
            return read(t);
        } catch (Throwable unreadable) { // e.g. refusedBy() of a plugin's own LlmException throwing
            String what = t.getClass().getSimpleName() + " (it could not be read: "
                    + unreadable.getClass().getSimpleName() + ")";
            return new ReadFailure(t, what, t.getClass().getName() + what.substring(what.indexOf(' ')), null, false,
                    false);
        }
    }

    private static Throwable read(Throwable t) {
        ReadFailure dependency = null;
        Throwable c = t;
        for (int depth = 0; c != null && depth < MAX_DEPTH; depth++) {
            if (c instanceof LlmException l) {
                dependency = new ReadFailure(l, message(l), full(l), null, l.refusedBy().isPresent(), true);
                break;
            }
            Throwable next;
            try {
                next = c.getCause();
            } catch (RuntimeException | Error hostile) {
                next = null;
            }
            c = next == c ? null : next;
        }
        if (t instanceof LlmException) {
            return dependency; // the step passed the LLM's failure on as it was
        }
        String msg = message(t);
        return new ReadFailure(t, t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg), full(t), dependency,
                false, false);
    }

    private static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | Error hostile) { // a plugin's exception whose getMessage() throws
            return "(its message could not be read: " + hostile.getClass().getSimpleName() + ")";
        }
    }

    private static String full(Throwable t) {
        String msg = message(t);
        return t.getClass().getName() + (msg == null ? "" : ": " + msg);
    }

    /** What the plugin threw, to hand to its own fallback code only (never read on the engine's threads). */
    static Throwable original(Throwable failure) {
        return failure instanceof ReadFailure r ? r.original : failure;
    }

    /** The LLM failure this is or has in its cause chain, itself read; null if none. */
    ReadFailure dependency() {
        return llm ? this : dependency;
    }

    /** For an LLM failure: true if the LLM's breaker refused the call (it was not even tried). */
    boolean refused() {
        return refused;
    }

    /** Like {@link Throwable#toString()} of the original, as it read when caught. */
    @Override
    public String toString() {
        return full;
    }
}
