package dev.tickguard.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.config.BreakerSettings;
import dev.tickguard.config.HealthSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.control.internal.ControlModel;
import dev.tickguard.control.internal.EngineControl;
import dev.tickguard.engine.TickEngine;
import dev.tickguard.engine.TickEngineBuilder;
import dev.tickguard.bus.EventBus;
import dev.tickguard.ollama.FaultInjector;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An engine with its bus, journal and control, as the app wires them, on test steps. */
final class ControlFixture implements AutoCloseable {
    final EventBus bus = new EventBus();
    final ControlModel model = ControlModel.attach(bus);
    final TickEngine engine;
    final EngineControl control;
    final FaultInjector llmFaults = new FaultInjector();

    ControlFixture(Path dir, Duration interval, TestStep... steps) throws IOException {
        TickguardConfig config = TickguardConfig.defaults().withDataDir(dir).withTick(t -> t.withInterval(interval))
                .with(new BreakerSettings(2, Duration.ofSeconds(60), 1))
                .with(new HealthSettings(Duration.ofSeconds(30), Duration.ofSeconds(15), 95, 0, 2, 2, 1000));
        List<TickEngine.Discovered> discovered = new ArrayList<>();
        for (TestStep s : steps) {
            discovered.add(new TickEngine.Discovered(s, "test"));
        }
        TickEngineBuilder b = TickEngine.builder(config).bus(bus).withoutDefaultChecks().steps(discovered);
        engine = b.build();
        control = EngineControl.create(engine, model, llmFaults, discovered, true, TimeSource.system());
    }

    @Override
    public void close() {
        engine.close();
        bus.close();
    }

    /** A step whose behaviour a test can switch. */
    static class TestStep extends BaseStep {
        final AtomicInteger runs = new AtomicInteger();
        volatile boolean failing;

        TestStep(String id, Priority priority, Phase phase, int order) {
            this(id, priority, phase, order, Duration.ofSeconds(5));
        }

        TestStep(String id, Priority priority, Phase phase, int order, Duration timeout) {
            super(id, priority, phase, order, timeout);
        }

        static TestStep seq(String id, int order) {
            return new TestStep(id, Priority.IMPORTANT, Phase.SEQUENTIAL, order);
        }

        @Override
        public JsonNode run(StepContext context) {
            runs.incrementAndGet();
            if (failing) {
                throw new IllegalStateException(id() + " broke");
            }
            return JsonNodeFactory.instance.objectNode().put("step", id()).put("run", runs.get());
        }

        @Override
        public JsonNode safeDefault() {
            return JsonNodeFactory.instance.objectNode().put("step", id()).put("default", true);
        }
    }
}
