package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} typed twenty times while a tick ran (or the engine was paused) used to queue twenty
 * ticks, run back to back; the requests made before the next tick starts are now one request.
 */
class RunNowRequestsCoalesceTest {
    @TempDir
    Path dir;

    /** Runs only when given a permit, so the test decides when each tick may end. */
    static final class GatedStep extends TestStep {
        final Semaphore permits = new Semaphore(0);

        GatedStep() {
            super("gated", Priority.IMPORTANT, Phase.SEQUENTIAL, 1, Duration.ofMinutes(10));
        }

        @Override
        public JsonNode run(StepContext context) {
            try {
                permits.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.run(context);
        }
    }

    @Test
    void manyRunRequestsDuringATickGiveOneMoreTick() throws Exception {
        GatedStep gated = new GatedStep();
        try (ControlFixture f = new ControlFixture(dir, Duration.ofHours(1), gated)) {
            CountDownLatch third = new CountDownLatch(1);
            ControlSubscription sub = f.control.subscribe(e -> {
                if (e.event() instanceof TickEvent.TickFinished t && t.record().tick() == 3) {
                    third.countDown();
                }
            });
            f.control.start(); // tick 1 starts at once and waits in the step
            await().until(() -> f.control.engine().runningTick() == 1);
            f.control.pause();
            for (int i = 0; i < 20; i++) {
                f.control.runNow();
            }
            gated.permits.release(); // tick 1 ends; the requests start tick 2
            await().until(() -> f.control.engine().runningTick() == 2);
            gated.permits.release(1000); // from here on every tick would run through at once
            f.control.runNow(); // made after tick 2 started: one more tick, 3
            assertThat(third.await(30, TimeUnit.SECONDS)).isTrue();
            f.control.stop();
            sub.close();
            // Twenty queued requests would have gone on to tick 21 while paused.
            assertThat(f.engine.lastTick()).isEqualTo(3);
        }
    }
}
