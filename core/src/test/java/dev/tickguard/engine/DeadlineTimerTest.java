package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeadlineTimerTest {
    /** A deadline that ends when told to, or expires once. */
    static final class Armed implements DeadlineTimer.Watched {
        volatile long deadline;
        final CountDownLatch expired = new CountDownLatch(1);

        Armed(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public long expire(long now) {
            expired.countDown();
            deadline = Long.MAX_VALUE;
            return Long.MAX_VALUE;
        }
    }

    @Test
    void aDeadlineArmedAfterALaterOneStillWakesTheTimerInTime() throws Exception {
        try (DeadlineTimer timer = new DeadlineTimer("test-deadlines")) {
            Armed late = new Armed(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
            timer.watch(late);
            Armed soon = new Armed(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
            timer.watch(soon);
            assertThat(soon.expired.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(late.expired.getCount()).isEqualTo(1);
        }
    }

    /** Ended deadlines are never disarmed one by one: the timer must still drop them, so a fast loop stays small. */
    @Test
    void endedDeadlinesDoNotPileUp() {
        try (DeadlineTimer timer = new DeadlineTimer("test-deadlines")) {
            long far = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
            timer.watch(new Armed(far)); // the timer now plans to wake in an hour
            for (int i = 0; i < 10 * DeadlineTimer.PRUNE_EVERY; i++) {
                Armed a = new Armed(far + 1);
                timer.watch(a);
                a.deadline = Long.MAX_VALUE; // the step ended
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> timer.size() <= DeadlineTimer.PRUNE_EVERY + 1);
        }
    }
}
