package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.BreakerState;
import dev.tickguard.events.OllamaEndpointStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression (seen at 1280x800 with --chaos ollama-down): the only server's tile repeated the failing
 * check and the chaos that the header and the chaos banner already say, and its Auto/Open/Closed
 * switch was pushed out of sight. A pool's tiles still say which server fails and why.
 */
class OneServersTileRepeatsNothingTest {
    private static final OllamaEndpointStatus DOWN = new OllamaEndpointStatus("default", "http://127.0.0.1:1",
            "ollama:chat", BreakerState.OPEN, 0, List.of(), 684, 837, 30_000, 3, 3, false,
            "Ollama at http://127.0.0.1:1 is cut off by the chaos fault ollama-down you set", "down");

    @Test
    void theOnlyServerShowsItsLoadNotWhatTheHeaderSays() {
        String words = BreakerTileViewModel.endpointWords(DOWN, true);
        assertThat(words).startsWith("0 in flight · p50").doesNotContain("check failing", "chaos:", "loaded:");
    }

    @Test
    void aPoolServerSaysWhyItFails() {
        assertThat(BreakerTileViewModel.endpointWords(DOWN, false)).contains("check failing", "chaos: down");
    }
}
