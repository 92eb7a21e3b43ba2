package dev.tickguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21 item 1: {@code ollama.endpoints} and {@code ollama.strategy}, and their mistakes named. */
class OllamaEndpointsConfigTest {

    @Test
    void aListOfEndpointsIsThePool() throws Exception {
        TickguardConfig c = ConfigLoader.parse("c.yaml", """
                ollama:
                  strategy: ordered
                  endpoints:
                    - name: gpu1
                      url: http://gpu1:11434
                      weight: 3
                    - {name: cpu, url: "http://cpu:11434", models: [llama3.2:latest]}
                """);
        assertThat(c.ollama().strategy()).isEqualTo(OllamaStrategy.ORDERED);
        assertThat(c.ollama().pool()).containsExactly(
                new OllamaEndpointSettings("gpu1", "http://gpu1:11434", 3, List.of()),
                new OllamaEndpointSettings("cpu", "http://cpu:11434", 1, List.of("llama3.2:latest")));
        assertThat(c.ollama().pool().get(1).serves("llama3.2")).isTrue();
        assertThat(c.ollama().pool().get(1).serves("qwen2.5")).isFalse();
        assertThat(ConfigKeys.flatten(c)).containsEntry("ollama.strategy", "ordered")
                .hasEntrySatisfying("ollama.endpoints", v -> assertThat(v).contains("name: gpu1"));
    }

    @Test
    void theSingleUrlIsAPoolOfOneNamedDefault() throws Exception {
        TickguardConfig c = ConfigLoader.parse("c.yaml", "ollama:\n  url: http://box:11434\n");
        assertThat(c.ollama().pool()).containsExactly(
                new OllamaEndpointSettings("default", "http://box:11434", 1, List.of()));
        assertThat(c.ollama().strategy()).isEqualTo(OllamaStrategy.LEAST_BUSY);
    }

    @Test
    void mistakesNameTheEntryKeyAndValue() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", """
                ollama:
                  endpoints:
                    - name: GPU 1
                      url: ftp://x
                      weight: 0
                      colour: red
                    - name: b
                      url: http://b:1
                    - name: b
                      url: http://b:2
                      models: llama3.2
                    - just a text
                """)).isInstanceOf(ConfigException.class).satisfies(e -> assertThat(((ConfigException) e).problems())
                .anySatisfy(p -> assertThat(p).contains("ollama.endpoints[0].name must be a short name").contains("'GPU 1'"))
                .anySatisfy(p -> assertThat(p).contains("ollama.endpoints[0].url must be an http:// or https:// URL, got 'ftp://x'"))
                .anySatisfy(p -> assertThat(p).contains("ollama.endpoints[0].weight must be a whole number between 1 and 1000, got 0"))
                .anySatisfy(p -> assertThat(p).contains("ollama.endpoints[0].colour: unknown key"))
                .anySatisfy(p -> assertThat(p).contains("ollama.endpoints[2].name 'b' is used by an earlier endpoint"))
                .anySatisfy(p -> assertThat(p).contains("ollama.endpoints[2].models must be a list"))
                .anySatisfy(p -> assertThat(p).contains("ollama.endpoints[3] must be a mapping with name and url, got 'just a text'")));
    }

    @Test
    void urlAndEndpointsTogetherAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", """
                ollama:
                  url: http://a:1
                  endpoints: [{name: a, url: "http://a:1"}]
                """)).hasMessageContaining("c.yaml:3: ollama.endpoints: give either ollama.url (one server) or "
                + "ollama.endpoints (a pool), not both");
    }

    @Test
    void aMappingAndABadStrategyAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "ollama:\n  endpoints: {a: 1}\n  strategy: random\n"))
                .hasMessageContaining("ollama.endpoints: must be a list of endpoints")
                .hasMessageContaining("ollama.strategy: must be one of LEAST_BUSY, ORDERED, got 'random'");
    }
}
