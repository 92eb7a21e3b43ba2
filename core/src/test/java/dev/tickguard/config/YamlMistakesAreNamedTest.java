package dev.tickguard.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Regressions: YAML mistakes that were reported on the wrong line, or not at all. */
class YamlMistakesAreNamedTest {
    @Test
    void aTabInTheIndentationIsReportedOnItsOwnLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick:\n  limit_sec: 5\n\tinterval_sec: 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.yaml:3: not valid YAML: a tab character in the indentation (indent with spaces)");
    }

    @Test
    void aJavaTypeTagIsRefusedNotIgnored() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "ollama:\n  url: !!java.net.URL http://x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.yaml:2: url: the YAML tag '!!java.net.URL' is not allowed (write a plain value)");
    }

    @Test
    void aCustomTagIsRefusedToo() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick: {interval_sec: !secs 5}\n"))
                .hasMessageContaining("c.yaml:1: interval_sec: the YAML tag '!secs' is not allowed");
    }

    @Test
    void theCoreSchemasOwnTagsAreHarmless() throws Exception {
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.parse("c.yaml", "ollama: {model: !!str qwen}\n")
                .ollama().model()).isEqualTo("qwen");
    }

    @Test
    void aSectionGivenAsAPlainValueIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick: 5\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml:1: tick: must be a mapping of keys indented under it")
                .hasMessageContaining("got 5");
    }
}
