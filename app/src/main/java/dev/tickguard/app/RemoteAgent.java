package dev.tickguard.app;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.remote.AgentId;
import dev.tickguard.remote.AgentLink;
import dev.tickguard.remote.RemoteNames;
import dev.tickguard.remote.RemoteSteps;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.Memory;
import dev.tickguard.time.TimeSource;
import java.io.IOException;

/** The agent's side of remote step workers, wired from {@code remote.*}: a broker link, or none. */
final class RemoteAgent {
    /** Beyond the tick limit (the longest deadline any step can have): the pool queue's consumer timeout. */
    static final long CONSUMER_TIMEOUT_MARGIN_MS = 60_000;

    private RemoteAgent() {
    }

    /** Starts connecting to {@code remote.broker} (in the background) if it is set; steps fall back until it answers. */
    static RemoteSteps start(TickguardConfig config, BreakerRegistry breakers, Memory memory, EventBus bus,
                             TimeSource time) throws IOException {
        if (!config.remote().enabled()) {
            return RemoteSteps.none();
        }
        AgentLink link = new AgentLink(config.remote().broker(), AgentId.of(config.dataDir()),
                RemoteNames.DEFAULT_POOL, config.remote().deliveryLimit(),
                config.tick().limit().toMillis() + CONSUMER_TIMEOUT_MARGIN_MS, breakers.get(AgentLink.BREAKER), memory,
                bus, time);
        link.start();
        return new RemoteSteps(link);
    }
}
