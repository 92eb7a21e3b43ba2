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
                .hasMessage("c.yaml:2: ollama.url: the YAML tag '!!java.net.URL' is not allowed (write a plain value)");
    }

    @Test
    void aCustomTagIsRefusedToo() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "tick: {interval_sec: !secs 5}\n"))
                .hasMessageContaining("c.yaml:1: tick.interval_sec: the YAML tag '!secs' is not allowed");
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

    /** Regression (hostile pass): "plugins.trust: pinned" at the top was accepted and ignored, running unapproved code. */
    @Test
    void aDottedKeyIsRefusedNotIgnored() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "logging: {level: INFO}\nplugins.trust: pinned\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("c.yaml:2: plugins.trust: unknown key: YAML does not read dots as nesting; write 'plugins:' "
                        + "and under it '  trust: ...'");
    }

    @Test
    void aStepsOwnSettingsMayHaveDotsInTheirKeys() throws Exception {
        org.assertj.core.api.Assertions.assertThat(ConfigLoader.parse("c.yaml",
                "steps: {monologue: {settings: {a.b: 1}}}\n").step("monologue").settings().has("a.b")).isTrue();
    }

    /** Regression (hostile pass): an alias silently became its name ("embed_model: *m" gave "m"). */
    @Test
    void anAliasIsRefused() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "ollama:\n  model: &m llama3.2\n  embed_model: *m\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml:3: ollama.embed_model: YAML anchors and aliases (&name, *name) are not supported");
    }

    /** Regression (hostile pass): --config /dev/zero ran out of memory, a FIFO hung the start. */
    @Test
    void aDeviceOrAHugeFileIsRefusedBeforeItIsRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path zero = java.nio.file.Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(zero));
        assertThatThrownBy(() -> ConfigLoader.load(zero)).isInstanceOf(ConfigException.class)
                .hasMessage("/dev/zero: is not a regular file (a device, pipe or socket), not a config file");
        java.nio.file.Path big = dir.resolve("big.yaml");
        java.nio.file.Files.write(big, new byte[(int) ConfigLoader.MAX_BYTES + 1]);
        assertThatThrownBy(() -> ConfigLoader.load(big)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("a config file is a few kB");
    }
}
