package dev.tickguard.events;

/** Where the tick engine is in its life, as front ends see it. */
public enum EngineState {
    /** Built, not started yet. */
    NEW,
    /** Ticks start every interval. */
    RUNNING,
    /** No tick starts until resumed (run-now requests still do). */
    PAUSED,
    /** Stopped for good. */
    STOPPED
}
