package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.config.PluginSettings;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.bus.EventBus;
import dev.tickguard.events.PluginState;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PluginLifecycle} without a registry or an engine: which plugin code runs when, and that a
 * hook runs only for what started. The test plugins append marks to files in {@code marks/}.
 */
class PluginLifecycleAloneTest {
    static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    Path marks;
    Path plugins;
    PluginChoices choices;
    EventBus bus;
    PluginLifecycle lifecycle;

    @BeforeEach
    void setUp() throws Exception {
        marks = Files.createDirectories(dir.resolve("marks"));
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TickguardConfig config = TickguardConfig.defaults().withDataDir(dir.resolve("data"));
        choices = PluginChoices.load(null);
        bus = new EventBus();
        PluginGate gate = new PluginGate(PluginSettings.defaults(), "config.yaml", choices);
        PluginLoader loader = new PluginLoader(new SpiOnlyClassLoader(getClass().getClassLoader()), LIMIT);
        lifecycle = new PluginLifecycle(loader, gate, config, LIMIT, bus, TimeSource.system());
    }

    @AfterEach
    void tearDown() {
        bus.close();
    }

    /** A step that marks its construction, start and close; {@code startBody} runs after the start mark. */
    String recordingStep(String className, String id, String startBody) {
        String m = marks.toString().replace("\\", "\\\\");
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return PluginJar.stepSource(className, id, """
                static void mark(String what) {
                    try {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s").resolve(what), "x",
                                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
                public %s() { mark("%s-created"); }
                public void start(PluginContext ctx) throws Exception { mark("%s-started"); %s }
                public void close() { mark("%s-closed"); }
                """.formatted(m, simple, id, id, startBody, id), "TextNode.valueOf(\"ok\")");
    }

    PluginSource rec() throws Exception {
        PluginJar.plugin("rec", "1.0").source("com.example.Rec", recordingStep("com.example.Rec", "rec", ""))
                .services("com.example.Rec").writeTo(plugins.resolve("rec.jar"));
        return source("rec.jar");
    }

    PluginSource source(String name) throws Exception {
        return PluginSource.list(plugins).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** How often a mark was made. */
    int marked(String what) throws Exception {
        Path p = marks.resolve(what);
        return Files.exists(p) ? Files.readString(p).length() : 0;
    }

    @Test
    void aPluginTheGateKeepsShutRunsNoCodeButKeepsTheStepsTheUserKnew() throws Exception {
        PluginSource s = rec();
        PluginEntry running = lifecycle.evaluate(s, s.fingerprint(), null);
        assertThat(running.state).isEqualTo(PluginState.LOADED);
        assertThat(marked("rec-created")).isEqualTo(1);

        choices.disablePlugin("rec");
        PluginEntry off = lifecycle.evaluate(s, s.fingerprint(), running);
        assertThat(off).isNotSameAs(running);
        assertThat(off.state).isEqualTo(PluginState.DISABLED);
        assertThat(off.loaded).isNull();
        assertThat(off.stepIds).containsExactly("rec");
        assertThat(marked("rec-created")).as("no new instance was created").isEqualTo(1);
        assertThat(off.sha256).isSameAs(running.sha256); // same files: not hashed again

        PluginEntry fresh = lifecycle.evaluate(s, s.fingerprint(), null);
        assertThat(fresh.state).isEqualTo(PluginState.DISABLED);
        assertThat(fresh.stepIds).isEmpty();
    }

    @Test
    void anUnchangedPluginThatMayRunIsKeptAndAChangedOneLoadsAfresh() throws Exception {
        PluginSource s = rec();
        PluginEntry first = lifecycle.evaluate(s, s.fingerprint(), null);
        lifecycle.start(List.of(first));
        assertThat(lifecycle.evaluate(s, s.fingerprint(), first)).isSameAs(first);

        PluginEntry changed = lifecycle.evaluate(s, "another print", first);
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.loaded.loader()).isNotSameAs(first.loaded.loader());
        assertThat(changed.started).isFalse();
    }

    @Test
    void startRunsOnceAndCloseRunsOnlyForWhatStarted() throws Exception {
        PluginSource s = rec();
        PluginEntry never = lifecycle.evaluate(s, s.fingerprint(), null);
        lifecycle.unload(never);
        assertThat(never.loaded).isNull();
        assertThat(marked("rec-closed")).as("never started, so never closed").isZero();

        PluginEntry e = lifecycle.evaluate(s, s.fingerprint(), null);
        lifecycle.start(List.of(e));
        lifecycle.start(List.of(e));
        assertThat(marked("rec-started")).isEqualTo(1);
        assertThat(e.started).isTrue();
        lifecycle.unload(e);
        lifecycle.unload(e);
        assertThat(marked("rec-closed")).isEqualTo(1);
        assertThat(e.loaded).isNull();
    }

    @Test
    void aStartThatFailsClosesTheStepsAlreadyStartedAndFailsThePlugin() throws Exception {
        PluginJar.plugin("pair", "1.0")
                .source("com.example.A", recordingStep("com.example.A", "a", ""))
                .source("com.example.B", recordingStep("com.example.B", "b", "throw new IllegalStateException(\"boom\");"))
                .services("com.example.A", "com.example.B").writeTo(plugins.resolve("pair.jar"));
        PluginSource s = source("pair.jar");
        PluginEntry e = lifecycle.evaluate(s, s.fingerprint(), null);
        lifecycle.start(List.of(e));

        assertThat(e.state).isEqualTo(PluginState.FAILED);
        assertThat(e.reason).isEqualTo("start() of step 'b' failed: boom");
        assertThat(e.loaded).isNull();
        assertThat(marked("a-closed")).as("a started, so it is closed again").isEqualTo(1);
        assertThat(marked("b-closed")).as("b's start did not finish").isZero();
    }

    @Test
    void aStartedPluginThatLosesItsIdIsClosedOnlyAfterTheSwap() throws Exception {
        PluginSource s = rec();
        PluginEntry e = lifecycle.evaluate(s, s.fingerprint(), null);
        lifecycle.start(List.of(e));
        Optional<PluginEntry> running = lifecycle.demote(e, "plugin id 'rec' is taken");

        assertThat(e.state).isEqualTo(PluginState.FAILED);
        assertThat(e.reason).isEqualTo("plugin id 'rec' is taken");
        assertThat(e.loaded).isNull();
        assertThat(running).hasValueSatisfying(r -> assertThat(r.started).isTrue());
        assertThat(marked("rec-closed")).as("a tick may still be inside its step").isZero();
        lifecycle.unload(running.get());
        assertThat(marked("rec-closed")).isEqualTo(1);

        PluginEntry notStarted = lifecycle.evaluate(s, s.fingerprint(), null);
        assertThat(lifecycle.demote(notStarted, "taken")).isEmpty();
        assertThat(notStarted.loaded).isNull();
    }
}
