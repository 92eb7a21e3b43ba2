package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 18, launch to the first frame: the window's runtime is created after the window's first frame
 * is on screen ({@link BackgroundStart#afterFirstFrame}), not beside it, where on 2 cores it took the
 * CPU the toolkit and the starting frame needed. Still created if the frame never comes; never
 * created when the start is closed first (a signal, the window closed).
 */
class RuntimeCreatedAfterTheFirstFrameTest {
    private final AtomicInteger created = new AtomicInteger();

    private BackgroundStart.Creation counting() {
        return () -> {
            created.incrementAndGet();
            return null; // a stand-in: what is created does not matter here, only when
        };
    }

    @Test
    void theCreationWaitsForTheFirstFrameThenBegins() {
        BackgroundStart start = BackgroundStart.afterFirstFrame(counting(), Duration.ofMinutes(5));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> created.get() == 0);
        start.release();
        await().atMost(Duration.ofSeconds(10)).until(() -> created.get() == 1);
        assertThat(start.failure()).isNull();
    }

    @Test
    void aFrameThatNeverComesDelaysTheCreationOnlySoLong() {
        BackgroundStart start = BackgroundStart.afterFirstFrame(counting(), Duration.ofMillis(200));

        await().atMost(Duration.ofSeconds(10)).until(() -> created.get() == 1);
        assertThat(start.failure()).isNull();
    }

    @Test
    void aStartClosedBeforeTheFrameCreatesNothingAndClosesAtOnce() {
        BackgroundStart start = BackgroundStart.afterFirstFrame(counting(), Duration.ofMinutes(5));

        start.close(); // would wait 5 minutes if the creation still waited for the frame
        start.release();

        assertThat(start.failure()).isNull();
        assertThat(start.await()).isNull();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> created.get() == 0);
    }
}
