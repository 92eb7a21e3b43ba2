package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickguard.config.PluginSettings;
import dev.tickguard.events.PluginState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Enable / disable plugins and steps (remembered across restarts), and pinned trust by SHA-256. */
class EnableDisableAndTrustTest {
    @TempDir
    Path dir;

    @Test
    void disablingAPluginIsRememberedAndEnablingBringsItBack() throws Exception {
        Path data;
        try (PluginFixture f = new PluginFixture(dir.resolve("one"))) {
            data = f.data;
            PluginJar.plugin("greeter", "1.0").step("com.example.Greeter", "greeter").writeTo(f.plugins.resolve("greeter.jar"));
            f.start();
            f.registry.disable("greeter").join();
            assertThat(f.status("greeter.jar").state()).isEqualTo(PluginState.DISABLED);
            assertThat(f.status("greeter.jar").reason()).isEqualTo("switched off by you: the Plugins tab's switch, or `plugin enable greeter` in the console, turns it on");
            assertThat(f.tick().steps()).extracting(s -> s.id()).containsExactly("heartbeat");
        }
        // A restart (a new engine and registry over a copy of that data folder) remembers it.
        Path copy = dir.resolve("two/data");
        copyTree(data, copy);
        try (PluginFixture f = new PluginFixture(dir.resolve("two"))) {
            f.start();
            assertThat(f.state("greeter.jar")).isEqualTo(PluginState.DISABLED);
            f.registry.enable("greeter").join();
            assertThat(f.state("greeter.jar")).isEqualTo(PluginState.LOADED);
            assertThat(f.tick().steps()).extracting(s -> s.id()).contains("greeter");
        }
    }

    @Test
    void disablingAStepKeepsItsPluginLoadedButTheStepOut() throws Exception {
        try (PluginFixture f = new PluginFixture(dir)) {
            PluginJar.plugin("greeter", "1.0").step("com.example.Greeter", "greeter").writeTo(f.plugins.resolve("greeter.jar"));
            f.start();
            f.registry.disableStep("heartbeat").join();
            f.registry.disableStep("greeter").join();
            assertThat(f.registry.disabledSteps()).containsExactlyInAnyOrder("heartbeat", "greeter");
            assertThat(f.engine.runTick().steps()).isEmpty();
            f.registry.enableStep("greeter").join();
            assertThat(f.engine.runTick().steps()).extracting(s -> s.id()).containsExactly("greeter");
            assertThat(f.state("greeter.jar")).isEqualTo(PluginState.LOADED);
        }
    }

    @Test
    void aPluginDisabledInConfigCannotBeEnabledThroughTheApi() throws Exception {
        try (PluginFixture f = new PluginFixture(dir, c -> c.with(new PluginSettings(PluginSettings.Trust.OPEN,
                Set.of(), Set.of("greeter"), 3, c.plugins().hookTimeout())))) {
            PluginJar.plugin("greeter", "1.0").step("com.example.Greeter", "greeter").writeTo(f.plugins.resolve("greeter.jar"));
            f.start();
            assertThat(f.status("greeter.jar").reason()).isEqualTo("disabled in defaults (plugins.disabled)");
            assertThatThrownBy(() -> f.registry.enable("greeter").join()).isInstanceOf(CompletionException.class)
                    .hasMessageContaining("plugin 'greeter' is disabled in defaults (plugins.disabled): remove it there");
            assertThatThrownBy(() -> f.registry.enable("nobody").join()).hasMessageContaining("no plugin 'nobody'");
        }
    }

    @Test
    void pinnedTrustRunsOnlyApprovedJarsAndAChangedJarNeedsApprovalAgain() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path v1 = PluginJar.plugin("greeter", "1.0").step("com.example.Greeter", "greeter").writeTo(work.resolve("v1.jar"));
        Path v2 = PluginJar.plugin("greeter", "1.1").step("com.example.Greeter", "greeter").writeTo(work.resolve("v2.jar"));
        try (PluginFixture f = new PluginFixture(dir, c -> c.with(c.plugins().withTrust(PluginSettings.Trust.PINNED)))) {
            Files.copy(v1, f.plugins.resolve("greeter.jar"));
            f.start();
            String sha = PluginLoader.sha256(v1);
            PluginInfo s = f.status("greeter.jar");
            assertThat(s.state()).isEqualTo(PluginState.DISABLED);
            assertThat(s.reason()).isEqualTo("not approved: plugins.trust is pinned and greeter.jar (SHA-256 " + sha
                    + ") is not approved; approve in plugins.approved or through the control API");
            assertThat(s.sha256()).containsEntry("greeter.jar", sha);
            assertThat(f.tick().steps()).extracting(r -> r.id()).containsExactly("heartbeat");

            f.registry.approve(sha.toUpperCase()).join();
            assertThat(f.state("greeter.jar")).isEqualTo(PluginState.LOADED);
            assertThat(f.tick().steps()).extracting(r -> r.id()).contains("greeter");

            Files.copy(v2, f.plugins.resolve("greeter.jar"), StandardCopyOption.REPLACE_EXISTING);
            f.settle();
            assertThat(f.state("greeter.jar")).isEqualTo(PluginState.DISABLED);
            assertThat(f.status("greeter.jar").reason()).contains(PluginLoader.sha256(v2));
            assertThat(f.tick().steps()).extracting(r -> r.id()).containsExactly("heartbeat");
        }
        // Approved in config.yaml instead: runs from the start.
        String sha1 = PluginLoader.sha256(v1);
        try (PluginFixture f = new PluginFixture(dir.resolve("cfg"), c -> c.with(c.plugins()
                .withTrust(PluginSettings.Trust.PINNED).withApproved(Set.of(sha1))))) {
            Files.copy(v1, f.plugins.resolve("greeter.jar"));
            f.start();
            assertThat(f.state("greeter.jar")).isEqualTo(PluginState.LOADED);
        }
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
