package dev.tickguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One setting, one name: the keys the loader accepts are the keys a config flattens to. */
class ConfigKeysTest {
    /** A file that sets every key the loader knows, each to a value other than its default. */
    private static final String EVERY_KEY = """
            tick:
              interval_sec: 5
              limit_sec: 30.5
              abandon_grace_sec: 0.25
            budgets:
              critical_sec: 10
              important_sec: 4
              optional_sec: 1
            breaker:
              failure_threshold: 5
              delay_sec: 20
              success_threshold: 2
            cache:
              max_age_sec: 60
            adaptive:
              enabled: false
              min_samples: 10
              window: 50
              factor: 2.5
              min_timeout_sec: 0.5
            health:
              interval_sec: 10
              llm_latency_degraded_sec: 7
              heap_emergency_percent: 90
              disk_min_free_mb: 128
              recovery_checks: 3
              critical_fallback_ticks: 4
            ollama:
              url: http://gpu-box:11434
              model: qwen2.5
              embed_model: mxbai-embed-large
              connect_timeout_sec: 2
              read_timeout_sec: 100
              max_retries: 1
              rate_limit_per_sec: 5
              keep_alive: 10m
            metrics:
              port: 9464
              host: 0.0.0.0
            plugins:
              trust: pinned
              approved: [%s]
              disabled: [noisy]
              quarantine_after: 2
              hook_timeout_sec: 3
            logging:
              level: DEBUG
            data_dir: /tmp/tg-data
            plugins_dir: /tmp/tg-plugins
            steps:
              monologue:
                timeout_sec: 12
                priority: IMPORTANT
                enabled: false
                settings: {greeting: hello}
                run_on: remote
            remote:
              broker: amqp://tg:secret@broker.lan:5672/agents
              delivery_limit: 5
            """.formatted("a".repeat(64));

    @Test
    void everyKeyTheLoaderAcceptsIsAKeyOfTheFlattenedConfig() throws Exception {
        Map<String, String> flat = ConfigKeys.flatten(ConfigLoader.parse("config.yaml", EVERY_KEY));
        List<String> accepted = ConfigLoader.keys().stream().map(k -> k.replace("<id>", "monologue")).toList();

        assertThat(flat.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
    }

    @Test
    void theDefaultsNameEveryKeyButTheSparseStepOverrides() {
        List<String> accepted = ConfigLoader.keys().stream().filter(k -> !k.startsWith("steps.")).toList();

        assertThat(ConfigKeys.flatten(TickguardConfig.defaults()).keySet()).containsExactlyElementsOf(accepted);
    }

    @Test
    void valuesAreWrittenAsTheFileWritesThem() throws Exception {
        Map<String, String> flat = ConfigKeys.flatten(ConfigLoader.parse("config.yaml", EVERY_KEY));

        assertThat(flat).containsEntry("tick.limit_sec", "30.5").containsEntry("tick.abandon_grace_sec", "0.25")
                .containsEntry("ollama.model", "qwen2.5").containsEntry("plugins.trust", "pinned")
                .containsEntry("steps.monologue.timeout_sec", "12").containsEntry("plugins.disabled", "[noisy]");
        assertThat(ConfigKeys.flatten(TickguardConfig.defaults())).containsEntry("metrics.port", "off")
                .containsEntry("tick.interval_sec", "60");
    }

    @Test
    void theBrokersPasswordIsNeverShown() throws Exception {
        Map<String, String> flat = ConfigKeys.flatten(ConfigLoader.parse("config.yaml", EVERY_KEY));

        assertThat(flat).containsEntry("remote.broker", "amqp://tg:***@broker.lan:5672/agents")
                .containsEntry("steps.monologue.run_on", "remote");
        assertThat(flat.values()).noneMatch(v -> v.contains("secret"));
    }

    @Test
    void theFlattenedConfigWrittenBackAsYamlReadsAsTheSameConfig() throws Exception {
        TickguardConfig c = ConfigLoader.parse("config.yaml", EVERY_KEY);
        YAMLMapper yaml = new YAMLMapper();
        ObjectNode tree = yaml.createObjectNode();
        for (Map.Entry<String, String> e : ConfigKeys.flatten(c).entrySet()) {
            String[] parts = e.getKey().split("\\.");
            ObjectNode section = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                section = section.has(parts[i]) ? (ObjectNode) section.get(parts[i]) : section.putObject(parts[i]);
            }
            section.set(parts[parts.length - 1], yaml.readTree(e.getValue()));
        }

        TickguardConfig again = ConfigLoader.parse("again.yaml", yaml.writeValueAsString(tree));

        assertThat(ConfigKeys.flatten(again)).isEqualTo(ConfigKeys.flatten(c));
        assertThat(again.tick()).isEqualTo(c.tick());
        assertThat(again.ollama()).isEqualTo(c.ollama());
        assertThat(again.steps()).isEqualTo(c.steps());
    }
}
