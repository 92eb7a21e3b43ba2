package dev.tickguard.control;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.events.PluginInfo;
import java.util.List;

/**
 * Everything a front end shows, as of one event: the state after the event numbered {@link #seq()}
 * and before the next. A {@link ControlSubscription} opened with this snapshot delivers exactly the
 * events numbered {@code seq + 1}, {@code seq + 2}, ... Immutable.
 *
 * <p>What events change (engine state, breaker states and modes, chaos, LLM statistics, plugins,
 * histories) is exactly as of {@code seq}. Gauges no event reports (a breaker's time left until
 * half-open, its counts, a step's current timeout) are read when the snapshot is taken.
 *
 * @param seq the number of the last event the snapshot includes (0 before any)
 * @param engine the engine
 * @param breakers every breaker, by name
 * @param chaos the active faults, in the order they were added (forced-open breakers included)
 * @param llm statistics per LLM endpoint: {@code chat}, then {@code embed}
 * @param steps every step, in run order (disabled ones last)
 * @param plugins every source of steps, in load order
 * @param histories recent history for the views
 */
public record ControlSnapshot(long seq, EngineStatus engine, List<BreakerStatus> breakers, List<Chaos> chaos,
                              List<LlmEndpointStats> llm, List<StepInfo> steps, List<PluginInfo> plugins,
                              Histories histories) {
    public ControlSnapshot {
        breakers = List.copyOf(breakers);
        chaos = List.copyOf(chaos);
        llm = List.copyOf(llm);
        steps = List.copyOf(steps);
        plugins = List.copyOf(plugins);
    }
}
