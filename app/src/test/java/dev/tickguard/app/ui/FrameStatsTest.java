package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Frame statistics: p99 over all kept pulses and over the newest ones, the worst gap, reset. */
class FrameStatsTest {
    @Test
    void recentFiguresForgetAnOldStall() {
        FrameStats f = new FrameStats();
        f.pulse(900_000_000, 1_000_000, 1); // a 900 ms start-up stall
        for (int i = 0; i < 400; i++) {
            f.pulse(16_000_000, 200_000, 3);
        }
        assertThat(f.maxPulseMs()).isEqualTo(900);
        assertThat(f.pulseP99Ms()).isEqualTo(16);
        assertThat(f.recentPulseP99Ms(300)).isEqualTo(16);
        assertThat(f.recentWorkP99Ms(300)).isEqualTo(0.2);
        assertThat(f.pulses()).isEqualTo(401);
        f.pulse(0, 0, 0); // the first pulse has no interval: ignored
        assertThat(f.pulses()).isEqualTo(401);
        f.reset();
        assertThat(f.pulses()).isZero();
        assertThat(f.pulseP99Ms()).isZero();
    }

    @Test
    void p99OfTheNewestPulsesSeesARecentStall() {
        FrameStats f = new FrameStats();
        for (int i = 0; i < 5000; i++) {
            f.pulse(16_000_000, 0, 0);
        }
        for (int i = 0; i < 10; i++) {
            f.pulse(120_000_000, 0, 0);
        }
        assertThat(f.recentPulseP99Ms(300)).isEqualTo(120);
    }
}
