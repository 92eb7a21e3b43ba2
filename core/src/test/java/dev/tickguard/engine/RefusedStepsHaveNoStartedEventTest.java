package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.TickLog;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 11: a step refused by an open (or forced-open) breaker gets no "Executing step"
 * line and no {@code StepStarted}; its own {@code StepFinished} and a "not run" line instead.
 */
class RefusedStepsHaveNoStartedEventTest {
    @TempDir
    Path dir;

    @Test
    void refusedStepsAreNotAnnouncedAsExecuting() {
        FakeStep forced = FakeStep.seq("monologue", Priority.CRITICAL, 1);
        FakeStep failing = FakeStep.seq("action", Priority.CRITICAL, 2).failing();
        List<TickEvent> events = new CopyOnWriteArrayList<>();
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger("refused-steps-test");
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(), forced, failing)) {
            engine.bus().subscribe("test", events::add);
            engine.bus().subscribe("log", new TickLog(log, null));
            engine.breakers().get("step:monologue").forceOpen();
            for (int i = 0; i < 4; i++) {
                engine.runTick(); // the 4th finds step:action open
            }
            engine.bus().drain(Duration.ofSeconds(10));
            assertThat(events).filteredOn(e -> e instanceof TickEvent.StepStarted s && s.stepId().equals("monologue"))
                    .isEmpty();
            assertThat(events).filteredOn(e -> e instanceof TickEvent.StepStarted s && s.stepId().equals("action"))
                    .hasSize(3);
            assertThat(events).filteredOn(e -> e instanceof TickEvent.StepFinished f
                            && f.step().cause() == StepCause.BREAKER_OPEN).hasSize(1);
            assertThat(lines).noneMatch(l -> l.contains("Executing") && l.contains("'monologue'"));
            assertThat(lines).anyMatch(l -> l.contains("Step 'monologue' not run (forced"));
            assertThat(lines).anyMatch(l -> l.contains("Step 'action' not run (breaker_open"));
        }
    }
}
