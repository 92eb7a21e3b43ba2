package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickguard.control.StepInfo;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.control.internal.ControlModel;
import dev.tickguard.control.internal.EngineControl;
import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin states and the enable / disable / approve commands, as a front end sees them. */
class PluginsThroughTheControlApiTest {
    @TempDir
    Path dir;

    @Test
    void statesAndCommandsThroughTheControlApi() throws Exception {
        try (PluginFixture f = new PluginFixture(dir)) {
            ControlModel model = ControlModel.attach(f.bus);
            PluginJar.plugin("greeter", "1.2.0").manifest(PluginDescriptor.DESCRIPTION, "Says hi")
                    .step("com.example.Greeter", "greeter").writeTo(f.plugins.resolve("greeter.jar"));
            PluginJar.garbage(f.plugins.resolve("broken.jar"));
            f.start();
            TickguardControl control = EngineControl.create(f.engine, model, null, f.registry, false, TimeSource.system());

            assertThat(control.plugins()).extracting(PluginInfo::source, PluginInfo::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(PluginRegistry.BUILT_IN, PluginState.LOADED),
                            org.assertj.core.groups.Tuple.tuple("broken.jar", PluginState.FAILED),
                            org.assertj.core.groups.Tuple.tuple("greeter.jar", PluginState.LOADED));
            PluginInfo greeter = control.plugins().get(2);
            assertThat(greeter.id()).isEqualTo("greeter");
            assertThat(greeter.version()).isEqualTo("1.2.0");
            assertThat(greeter.description()).isEqualTo("Says hi");
            assertThat(greeter.stepIds()).containsExactly("greeter");
            assertThat(greeter.sha256()).containsOnlyKeys("greeter.jar");

            control.disablePlugin("greeter"); // in effect when it returns
            assertThat(control.plugins().get(2).state()).isEqualTo(PluginState.DISABLED);
            assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactly("heartbeat");
            // The snapshot (built from the events) follows.
            await().until(() -> control.snapshot().plugins().stream()
                    .anyMatch(p -> p.source().equals("greeter.jar") && p.state() == PluginState.DISABLED));
            control.enablePlugin("greeter");
            assertThat(control.plugins().get(2).state()).isEqualTo(PluginState.LOADED);

            control.disableStep("greeter");
            assertThat(control.steps()).filteredOn(s -> s.id().equals("greeter")).singleElement()
                    .satisfies(s -> assertThat(s.enabled()).isFalse());
            assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactly("heartbeat");
            control.enableStep("greeter");
            assertThat(control.steps()).filteredOn(StepInfo::enabled).extracting(StepInfo::id)
                    .containsExactlyInAnyOrder("heartbeat", "greeter");

            assertThatThrownBy(() -> control.disableStep("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no step 'nope' among the built-in steps and loaded plugins");
            assertThatThrownBy(() -> control.enablePlugin("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("no plugin 'nope' in ");
            assertThatThrownBy(() -> control.disablePlugin(PluginRegistry.BUILT_IN))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one step at a time");
            assertThatThrownBy(() -> control.approvePlugin("abc")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'abc' is not a SHA-256 digest (64 hex digits)");
        }
    }
}
