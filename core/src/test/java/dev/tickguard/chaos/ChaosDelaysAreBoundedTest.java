package dev.tickguard.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.ollama.FaultInjector;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * {@code chaos add ollama-latency:9223372036854775807} used to be accepted and then add no latency at
 * all (the deadline in nanoseconds overflowed); {@code slow:x=0} or {@code ollama-fail-rate:0} were
 * listed and counted as active faults that did nothing. Delays are now 1 ms to a day, rates above 0,
 * and the injector's wait cannot overflow.
 */
class ChaosDelaysAreBoundedTest {
    @Test
    void delaysBeyondADayAreRefusedWithTheValue() {
        assertThatThrownBy(() -> Chaos.parse("ollama-latency:9223372036854775807"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 86400000 ms")
                .hasMessageContaining("9223372036854775807");
        assertThatThrownBy(() -> Chaos.parse("slow:monologue=86400001")).hasMessageContaining("at most 86400000 ms");
        assertThatThrownBy(() -> Chaos.parse("ollama-latency:5-99999999999")).hasMessageContaining("at most");
        assertThat(Chaos.parse("slow:monologue=86400000").low()).isEqualTo(Chaos.MAX_DELAY);
    }

    @Test
    void faultsThatWouldDoNothingAreRefused() {
        assertThatThrownBy(() -> Chaos.parse("slow:monologue=0")).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Chaos.parse("ollama-latency:0")).hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> Chaos.parse("ollama-fail-rate:0")).hasMessageContaining("rate above 0");
        assertThatThrownBy(() -> Chaos.parse("ollama-busy-rate:-0.0")).hasMessageContaining("rate above 0");
        assertThatThrownBy(() -> Chaos.parse("ollama-busy-rate:1e-400")).hasMessageContaining("rate above 0");
        assertThat(Chaos.parse("ollama-latency:0-1").high()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void aHugeInjectedLatencyHoldsTheCallInsteadOfVanishing() throws IOException {
        FaultInjector faults = new FaultInjector();
        faults.latency(Long.MAX_VALUE, Long.MAX_VALUE); // set directly, as a front end cannot any more
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{}"));
            OkHttpClient client = new OkHttpClient.Builder().addInterceptor(faults)
                    .callTimeout(300, TimeUnit.MILLISECONDS).build();
            // Held until the call's own timeout cancels it; before, the answer came back at once.
            assertThatThrownBy(() -> {
                try (Response r = client.newCall(new Request.Builder().url(server.url("/api/chat")).build()).execute()) {
                    r.body().string();
                }
            }).isInstanceOf(IOException.class);
            assertThat(server.getRequestCount()).isZero();
        }
    }
}
