package dev.tickguard.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, defect 8: the bus reports drained only when every listener has handled every event
 * (not while one still holds a batch), and closing it never interrupts a listener in the middle of
 * an event (the journal writes to an interruptible channel and would lose its file).
 */
class BusDrainsAndClosesWithoutLosingEventsTest {
    private static TickEvent notice(int i) {
        return new TickEvent.Notice(Instant.EPOCH, "test", "n" + i);
    }

    @Test
    void drainWaitsForTheEventInHandAndCloseDoesNotInterruptIt() throws Exception {
        EventBus bus = new EventBus();
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        List<String> handled = new CopyOnWriteArrayList<>();
        EventBus.Subscription sub = bus.subscribe("slow", e -> {
            inHand.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                interrupted.set(true);
            }
            interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
            handled.add(((TickEvent.Notice) e).message());
        });
        bus.publish(notice(0));
        bus.publish(notice(1));
        assertThat(inHand.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // Both events are out of the queue or in hand, none handled: not drained.
        assertThat(bus.drain(Duration.ofMillis(50))).isFalse();
        // Cancelling (what close does after its drain) while the listener is in the middle of an event.
        sub.cancel();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);
        assertThat(interrupted).isFalse();
        bus.close();
    }
}
