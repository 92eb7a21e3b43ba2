package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Front ends that subscribe carelessly: subscribing and closing over and over leaves no thread
 * behind; a listener that throws or blocks forever stalls neither the engine nor the other
 * subscribers; closing a subscription whose listener is stuck in a wait releases its thread (it
 * used to stay blocked for the life of the process); subscribing after stop still works.
 */
class MisbehavingSubscribersTest {
    @TempDir
    Path dir;

    private static long deliveryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("tickguard-control-")).count();
    }

    @Test
    void subscribingAndClosingRepeatedlyLeavesNoThread() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofHours(1), TestStep.seq("a", 1))) {
            long before = deliveryThreads();
            for (int i = 0; i < 200; i++) {
                f.control.subscribe(e -> { }).close();
            }
            await().until(() -> deliveryThreads() == before);
        }
    }

    @Test
    void aThrowingAndABlockedListenerStallNeitherTheEngineNorOthers() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofHours(1), TestStep.seq("a", 1))) {
            CountDownLatch never = new CountDownLatch(1);
            AtomicInteger throwerCalls = new AtomicInteger();
            ControlSubscription thrower = f.control.subscribe(e -> {
                throwerCalls.incrementAndGet();
                throw new IllegalStateException("listener bug");
            });
            CountDownLatch blockedEntered = new CountDownLatch(1);
            ControlSubscription blocked = f.control.subscribe(e -> {
                blockedEntered.countDown();
                try {
                    never.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            AtomicInteger finished = new AtomicInteger();
            ControlSubscription good = f.control.subscribe(e -> {
                if (e.event() instanceof TickEvent.TickFinished) {
                    finished.incrementAndGet();
                }
            });
            for (int i = 0; i < 5; i++) {
                f.engine.runTick(); // returns: the engine never waits for a listener
            }
            await().until(() -> finished.get() == 5);
            assertThat(throwerCalls.get()).isGreaterThanOrEqualTo(5);
            assertThat(thrower.isOpen()).isTrue();
            blockedEntered.await();

            long before = deliveryThreads();
            blocked.close();
            await().until(() -> deliveryThreads() == before - 1);
            thrower.close();
            good.close();
        }
    }

    @Test
    void subscribingAfterStopGivesTheFinalSnapshot() throws Exception {
        try (ControlFixture f = new ControlFixture(dir, Duration.ofHours(1), TestStep.seq("a", 1))) {
            f.engine.runTick();
            f.control.stop();
            await().until(() -> f.control.snapshot().engine().lastTick() == 1);
            ControlSubscription late = f.control.subscribe(e -> { });
            assertThat(late.snapshot().histories().ticks()).hasSize(1);
            late.close();
            assertThat(late.isOpen()).isFalse();
        }
    }
}
