package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.control.internal.ControlModel;
import dev.tickguard.control.internal.EngineControl;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepRecord;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin dropped in after start can be the target of chaos: the control API asks the engine for
 * its steps at each change instead of remembering the ones it saw at start.
 */
class ChaosReachesPluginsLoadedLaterTest {
    @TempDir
    Path dir;

    @Test
    void aStepLoadedAfterStartCanBeMadeToFail() throws Exception {
        try (PluginFixture f = new PluginFixture(dir)) {
            ControlModel model = ControlModel.attach(f.bus);
            f.start();
            TickguardControl control = EngineControl.create(f.engine, model, null, f.registry, false, TimeSource.system());

            PluginJar.plugin("greeter", "1.0.0").step("com.example.Greeter", "greeter")
                    .writeTo(f.plugins.resolve("greeter.jar"));
            f.settle();
            assertThat(f.tick().steps()).extracting(StepRecord::id).contains("greeter");

            control.addChaos(Chaos.parse("fail:greeter"));

            StepRecord greeter = f.tick().steps().stream().filter(s -> s.id().equals("greeter")).findFirst()
                    .orElseThrow();
            assertThat(greeter.cause()).isEqualTo(StepCause.ERROR);
            assertThat(greeter.error()).contains("chaos");
        }
    }
}
