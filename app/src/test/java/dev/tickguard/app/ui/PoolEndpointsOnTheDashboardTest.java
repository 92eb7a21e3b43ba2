package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.OllamaEndpointStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 item 4: one big tile per Ollama endpoint (its chat breaker's, with in flight, latency and
 * loaded models; its embed breaker a compact row), its calls on its own sparkline, and the
 * timeline's tooltip naming the endpoints that served a step's calls.
 */
class PoolEndpointsOnTheDashboardTest {

    @Test
    void eachEndpointHasATileWithItsServerFigures() {
        FakeControl control = new FakeControl();
        control.snapshot = FakeControl.snapshot(1, List.of(
                FakeControl.breaker("ollama:gpu1:chat", BreakerState.OPEN, BreakerMode.AUTO),
                FakeControl.breaker("ollama:gpu1:embed", BreakerState.CLOSED, BreakerMode.AUTO),
                FakeControl.breaker("ollama:gpu2:chat", BreakerState.CLOSED, BreakerMode.AUTO)), List.of(), List.of(),
                List.of());
        control.endpoints = List.of(
                new OllamaEndpointStatus("gpu1", "http://gpu1:11434", "ollama:gpu1:chat", BreakerState.OPEN, 0, List.of(),
                        -1, -1, 42_000, 3, 3, false,
                        "cannot connect to http://gpu1:11434: Failed to connect to gpu1/10.0.0.1:11434", "down"),
                new OllamaEndpointStatus("gpu2", "http://gpu2:11434", "ollama:gpu2:chat", BreakerState.CLOSED, 2,
                        List.of("llama3.2"), 640, 1900, 0, 10, 0, true, "ok", "none"));
        BreakersViewModel vm = new BreakersViewModel(control, 60_000);

        vm.load(control.snapshot(), Instant.EPOCH);

        assertThat(vm.llmTiles()).extracting(BreakerTileViewModel::name).containsExactly("ollama:gpu1:chat", "ollama:gpu2:chat");
        assertThat(vm.stepTiles()).extracting(BreakerTileViewModel::name).containsExactly("ollama:gpu1:embed");
        assertThat(vm.find("ollama:gpu2:chat").endpointTextProperty().get())
                .isEqualTo("2 in flight · p50 640 ms, p95 1.9 s\nloaded: llama3.2");
        assertThat(vm.find("ollama:gpu1:chat").endpointTextProperty().get())
                .isEqualTo("0 in flight · no calls yet\nloaded: none\ncheck failing: cannot connect\nchaos: down");
        assertThat(vm.find("ollama:gpu1:chat").countdownTextProperty().get()).isNotEmpty();

        vm.apply(new TickEvent.LlmCall(Instant.EPOCH, "chat", "llama3.2", 500, true, null, false, 0, -1, "gpu2",
                List.of("gpu1"), "monologue", 3));
        vm.endBatch();
        assertThat(vm.find("ollama:gpu2:chat").sparkVersionProperty().get()).as("its own sparkline moved").isEqualTo(1);
        assertThat(vm.find("ollama:gpu1:chat").sparkVersionProperty().get()).isZero();
    }

    @Test
    void theTimelineSaysWhichEndpointsServedAStep() {
        TimelineViewModel vm = new TimelineViewModel();
        vm.apply(new TickEvent.LlmCall(Instant.EPOCH, "chat", "llama3.2", 500, true, null, false, 0, -1, "gpu2",
                List.of("gpu1"), "monologue", 3));
        vm.apply(new TickEvent.LlmCall(Instant.EPOCH, "chat", "llama3.2", 500, true, null, false, 0, -1, "gpu2",
                List.of(), "monologue", 3));
        vm.apply(new TickEvent.LlmCall(Instant.EPOCH, "chat", "llama3.2", 500, true, null, false, 0, -1, "gpu2",
                List.of(), "monologue", 3));

        assertThat(vm.servedBy(3, "monologue")).isEqualTo("LLM: gpu2 (after gpu1), gpu2 ×2");
        assertThat(vm.servedBy(3, "action")).isEmpty();
        assertThat(vm.servedBy(4, "monologue")).isEmpty();
    }
}
