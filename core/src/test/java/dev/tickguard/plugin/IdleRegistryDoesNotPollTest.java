package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.PluginState;
import dev.tickguard.time.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running registry learns of a plugin dropped into its folder from the operating system's change
 * notification, not from looking every half second: an idle Tickguard must not wake up to poll (the
 * 0.5 s poll alone cost about 2.8 wake-ups a second, measured with bench/idle-wakeups). Here the
 * safety-net look is 30 s away, so only the notification can load the plugin in time.
 */
class IdleRegistryDoesNotPollTest {
    @TempDir
    Path dir;

    @Test
    void aDroppedPluginIsLoadedOnTheFoldersChangeNotification() throws Exception {
        try (PluginFixture f = new PluginFixture(dir)) {
            f.registry.close(); // the fixture's own, which never looks by itself
            f.registry = new PluginRegistry(f.config, f.bus, TimeSource.system(), f.builtIn, Duration.ofMillis(100),
                    true, f.db);
            f.start();
            PluginJar.plugin("greeter", "1.0.0").step("com.example.Greeter", "greeter")
                    .writeTo(f.plugins.resolve("greeter.jar"));
            await().atMost(Duration.ofSeconds(20)).until(() -> f.registry.list().stream()
                    .anyMatch(p -> p.source().equals("greeter.jar") && p.state() == PluginState.LOADED));
            assertThat(FolderWatch.IDLE_LOOK).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
    }
}
