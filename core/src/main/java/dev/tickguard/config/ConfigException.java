package dev.tickguard.config;

import java.util.List;

/**
 * A configuration that cannot be used. Its message names the file, line and key of each problem,
 * one per line, and is meant to be shown to the user as it is (no stack trace).
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** @param problems one human-readable line per problem, e.g. {@code "config.yaml:4: tick.interval_sec: ..."} */
    public ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ConfigException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one line each. */
    public List<String> problems() {
        return problems;
    }
}
