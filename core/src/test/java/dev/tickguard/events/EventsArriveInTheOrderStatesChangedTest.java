package dev.tickguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.health.HealthCheck;
import dev.tickguard.health.HealthMonitor;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.resilience.BreakerRegistry;
import dev.tickguard.spi.SystemMode;
import dev.tickguard.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, defect 7: breaker and mode changes made concurrently are published in the order they
 * happened: for each breaker and for the mode, every event starts where the previous one ended,
 * and a view that applies them ends on the true state.
 */
class EventsArriveInTheOrderStatesChangedTest {
    @Test
    void aViewApplyingTheEventsEndsOnTheTrueState() throws Exception {
        EventBus bus = new EventBus();
        List<TickEvent> events = new CopyOnWriteArrayList<>();
        bus.subscribe("view", events::add);
        BreakerRegistry breakers = new BreakerRegistry(new BreakerSettings(2, Duration.ofMillis(1), 1), bus,
                TimeSource.system());
        AtomicBoolean checkOk = new AtomicBoolean(true);
        try (HealthMonitor monitor = new HealthMonitor(HealthSettings.defaults(), breakers, bus, TimeSource.system())) {
            monitor.addCheck(new HealthCheck() {
                @Override
                public String name() {
                    return "flappy";
                }

                @Override
                public boolean critical() {
                    return false;
                }

                @Override
                public Reading check() {
                    return checkOk.get() ? Reading.ok("ok") : Reading.failing("down");
                }
            });
            Breaker b = breakers.get("ollama:chat");
            int threads = 4;
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        return;
                    }
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < 3_000; i++) {
                        switch (r.nextInt(6)) {
                            case 0 -> b.forceOpen();
                            case 1 -> b.release();
                            case 2 -> {
                                checkOk.set(r.nextBoolean());
                                monitor.runChecks();
                            }
                            default -> {
                                if (b.tryAcquirePermit()) {
                                    if (r.nextBoolean()) {
                                        b.recordSuccess();
                                    } else {
                                        b.recordFailure();
                                    }
                                }
                            }
                        }
                    }
                });
                w.start();
                workers.add(w);
            }
            for (Thread w : workers) {
                w.join();
            }
            bus.drain(Duration.ofSeconds(30));
            List<TickEvent.BreakerChanged> changes = events.stream().filter(e -> e instanceof TickEvent.BreakerChanged)
                    .map(e -> (TickEvent.BreakerChanged) e).toList();
            assertThat(changes).isNotEmpty();
            BreakerState view = BreakerState.CLOSED;
            for (TickEvent.BreakerChanged c : changes) {
                assertThat(c.from()).as("breaker event starts where the last one ended").isEqualTo(view);
                view = c.to();
            }
            assertThat(view).isEqualTo(b.state());

            List<TickEvent.ModeChanged> modes = events.stream().filter(e -> e instanceof TickEvent.ModeChanged)
                    .map(e -> (TickEvent.ModeChanged) e).toList();
            SystemMode mode = SystemMode.NORMAL;
            for (TickEvent.ModeChanged m : modes) {
                assertThat(m.from()).as("mode event starts where the last one ended").isEqualTo(mode);
                mode = m.to();
            }
            assertThat(mode).isEqualTo(monitor.mode());
        } finally {
            bus.close();
        }
    }
}
