package dev.tickguard.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Issue 18 (event storm): {@link TickLog#seconds} runs for every step started, on the window's FX thread
 * too, and was String.format plus a regex compiled per call. Now plain arithmetic: the words in the log
 * must stay exactly what they were (the values below are the old code's output).
 */
class TickLogSecondsTest {
    @Test
    void timeoutsReadAsTheyDidWithTheTrailingZerosCut() {
        long[] ms = {0, 1, 5, 10, 20, 99, 100, 120, 999, 1000, 1001, 1010, 1100, 2500, 30000, 123456, -1500, -20};
        String[] words = {"0s", "0.001s", "0.005s", "0.01s", "0.02s", "0.099s", "0.1s", "0.12s", "0.999s", "1s",
            "1.001s", "1.01s", "1.1s", "2.5s", "30s", "123.456s", "-1.5s", "-0.02s"};
        for (int i = 0; i < ms.length; i++) {
            assertThat(TickLog.seconds(ms[i])).as("%d ms", ms[i]).isEqualTo(words[i]);
        }
    }
}
