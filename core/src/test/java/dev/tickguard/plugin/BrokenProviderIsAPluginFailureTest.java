package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.PluginState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, defect 2: a plain JAR whose {@code META-INF/services/dev.tickguard.spi.Step} names a
 * missing class, a class that is not a Step, or a Step without a public no-arg constructor is a
 * FAILED plugin with a one-line reason; loading never throws, and the good JAR next to them loads.
 */
class BrokenProviderIsAPluginFailureTest {
    @TempDir
    Path dir;

    @Test
    void providersThatCannotBeCreatedArePluginFailures() throws Exception {
        try (PluginFixture f = new PluginFixture(dir)) {
            PluginJar.create().step("com.example.Greeter", "greeter").writeTo(f.plugins.resolve("good.jar"));
            PluginJar.create().source("com.example.Other", "package com.example; public class Other {}")
                    .services("com.example.Missing").writeTo(f.plugins.resolve("missing.jar"));
            PluginJar.create().source("com.example.NotAStep", "package com.example; public class NotAStep {}")
                    .services("com.example.NotAStep").writeTo(f.plugins.resolve("notastep.jar"));
            PluginJar.create().step("com.example.NeedsArg", "needs_arg", "public NeedsArg(String config) { }", "null")
                    .services("com.example.NeedsArg").writeTo(f.plugins.resolve("noctor.jar"));
            f.start();
            f.tick();
            assertThat(f.state("good.jar")).isEqualTo(PluginState.LOADED);
            for (String broken : List.of("missing.jar", "notastep.jar", "noctor.jar")) {
                PluginInfo s = f.status(broken);
                assertThat(s.state()).isEqualTo(PluginState.FAILED);
                assertThat(s.reason()).doesNotContain("\n").isNotBlank();
                assertThat(s.reason().length()).isLessThan(400);
            }
        }
    }
}
