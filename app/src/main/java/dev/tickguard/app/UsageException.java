package dev.tickguard.app;

/** A mistake on the command line or in the configuration: shown as one line, exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
