package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 (the window tells the truth), found by a hostile try: with the chaos fault ollama-down set, the
 * endpoint line told the user to "start it with `ollama serve`, or restart with --simulator", though the
 * simulator was running and the fault was the only cause. While a chaos fault cuts Ollama off, the line
 * names it and how to remove it; once it is removed, the usual advice comes back until a call answers.
 */
class EndpointLineNamesTheChaosFaultNotOllamaServeTest {
    private static final Instant T0 = Instant.parse("2026-12-07T15:00:00Z");

    @Test
    void theAdviceNamesTheChaosFaultWhileItIsSet() {
        AppInfo app = new AppInfo("http://127.0.0.1:11434", "llama3.2", true, Path.of("data"), Path.of("data/plugins"),
                true, Duration.ofSeconds(3600), List.of());
        HeaderViewModel header = new HeaderViewModel(new FakeControl(), app);
        Chaos down = Chaos.ollamaDown();
        header.apply(new TickEvent.ChaosChanged(T0, TickEvent.ChaosChanged.Action.ADDED, down, List.of(down)));
        header.apply(new TickEvent.LlmCall(T0.plusSeconds(1), "chat", "llama3.2", 3, false,
                "cannot connect to Ollama at http://127.0.0.1:11434"));
        assertThat(header.endpointTextProperty().get()).contains("NOT reachable")
                .contains("cut off by the chaos fault ollama-down you set: remove it, or Ctrl+K clears all chaos")
                .doesNotContain("ollama serve");
        assertThat(header.endpointHelpProperty().get()).contains("chaos fault ollama-down").doesNotContain("ollama serve");

        header.apply(new TickEvent.ChaosChanged(T0.plusSeconds(2), TickEvent.ChaosChanged.Action.CLEARED, null, List.of()));
        assertThat(header.endpointTextProperty().get()).contains("NOT reachable").contains("ollama serve")
                .doesNotContain("chaos fault");

        header.apply(new TickEvent.LlmCall(T0.plusSeconds(3), "chat", "llama3.2", 120, true, null));
        assertThat(header.endpointTextProperty().get()).contains("reachable, last chat call answered in 120 ms")
                .doesNotContain("ollama serve");
    }
}
