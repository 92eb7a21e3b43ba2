package dev.tickguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.spi.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheNotesNumbers() throws Exception {
        TickguardConfig c = ConfigLoader.parse("config.yaml", "");
        assertThat(c.tick().interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.tick().limit()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.budgets().of(Priority.CRITICAL)).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.budgets().of(Priority.IMPORTANT)).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.budgets().of(Priority.OPTIONAL)).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.breaker()).isEqualTo(new BreakerSettings(3, Duration.ofSeconds(60), 1));
        assertThat(c.cache().maxAge()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.health().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.health().llmLatencyDegraded()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.adaptive().minSamples()).isEqualTo(20);
        assertThat(c.logging().level()).isEqualTo(LogLevel.INFO);
    }

    @Test
    void readsEveryKindOfKey() throws Exception {
        Path f = dir.resolve("config.yaml");
        Files.writeString(f, """
                tick:
                  interval_sec: 5
                  limit_sec: 30.5
                budgets:
                  optional_sec: 1
                breaker:
                  failure_threshold: 5
                  delay_sec: 10
                adaptive:
                  enabled: false
                logging:
                  level: debug
                data_dir: %s
                steps:
                  goal_selection:
                    timeout_sec: 2
                    priority: IMPORTANT
                  curiosity:
                    enabled: false
                ollama:
                  url: http://127.0.0.1:9999
                  model: qwen2.5
                """.formatted(dir.resolve("data")));
        TickguardConfig c = ConfigLoader.load(f);
        assertThat(c.tick().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.tick().limit()).isEqualTo(Duration.ofMillis(30_500));
        assertThat(c.budgets().of(Priority.OPTIONAL)).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.breaker().failureThreshold()).isEqualTo(5);
        assertThat(c.adaptive().enabled()).isFalse();
        assertThat(c.logging().level()).isEqualTo(LogLevel.DEBUG);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.pluginsDir()).isEqualTo(dir.resolve("data").resolve("plugins"));
        assertThat(c.step("goal_selection").timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.step("goal_selection").priority()).isEqualTo(Priority.IMPORTANT);
        assertThat(c.step("curiosity").isEnabled()).isFalse();
        assertThat(c.step("monologue")).isEqualTo(StepOverride.NONE);
        assertThat(c.ollama().url()).isEqualTo("http://127.0.0.1:9999");
        assertThat(c.ollama().model()).isEqualTo("qwen2.5");
    }

    @Test
    void badValueNamesFileLineAndKey() {
        assertThatThrownBy(() -> ConfigLoader.parse("my.yaml", """
                tick:
                  interval_sec: 60
                  limit_sec: soon
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("my.yaml:3: tick.limit_sec: must be a number of seconds, got 'soon'");
    }

    @Test
    void everyProblemIsReported() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", """
                breaker:
                  failure_threshold: 0
                tikc:
                  interval_sec: 1
                steps:
                  monologue:
                    timeout: 3
                    priority: urgent
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "c.yaml:2: breaker.failure_threshold: must be between 1 and 1000, got 0",
                        "c.yaml:3: tikc: unknown key",
                        "c.yaml:7: steps.monologue.timeout: unknown key (a step takes timeout_sec, priority, enabled, settings, run_on)",
                        "c.yaml:8: steps.monologue.priority: must be one of CRITICAL, IMPORTANT, OPTIONAL, got 'urgent'"));
    }

    @Test
    void brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick:\n  interval_sec: [1, 2\nbudgets: {}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("c.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("nope.yaml: config file not found");
    }

    @Test
    void negativeIntervalIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick: {interval_sec: -1}"))
                .hasMessageContaining("c.yaml:1: tick.interval_sec: must be between 0 and 86400 seconds, got -1");
    }
}
