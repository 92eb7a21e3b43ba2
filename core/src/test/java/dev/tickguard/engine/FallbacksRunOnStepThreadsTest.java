package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.StepCause;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 6: when a deadline fires, the fallback chain (plugin code), the events and the
 * next step run on Tickguard's step threads; the timer thread only signals. Checked for a step
 * that stops when interrupted and for one that is abandoned.
 */
class FallbacksRunOnStepThreadsTest {
    @TempDir
    Path dir;

    @Test
    void afterADeadlineEverythingRunsOnStepThreads() {
        for (boolean deaf : new boolean[]{false, true}) {
            AtomicReference<Thread> fallbackThread = new AtomicReference<>();
            AtomicReference<Thread> nextStepThread = new AtomicReference<>();
            FakeStep slow = new FakeStep("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 1, Duration.ofMillis(100));
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            slow.body = ctx -> {
                if (deaf) {
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        } catch (InterruptedException ignored) {
                            // deaf
                        }
                    }
                } else {
                    new java.util.concurrent.CountDownLatch(1).await(); // blocks until interrupted
                }
                return FakeStep.text("late");
            };
            slow.fallback = (ctx, failure) -> {
                fallbackThread.set(Thread.currentThread());
                return Optional.of(FakeStep.text("fallback"));
            };
            FakeStep next = FakeStep.seq("goal_selection", Priority.CRITICAL, 2);
            next.body = ctx -> {
                nextStepThread.set(Thread.currentThread());
                return FakeStep.text("ok");
            };
            try (TickEngine engine = Engines.engine(Engines.config(dir.resolve(String.valueOf(deaf)))
                    .withTick(t -> t.withAbandonGrace(Duration.ofMillis(50))), TimeSource.system(), slow, next)) {
                TickRecord r = engine.runTick();
                assertThat(r.steps().get(0).cause()).isEqualTo(StepCause.TIMEOUT);
                assertThat(r.steps().get(0).abandoned()).isEqualTo(deaf);
                assertThat(fallbackThread.get()).isInstanceOf(StepThread.class);
                assertThat(nextStepThread.get()).isInstanceOf(StepThread.class);
                assertThat(fallbackThread.get().getName()).startsWith("tickguard-step-");
            } finally {
                release.countDown();
            }
        }
    }
}
