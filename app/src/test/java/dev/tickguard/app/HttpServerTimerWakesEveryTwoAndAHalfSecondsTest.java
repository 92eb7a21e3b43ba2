package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 18 (idle wake-ups): the JDK HTTP server's request/response timer (the simulator's, and
 * {@code /metrics}'s) woke every second by default; it now looks every 2.5 s, and a value given on the
 * command line still wins. {@code MetricsServerSurvivesBadClientsTest} shows half-open clients are
 * still cut off.
 */
class HttpServerTimerWakesEveryTwoAndAHalfSecondsTest {
    private static final String KEY = "sun.net.httpserver.timerMillis";

    @Test
    void theLimitsSetTheTimerUnlessTheUserDid() {
        String before = System.getProperty(KEY);
        try {
            System.clearProperty(KEY);
            HttpServerLimits.apply();
            assertThat(System.getProperty(KEY)).isEqualTo("2500");
            System.setProperty(KEY, "700");
            HttpServerLimits.apply();
            assertThat(System.getProperty(KEY)).isEqualTo("700");
        } finally {
            if (before == null) {
                System.clearProperty(KEY);
            } else {
                System.setProperty(KEY, before);
            }
        }
    }
}
