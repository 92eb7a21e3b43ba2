package dev.tickguard.engine;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;

/** Builds engines for tests: temp data folder, no default health checks, short breaker delay. */
final class Engines {
    private Engines() {
    }

    static TickguardConfig config(Path dataDir) {
        return TickguardConfig.defaults().withDataDir(dataDir)
                .with(new BreakerSettings(3, Duration.ofMillis(300), 1))
                // Tests of single failing critical steps must not trip the EMERGENCY rule.
                .with(new HealthSettings(Duration.ofSeconds(30), Duration.ofSeconds(15), 95, 0, 2, 2, 1000));
    }

    static TickEngine engine(TickguardConfig config, TimeSource time, FakeStep... steps) {
        TickEngineBuilder b = TickEngine.builder(config).time(time).bus(new EventBus()).withoutDefaultChecks();
        for (FakeStep s : steps) {
            b.step(s, "test");
        }
        return b.build();
    }
}
