package dev.tickguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChaosSpecTest {
    @Test
    void parsesEveryForm() {
        assertThat(ChaosSpec.parse("force-open:step:monologue")).isEqualTo(
                new ChaosSpec(ChaosSpec.Kind.FORCE_OPEN, "step:monologue", 0, 0));
        assertThat(ChaosSpec.parse("fail:action").target()).isEqualTo("action");
        assertThat(ChaosSpec.parse("hang:goal_selection").kind()).isEqualTo(ChaosSpec.Kind.HANG);
        assertThat(ChaosSpec.parse("slow:curiosity=250")).isEqualTo(new ChaosSpec(ChaosSpec.Kind.SLOW, "curiosity", 250, 250));
        assertThat(ChaosSpec.parse("ollama-latency:100-900")).isEqualTo(
                new ChaosSpec(ChaosSpec.Kind.OLLAMA_LATENCY, null, 100, 900));
        assertThat(ChaosSpec.parse("ollama-fail-rate:0.3").low()).isEqualTo(0.3);
        assertThat(ChaosSpec.parse("ollama-down").kind()).isEqualTo(ChaosSpec.Kind.OLLAMA_DOWN);
        assertThat(ChaosSpec.parse("slow:curiosity=250").toString()).isEqualTo("slow:curiosity=250");
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> ChaosSpec.parse("explode:monologue"))
                .hasMessageStartingWith("--chaos explode:monologue: unknown chaos 'explode'");
        assertThatThrownBy(() -> ChaosSpec.parse("slow:curiosity")).hasMessageContaining("expected slow:<step>=<ms>");
        assertThatThrownBy(() -> ChaosSpec.parse("slow:curiosity=fast")).hasMessageContaining("'fast' is not a whole number");
        assertThatThrownBy(() -> ChaosSpec.parse("ollama-fail-rate:2")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> ChaosSpec.parse("fail:Bad-Id")).hasMessageContaining("not a step id");
        assertThatThrownBy(() -> ChaosSpec.parse("ollama-latency:900-100")).hasMessageContaining("ends below its start");
    }
}
