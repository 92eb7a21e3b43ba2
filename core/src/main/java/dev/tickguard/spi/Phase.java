package dev.tickguard.spi;

/**
 * When in a tick a step runs.
 */
public enum Phase {
    /** Phase 1: steps run one by one, in order; each sees the outputs of those before it. */
    SEQUENTIAL(1),
    /** Phase 2: steps run all at once, after phase 1, and see the outputs of phase 1. */
    PARALLEL(2);

    private final int number;

    Phase(int number) {
        this.number = number;
    }

    /** 1 for {@link #SEQUENTIAL}, 2 for {@link #PARALLEL}: the number used in config and the journal. */
    public int number() {
        return number;
    }

    /**
     * The phase with the given number.
     *
     * @throws IllegalArgumentException if {@code number} is neither 1 nor 2
     */
    public static Phase of(int number) {
        for (Phase p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("phase must be 1 (sequential) or 2 (parallel), not " + number);
    }
}
