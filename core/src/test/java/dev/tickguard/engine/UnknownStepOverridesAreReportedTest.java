package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.bus.EventBus;
import dev.tickguard.config.StepOverride;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.Priority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6, defect 11: {@code steps.<id>} naming no known step is reported at start, with the known ids. */
class UnknownStepOverridesAreReportedTest {
    @TempDir
    Path dir;

    @Test
    void aTypoInStepsIsReportedWithTheKnownIds() {
        EventBus bus = new EventBus();
        List<TickEvent> events = new CopyOnWriteArrayList<>();
        bus.subscribe("test", events::add);
        var config = Engines.config(dir).withSteps(Map.of("monolgue", new StepOverride(Duration.ofSeconds(5), null, null)));
        try (TickEngine engine = TickEngine.builder(config).bus(bus).withoutDefaultChecks()
                .step(FakeStep.seq("monologue", Priority.CRITICAL, 1), "test")
                .step(FakeStep.par("curiosity", Priority.OPTIONAL), "test").build()) {
            bus.drain(Duration.ofSeconds(10));
            assertThat(events).filteredOn(e -> e instanceof TickEvent.Notice).singleElement()
                    .satisfies(e -> assertThat(((TickEvent.Notice) e).message())
                            .contains("steps.monolgue").contains("known steps: curiosity, monologue"));
        } finally {
            bus.close();
        }
    }

    @Test
    void aTypoInStepsIsLoggedOnceByTheLogListenerNotAlsoByTheEngine() {
        EventBus bus = new EventBus();
        List<String> lines = new CopyOnWriteArrayList<>();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                String m = r.getMessage();
                if (m == null && r.getParameters() == null) {
                    return;
                }
                if (m != null && m.contains("monolgue")) {
                    lines.add(m);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        root.addHandler(handler);
        bus.subscribe("log", new dev.tickguard.bus.TickLog());
        var config = Engines.config(dir).withSteps(Map.of("monolgue", new StepOverride(Duration.ofSeconds(5), null, null)));
        try (TickEngine engine = TickEngine.builder(config).bus(bus).withoutDefaultChecks()
                .step(FakeStep.seq("monologue", Priority.CRITICAL, 1), "test").build()) {
            bus.drain(Duration.ofSeconds(10));
            assertThat(lines).hasSize(1);
        } finally {
            root.removeHandler(handler);
            bus.close();
        }
    }
}
