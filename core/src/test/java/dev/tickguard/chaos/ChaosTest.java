package dev.tickguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChaosTest {
    @Test
    void parsesEveryFormAndPrintsItBack() {
        assertThat(Chaos.parse("force-open:step:monologue")).isEqualTo(Chaos.forceOpen("step:monologue"));
        assertThat(Chaos.parse("force-closed:ollama:chat")).isEqualTo(Chaos.forceClosed("ollama:chat"));
        assertThat(Chaos.parse("fail:action")).isEqualTo(Chaos.stepFail("action", Chaos.Trigger.ALWAYS));
        assertThat(Chaos.parse("hang:goal_selection").kind()).isEqualTo(Chaos.Kind.STEP_HANG);
        assertThat(Chaos.parse("slow:curiosity=250"))
                .isEqualTo(Chaos.stepSlow("curiosity", Duration.ofMillis(250), Chaos.Trigger.ALWAYS));
        assertThat(Chaos.parse("ollama-latency:100-900"))
                .isEqualTo(Chaos.ollamaLatency(Duration.ofMillis(100), Duration.ofMillis(900)));
        assertThat(Chaos.parse("ollama-fail-rate:0.3").rate()).isEqualTo(0.3);
        assertThat(Chaos.parse("ollama-busy-rate:0.5")).isEqualTo(Chaos.ollamaBusyRate(0.5));
        assertThat(Chaos.parse("fail:action,p=0.25").trigger()).isEqualTo(Chaos.Trigger.probability(0.25));
        assertThat(Chaos.parse("slow:action=10,every=3").trigger()).isEqualTo(Chaos.Trigger.everyNth(3));
        for (String s : new String[]{"fail:action", "fail:action,p=0.25", "hang:x,every=2", "slow:curiosity=250",
                "slow:a=1,every=4", "force-open:ollama:chat", "force-closed:step:action", "ollama-down", "ollama-latency:100", "ollama-latency:1-9",
                "ollama-fail-rate:0.3", "ollama-busy-rate:1.0", "ollama-malformed", "ollama-cut-stream", "ollama-hang"}) {
            assertThat(Chaos.parse(s).toString()).as(s).isEqualTo(s);
            assertThat(Chaos.parse(Chaos.parse(s).toString())).isEqualTo(Chaos.parse(s));
        }
    }

    @Test
    void keyIsKindAndTarget() {
        assertThat(Chaos.parse("slow:curiosity=250,p=0.5").key()).isEqualTo("slow:curiosity");
        assertThat(Chaos.parse("ollama-latency:5-10").key()).isEqualTo("ollama-latency");
        assertThat(Chaos.parse("force-open:ollama:chat").key()).isEqualTo("force-open:ollama:chat");
        assertThat(Chaos.forceClosed("ollama:chat").key()).isEqualTo("force-closed:ollama:chat");
    }

    @Test
    void everyNthFiresOnMultiplesOnly() {
        Chaos.Trigger t = Chaos.Trigger.everyNth(3);
        assertThat(t.fires(1, 0)).isFalse();
        assertThat(t.fires(3, 0)).isTrue();
        assertThat(Chaos.Trigger.probability(0.5).fires(1, 0.49)).isTrue();
        assertThat(Chaos.Trigger.probability(0.5).fires(1, 0.5)).isFalse();
        assertThat(Chaos.Trigger.parse("every=3")).isEqualTo(t);
        assertThat(Chaos.Trigger.parse("p=0.5")).isEqualTo(Chaos.Trigger.probability(0.5));
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> Chaos.parse("explode:monologue"))
                .hasMessageStartingWith("explode:monologue: unknown chaos 'explode'");
        assertThatThrownBy(() -> Chaos.parse("slow:curiosity")).hasMessageContaining("expected slow:<step>=<ms>");
        assertThatThrownBy(() -> Chaos.parse("slow:curiosity=fast")).hasMessageContaining("'fast' is not a whole number");
        assertThatThrownBy(() -> Chaos.parse("ollama-fail-rate:2")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> Chaos.parse("fail:Bad-Id")).hasMessageContaining("not a step id");
        assertThatThrownBy(() -> Chaos.parse("ollama-latency:900-100")).hasMessageContaining("ends below its start");
        assertThatThrownBy(() -> Chaos.parse("fail:x,p=0")).hasMessageContaining("probability must be in (0, 1]");
        assertThatThrownBy(() -> Chaos.parse("fail:x,often")).hasMessageContaining("is not a trigger");
        // An argument to ollama-down names a pool endpoint (issue 21): a name that cannot be one is refused.
        assertThatThrownBy(() -> Chaos.parse("ollama-down:Now!")).hasMessageContaining("is not an Ollama endpoint name");
        assertThatThrownBy(() -> Chaos.parse("force-closed:")).hasMessageContaining("expected force-closed:<breaker>");
        assertThatThrownBy(() -> Chaos.forceClosed("Not A Breaker")).hasMessageContaining("not a breaker name");
    }
}
