package dev.tickguard.control;

import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.util.List;

/**
 * What happened recently, for a view that opens late. Each list is bounded (oldest dropped first)
 * and ordered oldest first; every entry keeps its event's sequence number. Immutable.
 *
 * @param ticks the last {@link #TICKS} ticks; on start, filled from the journal of earlier runs. Each
 *              step result is capped (see {@code ResultJson}); past 16 Mi characters of results in
 *              all, the oldest ticks lose their results (their records stay)
 * @param llmCalls the last {@link #EVENTS} LLM calls
 * @param breakerTransitions the last {@link #EVENTS} breaker changes (including forcing and releasing)
 * @param modeChanges the last {@link #EVENTS} system mode changes
 * @param engineChanges the last {@link #EVENTS} engine state changes
 * @param chaosChanges the last {@link #EVENTS} chaos changes
 * @param pluginEvents every plugin load and load failure (the last {@link #EVENTS})
 * @param notices the last {@link #EVENTS} notices
 */
public record Histories(List<TickEntry> ticks,
                        List<Sequenced<TickEvent.LlmCall>> llmCalls,
                        List<Sequenced<TickEvent.BreakerChanged>> breakerTransitions,
                        List<Sequenced<TickEvent.ModeChanged>> modeChanges,
                        List<Sequenced<TickEvent.EngineStateChanged>> engineChanges,
                        List<Sequenced<TickEvent.ChaosChanged>> chaosChanges,
                        List<Sequenced<TickEvent>> pluginEvents,
                        List<Sequenced<TickEvent.Notice>> notices) {
    /** Ticks kept. */
    public static final int TICKS = 1_000;
    /** Entries kept in each of the other lists. */
    public static final int EVENTS = 500;

    public Histories {
        ticks = List.copyOf(ticks);
        llmCalls = List.copyOf(llmCalls);
        breakerTransitions = List.copyOf(breakerTransitions);
        modeChanges = List.copyOf(modeChanges);
        engineChanges = List.copyOf(engineChanges);
        chaosChanges = List.copyOf(chaosChanges);
        pluginEvents = List.copyOf(pluginEvents);
        notices = List.copyOf(notices);
    }
}
