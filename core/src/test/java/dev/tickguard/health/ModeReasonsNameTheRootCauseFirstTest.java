package dev.tickguard.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.ollama.OllamaClient;
import dev.tickguard.ollama.OllamaHealthCheck;
import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.spi.SystemMode;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 item 1: the mode's reason is a sentence naming the root cause first and what to do, never an
 * enum or a Java class name ("DEGRADED: breaker ollama:chat forced_open open", a raw IOException, and
 * "breaker step:goal_selection is open" with Ollama down, naming only the symptom).
 */
class ModeReasonsNameTheRootCauseFirstTest {
    /** The monitor on its own bus and breakers, on a manual clock. */
    private final HealthMonitorTest rig = new HealthMonitorTest();
    private final BreakerRegistry breakers = rig.breakers;
    private final HealthMonitor monitor = rig.monitor;

    @AfterEach
    void close() {
        rig.close();
    }

    private void open(String breaker) {
        Breaker b = breakers.get(breaker);
        for (int i = 0; i < 10 && !b.state().refusesCalls(); i++) {
            b.tryAcquirePermit();
            b.recordFailure();
        }
    }

    @Test
    void ollamaDownIsNamedWithItsUrlAndHowToStartItBeforeTheBreakersItOpened() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "http://127.0.0.1:" + port;
        try (OllamaClient probe = new OllamaClient(url, Duration.ofSeconds(2), Duration.ofSeconds(2), new FaultInjector())) {
            monitor.addCheck(new OllamaHealthCheck(probe, "llama3.2", Duration.ofSeconds(15)));
            open("ollama:chat");
            open("step:goal_selection");
            open("step:monologue");
            monitor.runChecks();
        }
        assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
        assertThat(monitor.reason()).startsWith("Ollama is not reachable at " + url + ": start it with `ollama serve`; "
                + "Ollama chat calls keep failing");
        assertThat(monitor.reason()).contains("2 steps keep failing: goal_selection, monologue");
        assertNoInternalWords(monitor.reason());
    }

    /** Regression: with chaos ollama-down on a running simulator the reason told the user to start Ollama. */
    @Test
    void ollamaCutOffByChaosNamesTheFaultNotOllamaServe() throws Exception {
        try (java.net.ServerSocket up = new java.net.ServerSocket(0)) {
            String url = "http://127.0.0.1:" + up.getLocalPort(); // something listens: only the fault cuts it off
            FaultInjector faults = new FaultInjector();
            faults.down(true);
            try (OllamaClient probe = new OllamaClient(url, Duration.ofSeconds(2), Duration.ofSeconds(2), faults)) {
                monitor.addCheck(new OllamaHealthCheck(probe, "llama3.2", Duration.ofSeconds(15)));
                monitor.runChecks();
            }
            assertThat(monitor.mode()).isEqualTo(SystemMode.DEGRADED);
            assertThat(monitor.reason()).startsWith("Ollama at " + url
                    + " is cut off by the chaos fault ollama-down you set: remove it to recover")
                    .doesNotContain("ollama serve");
            assertNoInternalWords(monitor.reason());
        }
    }

    @Test
    void aForcedBreakerComesFirstAndAHalfOpenOneReadsAsOpen() {
        open("step:goal_selection");
        breakers.get("ollama:embed").forceOpen();
        assertThat(monitor.reason()).isEqualTo("ollama:embed is forced open by you: set it to Auto to recover; "
                + "step goal_selection keeps failing: it uses its fallback (its errors are on the timeline)");
        assertNoInternalWords(monitor.reason());
    }

    @Test
    void aThrowingCheckIsNamedByItsMessageNotItsClass() {
        monitor.addCheck(HealthCheck.of("disk", true, () -> {
            throw new IllegalStateException("the data folder is gone");
        }));
        monitor.runChecks();
        assertThat(monitor.reason()).isEqualTo("disk: check failed: the data folder is gone");
    }

    @Test
    void recoveryQuotesTheSameSentences() {
        breakers.get("ollama:chat").forceOpen();
        breakers.get("ollama:chat").release();
        assertThat(monitor.mode()).isEqualTo(SystemMode.RECOVERY);
        assertThat(monitor.reason()).contains("ollama:chat is forced open by you");
        assertNoInternalWords(monitor.reason());
    }

    /**
     * Found taking the screenshots: on close, the interrupted Ollama check ("call to /api/tags cancelled")
     * turned the mode DEGRADED in the closing line. A check run cut short by the stop changes nothing.
     */
    @Test
    void aCheckRunCutShortByTheStopDoesNotChangeTheMode() throws Exception {
        monitor.addCheck(HealthCheck.of("ollama", false, () -> {
            Thread.currentThread().interrupt(); // what close() does to the health thread mid-check
            return HealthCheck.Reading.failing("the check of Ollama was cut short (Tickguard is stopping)");
        }));
        Thread t = new Thread(monitor::runChecks);
        t.start();
        t.join(30_000);
        assertThat(monitor.mode()).isEqualTo(SystemMode.NORMAL);
        assertThat(monitor.lastResults()).isEmpty();
    }

    static void assertNoInternalWords(String reason) {
        assertThat(reason).doesNotContainPattern("FORCED_OPEN|HALF_OPEN|forced_open|half_open|java\\.|Exception");
    }
}
