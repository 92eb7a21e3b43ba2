package dev.tickguard.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A listener that throws on every event is counted every time but logged once (with its stack
 * trace), not once per event: found by the hostile pass on the control surface.
 */
class ThrowingListenerDoesNotFloodTheLogTest {
    @Test
    void everyFailureIsCountedButOnlyTheFirstIsLogged() {
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(EventBus.class.getName());
        log.addHandler(h);
        try (EventBus bus = new EventBus()) {
            bus.subscribe("broken", e -> {
                throw new IllegalStateException("always");
            });
            for (int i = 0; i < 200; i++) {
                bus.publish(new TickEvent.ModeChanged(Instant.EPOCH, SystemMode.NORMAL, SystemMode.DEGRADED, "x"));
            }
            assertThat(bus.drain(Duration.ofSeconds(30))).isTrue();
            await().until(() -> bus.listenerFailures() == 200);
            synchronized (h) {
                assertThat(records).hasSize(1);
                assertThat(records.get(0).getThrown()).isInstanceOf(IllegalStateException.class);
            }
        } finally {
            log.removeHandler(h);
        }
    }
}
