package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.config.StepOverride;
import dev.tickguard.events.EventBus;
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
}
