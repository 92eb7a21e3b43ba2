package dev.tickguard.remote;

import dev.tickguard.spi.Step;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's hook for remote steps: wraps a step configured {@code run_on: remote} in a
 * {@link RemoteStep} on the agent's link, and remembers where recent runs ran. Thread-safe.
 */
public final class RemoteSteps {
    private static final int PLACEMENTS_KEPT = 4096;

    private volatile AgentLink link;
    private final Map<String, RemoteStep.Placement> placements = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RemoteStep.Placement> e) {
                    return size() > PLACEMENTS_KEPT;
                }
            });

    /** @param link the agent's broker link, or {@code null} if no broker is configured */
    public RemoteSteps(AgentLink link) {
        this.link = link;
    }

    /** No broker: a remote step fails at once (and falls back) saying so. */
    public static RemoteSteps none() {
        return new RemoteSteps(null);
    }

    /** The link, or empty without a broker. */
    public Optional<AgentLink> link() {
        return Optional.ofNullable(link);
    }

    /** The step sent to workers instead of run here. */
    public Step wrap(Step local) {
        return local instanceof RemoteStep ? local : new RemoteStep(local, () -> link, placements);
    }

    /** A step only workers have: the agent knows it from the config alone (see {@link RemoteOnlyStep}). */
    public Step remoteOnly(String stepId) {
        return wrap(new RemoteOnlyStep(stepId));
    }

    /** Where step {@code stepId} of tick {@code tick} ran, if it ran remotely (recent runs only). */
    public Optional<RemoteStep.Placement> placement(long tick, String stepId) {
        return Optional.ofNullable(placements.get(tick + "/" + stepId));
    }
}
