package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.memory.DbMemory;
import dev.tickguard.persist.Database;
import dev.tickguard.ollama.OllamaClient;
import dev.tickguard.app.simulator.OllamaSimulator;
import dev.tickguard.ollama.ResilientLlm;
import dev.tickguard.plugin.StepDiscovery;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twelve steps, found by ServiceLoader, run real ticks against the simulator. */
class BuiltInStepsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void twelveStepsSucceedAndRememberAcrossRestarts() throws Exception {
        TickguardConfig config = TickguardConfig.defaults().withDataDir(dir);
        try (OllamaSimulator sim = OllamaSimulator.start(OllamaSimulator.Settings.instant(1))) {
            for (int run = 0; run < 2; run++) {
                EventBus bus = new EventBus();
                BreakerRegistry breakers = new BreakerRegistry(BreakerSettings.defaults(), bus, TimeSource.system());
                OllamaClient client = new OllamaClient(sim.url(), Duration.ofSeconds(2), Duration.ofSeconds(10), null);
                ResilientLlm llm = new ResilientLlm(client, config.ollama().withUrl(sim.url()), breakers, bus,
                        TimeSource.system());
                try (TickEngine engine = TickEngine.builder(config).bus(bus).breakers(breakers).llm(llm)
                        .withoutDefaultChecks().steps(new StepDiscovery(bus, TimeSource.system()).builtIn()).build()) {
                    assertThat(engine.steps()).hasSize(12);
                    TickRecord r = engine.runTick();
                    assertThat(r.steps()).hasSize(12);
                    assertThat(r.steps()).allSatisfy(s -> assertThat(s.outcome())
                            .as(s.id() + ": " + s.error()).isEqualTo(StepOutcome.SUCCESS));
                    assertThat(r.steps().subList(0, 5)).extracting(StepRecord::id).containsExactly("monologue",
                            "semantic_context", "goal_selection", "action", "after_action");
                    assertThat(r.counts().critical()).isEqualTo(4);
                    assertThat(engine.cache().get("goal_selection").orElseThrow().value().get("action_type").asText())
                            .isIn("observe", "analyze", "write_note");
                } finally {
                    client.close();
                    bus.close();
                }
                if (run == 1) {
                    try (Database db = Database.open(dir)) {
                        DbMemory reopened = new DbMemory(db);
                        assertThat(reopened.recentEpisodes(10)).hasSize(2);
                        assertThat(reopened.vectorCount()).isEqualTo(2);
                    }
                }
            }
        }
        assertThat(Files.exists(dir.resolve("sandbox/action/README.md"))).isTrue();
    }
}
