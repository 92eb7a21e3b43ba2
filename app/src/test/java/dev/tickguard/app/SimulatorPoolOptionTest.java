package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.config.OllamaEndpointSettings;
import dev.tickguard.config.TickguardConfig;
import org.junit.jupiter.api.Test;

/** Issue 21: {@code --simulator N} starts a pool of simulated servers; {@code --ollama} repeated is a pool. */
class SimulatorPoolOptionTest {

    @Test
    void simulatorTakesAnOptionalCount() throws Exception {
        assertThat(RunOptions.parse(new String[] {"--simulator", "3"}).simulators()).isEqualTo(3);
        RunOptions plain = RunOptions.parse(new String[] {"--simulator", "--headless"});
        assertThat(plain.simulators()).isEqualTo(1);
        assertThat(plain.simulator()).isTrue();
        assertThat(plain.headless()).isTrue();
        assertThat(RunOptions.parse(new String[] {"--headless"}).simulator()).isFalse();
    }

    @Test
    void aBadCountNamesTheOptionAndValue() {
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--simulator", "0"}))
                .hasMessage("--simulator: must be between 1 and 8 servers, got 0");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--simulator", "many"}))
                .hasMessage("--simulator: 'many' is not a whole number");
    }

    @Test
    void repeatedOllamaIsAPoolNamedByHost() throws Exception {
        RunOptions o = RunOptions.parse(new String[] {"--ollama", "http://gpu1:11434", "--ollama", "http://localhost:11434",
                "--ollama", "http://localhost:11435"});
        TickguardConfig c = TickguardRuntime.withCommandLine(TickguardConfig.defaults(), o);
        assertThat(c.ollama().pool()).extracting(OllamaEndpointSettings::name)
                .containsExactly("gpu1", "localhost", "localhost-11435");
        assertThatThrownBy(() -> RunOptions.parse(new String[] {"--ollama", "http://a:1", "--ollama", "ftp://b"}))
                .hasMessage("--ollama: 'ftp://b' is not an http:// or https:// URL");
    }

    @Test
    void oneOllamaIsStillTheSingleServer() throws Exception {
        TickguardConfig c = TickguardRuntime.withCommandLine(TickguardConfig.defaults(),
                RunOptions.parse(new String[] {"--ollama", "http://box:11434"}));
        assertThat(c.ollama().endpoints()).isEmpty();
        assertThat(c.ollama().url()).isEqualTo("http://box:11434");
    }
}
