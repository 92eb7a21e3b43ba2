package dev.tickguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 21 item 4: ollama-* faults aimed at one pool endpoint; the old forms still mean every endpoint. */
class ChaosPerEndpointTest {

    @Test
    void endpointFormsReadAndWriteBack() {
        for (String spec : new String[] {"ollama-down:gpu1", "ollama-latency:gpu1=100-900", "ollama-latency:cpu=50",
                "ollama-fail-rate:gpu-2=0.5", "ollama-busy-rate:b=0.25", "ollama-malformed:a", "ollama-cut-stream:a",
                "ollama-hang:a"}) {
            assertThat(Chaos.parse(spec).toString()).isEqualTo(spec);
        }
        Chaos c = Chaos.parse("ollama-latency:gpu1=100-900");
        assertThat(c.target()).isEqualTo("gpu1");
        assertThat(c.low()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.key()).isEqualTo("ollama-latency:gpu1");
    }

    @Test
    void theOldFormsStillMeanEveryEndpoint() {
        assertThat(Chaos.parse("ollama-down").target()).isNull();
        assertThat(Chaos.parse("ollama-latency:300").target()).isNull();
        assertThat(Chaos.parse("ollama-busy-rate:0.5").key()).isEqualTo("ollama-busy-rate");
        assertThat(Chaos.parse("ollama-down:a").key()).isNotEqualTo(Chaos.parse("ollama-down").key());
    }

    @Test
    void poolBreakersCanBeForced() {
        assertThat(Chaos.parse("force-open:ollama:gpu-1:chat").target()).isEqualTo("ollama:gpu-1:chat");
        assertThat(Chaos.parse("force-closed:ollama:2nd:embed").target()).isEqualTo("ollama:2nd:embed");
        assertThatThrownBy(() -> Chaos.parse("force-open:ollama:a:b:c")).hasMessageContaining("not a breaker name");
    }

    @Test
    void badEndpointSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> Chaos.parse("ollama-latency:gpu1=")).hasMessageContaining("is not a whole number");
        assertThatThrownBy(() -> Chaos.parse("ollama-fail-rate:GPU=0.5")).hasMessageContaining("not an Ollama endpoint name");
        assertThatThrownBy(() -> Chaos.parse("ollama-busy-rate:a=2")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Chaos.stepFail("x", null).onEndpoint("a")).hasMessageContaining("not aimed at");
    }
}
