package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.config.AdaptiveSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, defect 4: once a step's latency rises above factor x p95, its runs time out; those
 * timeouts feed back (a sample at the timeout, doubling per timeout in a row), so the timeout
 * relaxes to the configured one and the step is not locked out.
 */
class TimeoutsFeedBackIntoAdaptiveTimeoutsTest {
    @Test
    void consecutiveTimeoutsRelaxTheTimeoutToTheConfiguredOne() {
        AdaptiveTimeouts a = new AdaptiveTimeouts(new AdaptiveSettings(true, 20, 100, 3.0, Duration.ofMillis(100)));
        Duration configured = Duration.ofSeconds(30);
        for (int i = 0; i < 20; i++) {
            a.recordSuccess("monologue", Duration.ofMillis(200).toNanos());
        }
        Duration adapted = a.timeoutFor("monologue", configured);
        assertThat(adapted).isEqualTo(Duration.ofMillis(600));

        // The model got slower (each run now needs 5 s): every run times out at the adapted timeout...
        Duration t = adapted;
        int timeouts = 0;
        while (t.compareTo(Duration.ofSeconds(5)) < 0) {
            a.recordTimeout("monologue", t.toNanos());
            t = a.timeoutFor("monologue", configured);
            timeouts++;
            assertThat(timeouts).as("timeouts before the step can finish again").isLessThanOrEqualTo(5);
        }
        // ...and then it succeeds; the timeout stays within the configured ceiling.
        assertThat(t).isLessThanOrEqualTo(configured);
        a.recordSuccess("monologue", Duration.ofSeconds(5).toNanos());
        assertThat(a.timeoutFor("monologue", configured)).isLessThanOrEqualTo(configured);

        for (int i = 0; i < 40; i++) {
            a.recordTimeout("other", Duration.ofMillis(100).toNanos());
        }
        assertThat(a.timeoutFor("other", configured)).isEqualTo(configured);
    }
}
