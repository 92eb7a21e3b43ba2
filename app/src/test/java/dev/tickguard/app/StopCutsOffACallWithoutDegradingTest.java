package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: stopping (SIGTERM, Quit, the window closed) while a step waited on the LLM cut its call
 * off, the cut-off call was reported as "the LLM did not answer", and the run ended DEGRADED: in the
 * closing summary ("mode at the end: DEGRADED (the LLM did not answer within 1147 ms ...)"), in a
 * desktop notification and in the last mode change, though Ollama was fine. The stop is ours: the
 * mode stays what it was.
 */
class StopCutsOffACallWithoutDegradingTest {
    @TempDir
    Path dir;

    @Test
    void aCallCutOffByTheStopLeavesTheModeAsItWas() throws Exception {
        RunOptions cli = RunOptions.parse(new String[] {"--headless", "--simulator", "--interval", "0",
            "--data", dir.resolve("data").toString(), "--chaos", "ollama-latency:60000"});
        TickguardRuntime rt = TickguardRuntime.create(TickguardRuntime.configFrom(cli), cli);
        List<TickEvent.ModeChanged> modes = new CopyOnWriteArrayList<>();
        rt.bus.subscribe("test", e -> {
            if (e instanceof TickEvent.ModeChanged m) {
                modes.add(m);
            }
        });
        try {
            rt.control.start();
            // A chat call is in flight (the simulator holds it for a minute).
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    rt.control.ollamaEndpoints().stream().anyMatch(ep -> ep.inFlight() > 0));
            SystemMode before = rt.control.snapshot().engine().mode();
            assertThat(before).isEqualTo(SystemMode.NORMAL);
        } finally {
            rt.close();
        }
        rt.bus.drain(Duration.ofSeconds(10));
        assertThat(modes).as("mode changes after the stop").allSatisfy(m -> assertThat(m.to()).isEqualTo(SystemMode.NORMAL));
        assertThat(rt.control.snapshot().engine().mode()).isEqualTo(SystemMode.NORMAL);
    }
}
