package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickguard.events.PluginInfo;
import dev.tickguard.events.PluginState;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.TickRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions (hostile pass 2, D1, D2, D8, D9): plugin code that blocks or throws where Tickguard read
 * it without a limit. Descriptors ({@code id()}, {@code order()}, ...) were read again outside the
 * hook limit, so one that blocked from its second call on hung Tickguard's start, and a hot-dropped one
 * froze the plugin manager (no command answered, {@code quit} hung); a {@code close()} throwing an
 * {@code Error} skipped the other plugins' close hooks and was logged as a timeout; a static
 * initialiser failing gave advice about builds; a step with no result at all (its safe default gave
 * nothing) was never quarantined. Every wait here is bounded, so a regression fails instead of hanging.
 */
class HostilePluginsCannotHangTheManagerTest {
    private static final int WAIT_SEC = 60;

    @TempDir
    Path dir;
    PluginFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new PluginFixture(dir, c -> c.with(c.plugins().withHookTimeout(Duration.ofSeconds(2)).withQuarantineAfter(2)));
    }

    @AfterEach
    void tearDown() throws Exception {
        CompletableFuture.runAsync(f::close).get(WAIT_SEC, TimeUnit.SECONDS);
    }

    /** Blocks forever, deaf to interrupts (the thread is a daemon: it ends with the test JVM). */
    static final String BLOCK = "while (true) { try { Thread.sleep(60_000); } catch (InterruptedException e) { } }";
    static final String THROW = "throw new IllegalStateException(\"asked again: \" + m);";

    /** A step whose every descriptor does {@code again} from its second call on. */
    static PluginJar describedOnce(String id, String again) {
        return PluginJar.plugin(id, "1.0").source("com.example.Evil", """
                package com.example;
                import com.fasterxml.jackson.databind.JsonNode;
                import com.fasterxml.jackson.databind.node.TextNode;
                import dev.tickguard.spi.*;
                import java.time.Duration;
                public class Evil implements Step {
                    static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();
                    static void again(String m) {
                        if (!SEEN.add(m)) { %s }
                    }
                    public String id() { again("id"); return "%s"; }
                    public Priority priority() { again("priority"); return Priority.OPTIONAL; }
                    public Phase phase() { again("phase"); return Phase.PARALLEL; }
                    public int order() { again("order"); return 5; }
                    public Duration timeout() { again("timeout"); return Duration.ofSeconds(5); }
                    public JsonNode run(StepContext ctx) { return TextNode.valueOf("evil ran"); }
                    public JsonNode safeDefault() { return TextNode.valueOf("evil default"); }
                }
                """.formatted(again, id)).services("com.example.Evil");
    }

    private void startWithin() throws Exception {
        CompletableFuture.runAsync(f::start).get(WAIT_SEC, TimeUnit.SECONDS);
    }

    private TickRecord tickWithin() throws Exception {
        return CompletableFuture.supplyAsync(f::tick).get(WAIT_SEC, TimeUnit.SECONDS);
    }

    private void settleWithin() throws Exception {
        f.registry.rescan().get(WAIT_SEC, TimeUnit.SECONDS);
        f.registry.rescan().get(WAIT_SEC, TimeUnit.SECONDS);
    }

    @Test
    void descriptorsThatBlockFromTheirSecondCallDoNotHangTheStart() throws Exception {
        describedOnce("evil", BLOCK).writeTo(f.plugins.resolve("evil.jar"));
        startWithin();
        TickRecord r = tickWithin();
        assertThat(f.state("evil.jar")).isEqualTo(PluginState.LOADED);
        assertThat(f.step(r, "evil").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);
        // What the control API lists reads the descriptors too: answered from the values read at load.
        assertThat(CompletableFuture.supplyAsync(() -> f.registry.allSteps().stream().map(d -> d.step().id()
                + "/" + d.step().order()).toList()).get(WAIT_SEC, TimeUnit.SECONDS)).contains("evil/5");
    }

    @Test
    void descriptorsThatThrowFromTheirSecondCallDoNotFailTheStart() throws Exception {
        describedOnce("evil", THROW).writeTo(f.plugins.resolve("evil.jar"));
        startWithin();
        TickRecord r = tickWithin();
        assertThat(f.state("evil.jar")).isEqualTo(PluginState.LOADED);
        assertThat(f.step(r, "evil").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);
    }

    @Test
    void aHotDroppedPluginWhoseDescriptorsBlockLeavesTheManagerResponsive() throws Exception {
        startWithin();
        describedOnce("evil", BLOCK).writeTo(f.plugins.resolve("evil.jar"));
        settleWithin();
        assertThat(f.state("evil.jar")).isEqualTo(PluginState.LOADED);
        assertThat(f.step(tickWithin(), "evil").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);

        f.registry.disable("evil").get(WAIT_SEC, TimeUnit.SECONDS);
        assertThat(f.state("evil.jar")).isEqualTo(PluginState.DISABLED);
        assertThat(tickWithin().steps()).extracting(s -> s.id()).containsExactly("heartbeat");
    }

    @Test
    void aHotDroppedPluginWhoseDescriptorsThrowLeavesTheManagerResponsive() throws Exception {
        startWithin();
        describedOnce("evil", THROW).writeTo(f.plugins.resolve("evil.jar"));
        settleWithin();
        assertThat(f.state("evil.jar")).isEqualTo(PluginState.LOADED);
        f.registry.disable("evil").get(WAIT_SEC, TimeUnit.SECONDS);
        assertThat(f.state("evil.jar")).isEqualTo(PluginState.DISABLED);
    }

    @Test
    void aDescriptorThatBlocksAtOnceFailsThePluginWithItsReason() throws Exception {
        PluginJar.plugin("stuck", "1.0").source("com.example.Stuck", PluginJar.stepSource("com.example.Stuck", "stuck",
                "", "TextNode.valueOf(\"x\")").replace("public int order() { return 100; }",
                "public int order() { " + BLOCK + " }")).services("com.example.Stuck").writeTo(f.plugins.resolve("stuck.jar"));
        startWithin();
        PluginInfo s = f.status("stuck.jar");
        assertThat(s.state()).isEqualTo(PluginState.FAILED);
        assertThat(s.reason()).isEqualTo("creating the steps of stuck.jar did not return within 2 s (plugins.hook_timeout_sec)");
        f.registry.rescan().get(WAIT_SEC, TimeUnit.SECONDS); // the manager answers
    }

    @Test
    void aCloseHookThrowingAnErrorIsReportedAsSuchAndTheOtherPluginsStillClose() throws Exception {
        PluginJar.plugin("a-first", "1.0").source("com.example.First", PluginJar.stepSource("com.example.First",
                "first", "public void close() { throw new StackOverflowError(\"deep in close\"); }",
                "TextNode.valueOf(\"1\")")).services("com.example.First").writeTo(f.plugins.resolve("a-first.jar"));
        PluginJar.plugin("b-second", "1.0").source("com.example.Second", PluginJar.stepSource("com.example.Second",
                "second", """
                        volatile java.nio.file.Path marks;
                        public void start(PluginContext ctx) { marks = ctx.sandbox(); }
                        public void close() throws Exception { java.nio.file.Files.writeString(marks.resolve("closed"), "yes"); }
                        """, "TextNode.valueOf(\"2\")")).services("com.example.Second")
                .writeTo(f.plugins.resolve("b-second.jar"));
        List<String> log = new CopyOnWriteArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                log.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger plugins = Logger.getLogger("dev.tickguard.plugin");
        plugins.addHandler(h);
        try {
            startWithin();
            tickWithin();
            CompletableFuture.runAsync(f::close).get(WAIT_SEC, TimeUnit.SECONDS);
        } finally {
            plugins.removeHandler(h);
        }
        assertThat(Files.readString(f.data.resolve("sandbox/second/closed"))).isEqualTo("yes");
        assertThat(log).anyMatch(m -> m.contains("close() of step 'first' threw StackOverflowError: deep in close"));
        assertThat(log).noneMatch(m -> m.contains("did not close"));
    }

    @Test
    void aStaticInitialiserFailingWhileTheStepDescribesItselfSaysSoWithItsCause() throws Exception {
        PluginJar.plugin("init", "1.0")
                .source("com.example.Settings", """
                        package com.example;
                        final class Settings {
                            static final java.time.Duration TIMEOUT = read();
                            private static java.time.Duration read() { throw new IllegalStateException("no settings file"); }
                        }
                        """)
                .source("com.example.Init", PluginJar.stepSource("com.example.Init", "init", "", "TextNode.valueOf(\"x\")")
                        .replace("public Duration timeout() { return Duration.ofSeconds(5); }",
                                "public Duration timeout() { return Settings.TIMEOUT; }"))
                .services("com.example.Init").writeTo(f.plugins.resolve("init.jar"));
        startWithin();
        PluginInfo s = f.status("init.jar");
        assertThat(s.state()).isEqualTo(PluginState.FAILED);
        assertThat(s.reason()).contains("the static initialiser of com.example.Settings failed: IllegalStateException: "
                + "no settings file").doesNotContain("built against").doesNotContain("\n");
    }

    /** Regression (own hostile pass): a quarantined or disabled step's open breaker kept the system DEGRADED for good. */
    @Test
    void aStepThatLeftDoesNotKeepTheSystemDegradedThroughItsOpenBreaker() throws Exception {
        PluginJar.plugin("flaky", "1.0").source("com.example.Flaky", PluginJar.stepSource("com.example.Flaky", "flaky",
                "", "null").replace("Priority.OPTIONAL", "Priority.CRITICAL")).services("com.example.Flaky")
                .writeTo(f.plugins.resolve("flaky.jar"));
        startWithin();
        for (int i = 0; i < 3; i++) {
            tickWithin(); // each run returns null: its breaker opens after 3 failures (the default)
        }
        await().atMost(Duration.ofSeconds(WAIT_SEC)).until(() -> f.engine.health().mode() == dev.tickguard.spi.SystemMode.DEGRADED);
        f.registry.disable("flaky").get(WAIT_SEC, TimeUnit.SECONDS);
        tickWithin();
        await().atMost(Duration.ofSeconds(WAIT_SEC)).until(() -> f.engine.health().mode() != dev.tickguard.spi.SystemMode.DEGRADED);
        assertThat(f.engine.health().mode()).isIn(dev.tickguard.spi.SystemMode.RECOVERY, dev.tickguard.spi.SystemMode.NORMAL);
    }

    @Test
    void aStepThatHasNoResultAtAllIsQuarantined() throws Exception {
        // Its safe default answers when loaded (so it loads), then nothing: the engine has no result at all.
        PluginJar.plugin("empty", "1.0").source("com.example.Empty", PluginJar.stepSource("com.example.Empty", "empty",
                "final java.util.concurrent.atomic.AtomicInteger defaults = new java.util.concurrent.atomic.AtomicInteger();",
                "null").replace("public JsonNode safeDefault() { return TextNode.valueOf(\"quiet\"); }",
                "public JsonNode safeDefault() { return defaults.incrementAndGet() == 1 ? TextNode.valueOf(\"q\") : null; }")
                .replace("Priority.OPTIONAL", "Priority.CRITICAL")).services("com.example.Empty")
                .writeTo(f.plugins.resolve("empty.jar"));
        startWithin();
        assertThat(f.step(tickWithin(), "empty").orElseThrow().outcome()).isEqualTo(StepOutcome.FAILED);
        tickWithin();
        await().atMost(Duration.ofSeconds(WAIT_SEC)).until(() -> f.state("empty.jar") == PluginState.QUARANTINED);
        assertThat(f.status("empty.jar").reason()).contains("step 'empty' had no result at all 2 runs in a row");
        assertThat(tickWithin().steps()).extracting(s -> s.id()).containsExactly("heartbeat");
    }
}
