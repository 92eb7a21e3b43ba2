package dev.tickguard.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventBusTest {
    static TickEvent event(int i) {
        return new TickEvent.ModeChanged(Instant.EPOCH, SystemMode.NORMAL, SystemMode.DEGRADED, "e" + i);
    }

    @Test
    void aThrowingListenerIsCountedAndOthersStillReceiveEverything() {
        try (EventBus bus = new EventBus()) {
            List<String> got = new CopyOnWriteArrayList<>();
            bus.subscribe("bad", e -> {
                throw new IllegalStateException("listener bug");
            });
            bus.subscribe("good", e -> got.add(((TickEvent.ModeChanged) e).reason()));
            for (int i = 0; i < 5; i++) {
                bus.publish(event(i));
            }
            assertThat(bus.drain(Duration.ofSeconds(10))).isTrue();
            assertThat(got).containsExactly("e0", "e1", "e2", "e3", "e4");
            assertThat(bus.listenerFailures()).isEqualTo(5);
        }
    }

    @Test
    void aStuckListenerNeverBlocksThePublisherItsEventsAreDropped() throws Exception {
        try (EventBus bus = new EventBus()) {
            CountDownLatch stuck = new CountDownLatch(1);
            CountDownLatch unblock = new CountDownLatch(1);
            bus.subscribe("stuck", e -> {
                stuck.countDown();
                try {
                    unblock.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, 4);
            bus.publish(event(-1));
            assertThat(stuck.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                bus.publish(event(i)); // returns at once even though the listener is stuck
            }
            assertThat(bus.dropped()).isEqualTo(96); // the queue holds 4
            unblock.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> bus.drain(Duration.ofMillis(10)));
        }
    }
}
