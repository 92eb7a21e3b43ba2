package dev.tickguard.steps;

/** The model answered, but not what the step asked for: a step failure, so its fallback is used. */
final class InvalidAnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidAnswerException(String message) {
        super(message);
    }
}
