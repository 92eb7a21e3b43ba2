package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 3: "abandoned" means the step did not return within the grace after its
 * interrupt. A step that stops when interrupted times out but is not abandoned (no event, not
 * counted); one that ignores the interrupt for longer than the grace is.
 */
class OnlyStepsThatIgnoreTheGraceAreAbandonedTest {
    @TempDir
    Path dir;

    @Test
    void aStepThatStopsWhenInterruptedIsATimeoutNotAnAbandonment() {
        FakeStep polite = new FakeStep("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 1, Duration.ofMillis(100));
        polite.body = ctx -> {
            new java.util.concurrent.CountDownLatch(1).await(); // returns as soon as the deadline interrupts it
            return FakeStep.text("late");
        };
        CountDownLatch release = new CountDownLatch(1);
        FakeStep deaf = new FakeStep("curiosity", Priority.OPTIONAL, Phase.PARALLEL, 1, Duration.ofMillis(100));
        deaf.body = ctx -> {
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // deaf
                }
            }
            return FakeStep.text("late");
        };
        List<TickEvent> events = new CopyOnWriteArrayList<>();
        try (TickEngine engine = Engines.engine(Engines.config(dir).withTick(t -> t.withAbandonGrace(Duration.ofSeconds(2))),
                TimeSource.system(), polite, deaf)) {
            engine.bus().subscribe("test", events::add);
            TickRecord r = engine.runTick();
            StepRecord p = step(r, "monologue");
            assertThat(p.cause()).isEqualTo(StepCause.TIMEOUT);
            assertThat(p.abandoned()).isFalse();
            StepRecord d = step(r, "curiosity");
            assertThat(d.cause()).isEqualTo(StepCause.TIMEOUT);
            assertThat(d.abandoned()).isTrue();
            assertThat(engine.abandonedThreads().total()).isEqualTo(1);
            engine.bus().drain(Duration.ofSeconds(10));
            assertThat(events).filteredOn(e -> e instanceof TickEvent.StepAbandoned)
                    .extracting(e -> ((TickEvent.StepAbandoned) e).stepId()).containsExactly("curiosity");
            release.countDown();
        }
    }

    @Test
    void theGraceIsConfigurable() {
        assertThat(dev.tickguard.config.TickguardConfig.defaults().tick().abandonGrace()).isEqualTo(Duration.ofMillis(100));
    }

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
