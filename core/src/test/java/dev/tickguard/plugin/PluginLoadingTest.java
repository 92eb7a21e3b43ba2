package dev.tickguard.plugin;

import dev.tickguard.events.PluginInfo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.PluginState;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real plugin JARs and folders, good and broken, in a plugins folder: each ends in the right state
 * with a one-line reason, and ticks go on.
 */
class PluginLoadingTest {
    @TempDir
    Path dir;
    PluginFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new PluginFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** Starts the registry over what the test put in the folder and runs one tick. */
    TickRecord startAndTick() {
        f.start();
        return f.tick();
    }

    void assertFailed(String source, String reasonPart) {
        PluginInfo s = f.status(source);
        assertThat(s.state()).as(s.toString()).isEqualTo(PluginState.FAILED);
        assertThat(s.reason()).contains(reasonPart).doesNotContain("\n");
    }

    @Test
    void goodPluginLoadsAndItsStepRuns() throws Exception {
        PluginJar.plugin("greeter", "1.0.0").step("com.example.Greeter", "greeter").writeTo(f.plugins.resolve("greeter.jar"));
        TickRecord r = startAndTick();
        PluginInfo s = f.status("greeter.jar");
        assertThat(s.state()).isEqualTo(PluginState.LOADED);
        assertThat(s.id()).isEqualTo("greeter");
        assertThat(s.version()).isEqualTo("1.0.0");
        assertThat(s.stepIds()).containsExactly("greeter");
        assertThat(s.sha256()).containsOnlyKeys("greeter.jar");
        assertThat(f.step(r, "greeter").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);
        assertThat(f.output("greeter")).isEqualTo("greeter says hi at tick 1");
        assertThat(f.stateEvents()).singleElement().satisfies(e -> {
            assertThat(e.pluginId()).isEqualTo("greeter");
            assertThat(e.state()).isEqualTo(PluginState.LOADED);
        });
    }

    @Test
    void corruptJarFails() throws Exception {
        PluginJar.garbage(f.plugins.resolve("garbage.jar"));
        startAndTick();
        assertFailed("garbage.jar", "garbage.jar is not a readable JAR");
        assertThat(f.status("garbage.jar").reason()).endsWith("copy it again or rebuild it");
    }

    @Test
    void emptyFileFails() throws Exception {
        Files.createFile(f.plugins.resolve("empty.jar"));
        startAndTick();
        assertFailed("empty.jar", "empty.jar is empty (0 bytes)");
    }

    @Test
    void jarWithoutAStepFails() throws Exception {
        PluginJar.plugin("nothing", "1.0").source("com.example.Nothing", "package com.example; public class Nothing {}")
                .writeTo(f.plugins.resolve("nothing.jar"));
        startAndTick();
        assertFailed("nothing.jar", "provides no dev.tickguard.spi.Step: add a file META-INF/services/dev.tickguard.spi.Step");
    }

    @Test
    void throwingConstructorFails() throws Exception {
        PluginJar.plugin("boom", "1.0")
                .step("com.example.Boom", "boom", "public Boom() { throw new IllegalStateException(\"no config\"); }", "null")
                .services("com.example.Boom").writeTo(f.plugins.resolve("boom.jar"));
        startAndTick();
        assertFailed("boom.jar", "the constructor of com.example.Boom threw IllegalStateException: no config");
    }

    @Test
    void throwingStaticInitialiserFails() throws Exception {
        PluginJar.plugin("static-boom", "1.0")
                .step("com.example.StaticBoom", "static_boom",
                        "static final int X = Integer.parseInt(\"not a number\");", "null")
                .services("com.example.StaticBoom").writeTo(f.plugins.resolve("static-boom.jar"));
        startAndTick();
        assertFailed("static-boom.jar", "the static initialiser of com.example.StaticBoom threw NumberFormatException");
    }

    @Test
    void servicesEntryNamingAMissingClassFails() throws Exception {
        PluginJar.plugin("typo", "1.0").step("com.example.Real", "real", "", "null").services("com.example.Typo")
                .writeTo(f.plugins.resolve("typo.jar"));
        startAndTick();
        assertFailed("typo.jar", "META-INF/services/dev.tickguard.spi.Step names com.example.Typo, which is not in "
                + "the plugin: correct the class name there");
    }

    @Test
    void servicesEntryNamingAClassThatIsNotAStepFails() throws Exception {
        PluginJar.plugin("wrong", "1.0").source("com.example.Helper", "package com.example; public class Helper {}")
                .services("com.example.Helper").writeTo(f.plugins.resolve("wrong.jar"));
        startAndTick();
        assertFailed("wrong.jar", "names com.example.Helper, which does not implement dev.tickguard.spi.Step");
    }

    @Test
    void stepWithoutANoArgumentConstructorFails() throws Exception {
        PluginJar.plugin("needy", "1.0").step("com.example.Needy", "needy", "public Needy(String s) {}", "null")
                .services("com.example.Needy").writeTo(f.plugins.resolve("needy.jar"));
        startAndTick();
        assertFailed("needy.jar", "com.example.Needy has no public no-argument constructor: add one");
    }

    @Test
    void missingLibraryFailsSayingWhereToPutIt() throws Exception {
        Path lib = PluginJar.create().source("org.example.lib.Shout",
                "package org.example.lib; public class Shout { public static String up(String s) { return s.toUpperCase(); } }")
                .writeTo(dir.resolve("shout.jar"));
        PluginJar.plugin("loud", "1.0").compileAgainst(lib)
                .step("com.example.Loud", "loud", "final String word = org.example.lib.Shout.up(\"hi\");",
                        "TextNode.valueOf(word)")
                .services("com.example.Loud").writeTo(f.plugins.resolve("loud.jar"));
        startAndTick();
        assertFailed("loud.jar", "needs class org.example.lib.Shout, which none of the plugin's JARs holds: ship that "
                + "library with the plugin, as a folder loud/ holding loud.jar and the library's JAR in loud/lib/");
    }

    /** Regression (issue 17.8): a library used only in run() loaded, then threw NoClassDefFoundError every tick. */
    @Test
    void aLibraryUsedOnlyWhenTheStepRunsIsMissedAtLoadNotInEveryTick() throws Exception {
        Path lib = PluginJar.create().source("org.example.lib.Shout",
                "package org.example.lib; public class Shout { public static String up(String s) { return s.toUpperCase(); } }")
                .writeTo(dir.resolve("shout.jar"));
        PluginJar.plugin("loud", "1.0").compileAgainst(lib)
                .step("com.example.Loud", "loud", "", "TextNode.valueOf(org.example.lib.Shout.up(\"hi\"))")
                .services("com.example.Loud").writeTo(f.plugins.resolve("loud.jar"));
        startAndTick();
        assertFailed("loud.jar", "it needs class org.example.lib.Shout, which none of the plugin's JARs holds: ship "
                + "that library with the plugin, as a folder loud/ holding loud.jar and the library's JAR in loud/lib/ "
                + "(com.example.Loud uses it)");
    }

    /** Regression (hostile pass 2): a descriptor throwing an Error ended Tickguard's start (exit 1). */
    @Test
    void aDescriptorThatThrowsAnErrorFailsThePluginNotTheStart() throws Exception {
        PluginJar.plugin("deep", "1.0").source("com.example.Deep", """
                package com.example;
                import com.fasterxml.jackson.databind.JsonNode;
                import com.fasterxml.jackson.databind.node.TextNode;
                import dev.tickguard.spi.*;
                import java.time.Duration;
                public class Deep implements Step {
                    public String id() { return "deep"; }
                    public Priority priority() { return Priority.OPTIONAL; }
                    public Phase phase() { return Phase.PARALLEL; }
                    public int order() { throw new StackOverflowError("deep"); }
                    public Duration timeout() { return Duration.ofSeconds(1); }
                    public JsonNode run(StepContext ctx) { return TextNode.valueOf("x"); }
                    public JsonNode safeDefault() { return TextNode.valueOf("d"); }
                }
                """).services("com.example.Deep").writeTo(f.plugins.resolve("deep.jar"));
        TickRecord r = startAndTick();
        assertFailed("deep.jar", "cannot describe itself");
        assertThat(r.steps()).extracting(dev.tickguard.events.StepRecord::id).doesNotContain("deep");
    }

    @Test
    void pluginFolderWithItsLibraryLoadsAndUsesIt() throws Exception {
        Path lib = PluginJar.create().source("org.example.lib.Shout",
                "package org.example.lib; public class Shout { public static String up(String s) { return s.toUpperCase(); } }")
                .writeTo(f.plugins.resolve("loud/lib/shout-1.0.jar"));
        PluginJar.plugin("loud", "1.0").compileAgainst(lib)
                .step("com.example.Loud", "loud", "", "TextNode.valueOf(org.example.lib.Shout.up(\"hi at \" + ctx.tick()))")
                .services("com.example.Loud").writeTo(f.plugins.resolve("loud/loud.jar"));
        TickRecord r = startAndTick();
        PluginInfo s = f.status("loud");
        assertThat(s.state()).isEqualTo(PluginState.LOADED);
        assertThat(s.sha256()).containsOnlyKeys("loud/loud.jar", "loud/lib/shout-1.0.jar");
        assertThat(f.step(r, "loud").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);
        assertThat(f.output("loud")).isEqualTo("HI AT 1");
    }

    @Test
    void pluginBuiltForAnotherSpiMajorIsRefusedNamingBothVersions() throws Exception {
        PluginJar.plugin("future", "3.0.0").manifest(PluginDescriptor.SPI_VERSION, (SpiVersion.MAJOR + 1) + ".0")
                .step("com.example.Future", "future").writeTo(f.plugins.resolve("future.jar"));
        startAndTick();
        assertFailed("future.jar", "built for Tickguard SPI " + (SpiVersion.MAJOR + 1) + ".0, but this Tickguard has SPI "
                + SpiVersion.VERSION + " (another major version)");
    }

    @Test
    void fileNameThatIsNotAModuleNameLoads() throws Exception {
        PluginJar.create().step("com.example.DiskWatch", "disk_watch").writeTo(f.plugins.resolve("disk-watch-native.jar"));
        TickRecord r = startAndTick();
        PluginInfo s = f.status("disk-watch-native.jar");
        assertThat(s.state()).isEqualTo(PluginState.LOADED);
        // No descriptor: named after its file, with a warning.
        assertThat(s.id()).isEqualTo("disk-watch-native");
        assertThat(s.version()).isEqualTo("unversioned");
        assertThat(f.step(r, "disk_watch").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);
        f.stateEvents();
        assertThat(f.events).filteredOn(e -> e instanceof TickEvent.Notice).singleElement()
                .satisfies(e -> assertThat(((TickEvent.Notice) e).message()).contains(
                        "disk-watch-native.jar has no Tickguard-Plugin-Id in its manifest: loaded as 'disk-watch-native'"));
    }

    @Test
    void pluginReachingForAnInternalClassIsRefused() throws Exception {
        PluginJar.plugin("sneaky", "1.0")
                .step("com.example.Sneaky", "sneaky", "", "TextNode.valueOf(dev.tickguard.ollama.OllamaClient.class.getName())")
                .services("com.example.Sneaky").writeTo(f.plugins.resolve("sneaky.jar"));
        startAndTick();
        assertFailed("sneaky.jar", "class com.example.Sneaky uses dev.tickguard.ollama.OllamaClient, which is internal "
                + "to Tickguard: a plugin may use only dev.tickguard.spi");
    }

    @Test
    void thePackageBehindTheSpiIsInternalToo() throws Exception {
        PluginJar.plugin("sneaky", "1.0")
                .step("com.example.Sneaky", "sneaky", "", "TextNode.valueOf(dev.tickguard.spi.internal.UnavailableLlm.class.getName())")
                .services("com.example.Sneaky").writeTo(f.plugins.resolve("sneaky.jar"));
        startAndTick();
        assertFailed("sneaky.jar", "class com.example.Sneaky uses dev.tickguard.spi.internal.UnavailableLlm, which is "
                + "internal to Tickguard: a plugin may use only dev.tickguard.spi");
    }

    @Test
    void safeDefaultIsCheckedAtLoad() throws Exception {
        PluginJar.plugin("careless", "1.0").source("com.example.Careless", """
                package com.example;
                import com.fasterxml.jackson.databind.JsonNode;
                import dev.tickguard.spi.*;
                import java.time.Duration;
                public class Careless extends BaseStep {
                    public Careless() { super("careless", Priority.CRITICAL, Phase.SEQUENTIAL, 50, Duration.ofSeconds(1)); }
                    public JsonNode run(StepContext ctx) { return null; }
                    public JsonNode safeDefault() { return null; }
                }
                """).services("com.example.Careless").writeTo(f.plugins.resolve("careless.jar"));
        TickRecord r = startAndTick();
        assertFailed("careless.jar", "step 'careless': safeDefault() returned null");
        assertThat(f.step(r, "careless")).isEmpty();
    }

    @Test
    void duplicateIdsHigherVersionWinsLoserNamesTheWinner() throws Exception {
        PluginJar.plugin("diskwatch", "1.0.0").step("com.example.DiskWatch", "disk_watch")
                .writeTo(f.plugins.resolve("diskwatch-1.0.jar"));
        PluginJar.plugin("diskwatch", "1.1.0").step("com.example.DiskWatch", "disk_watch", "",
                        "TextNode.valueOf(\"1.1 at \" + ctx.tick())").services("com.example.DiskWatch")
                .writeTo(f.plugins.resolve("diskwatch-1.1.jar"));
        TickRecord r = startAndTick();
        assertThat(f.state("diskwatch-1.1.jar")).isEqualTo(PluginState.LOADED);
        assertFailed("diskwatch-1.0.jar", "plugin id 'diskwatch' is taken by diskwatch 1.1.0 (diskwatch-1.1.jar), which has "
                + "the higher version");
        assertThat(f.step(r, "disk_watch").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);
        assertThat(f.output("disk_watch")).isEqualTo("1.1 at 1");
    }

    @Test
    void sameStepIdInTwoPluginsHigherVersionWins() throws Exception {
        PluginJar.plugin("alpha", "2.0").step("com.example.A", "shared").writeTo(f.plugins.resolve("alpha.jar"));
        PluginJar.plugin("beta", "3.0").step("com.example.B", "shared").writeTo(f.plugins.resolve("beta.jar"));
        startAndTick();
        assertThat(f.state("beta.jar")).isEqualTo(PluginState.LOADED);
        assertFailed("alpha.jar", "step id 'shared' is taken by beta 3.0.0 (beta.jar), which has the higher version");
    }

    @Test
    void builtInIdCanNeverBeTaken() throws Exception {
        PluginJar.plugin("impostor", "99.0").step("com.example.Impostor", "heartbeat").writeTo(f.plugins.resolve("impostor.jar"));
        TickRecord r = startAndTick();
        assertFailed("impostor.jar", "step id 'heartbeat' belongs to a built-in step, and a built-in id can never be taken");
        assertThat(f.output("heartbeat")).isEqualTo("beat 1");
        assertThat(r.steps()).extracting(s -> s.id()).containsExactly("heartbeat");
    }

    @Test
    void fatJarCarryingItsOwnJacksonLoadsAndUsesTickguardsCopy() throws Exception {
        String textNode = "com/fasterxml/jackson/databind/node/TextNode.class";
        byte[] bytes;
        try (var in = getClass().getClassLoader().getResourceAsStream(textNode)) {
            bytes = in.readAllBytes();
        }
        PluginJar.plugin("fat", "1.0").include(textNode, bytes).step("com.example.Fat", "fat")
                .writeTo(f.plugins.resolve("fat.jar"));
        TickRecord r = startAndTick();
        assertThat(f.state("fat.jar")).isEqualTo(PluginState.LOADED);
        assertThat(f.step(r, "fat").orElseThrow().outcome()).isEqualTo(StepOutcome.SUCCESS);
        assertThat(f.output("fat")).isEqualTo("fat says hi at tick 1");
    }

    @Test
    void constructorThatNeverReturnsFailsAfterTheHookTimeout() throws Exception {
        f.close();
        f = new PluginFixture(dir.resolve("short"), c -> c.with(c.plugins().withHookTimeout(java.time.Duration.ofMillis(300))));
        PluginJar.plugin("sleepy", "1.0")
                .step("com.example.Sleepy", "sleepy", "public Sleepy() throws Exception { new java.util.concurrent.CountDownLatch(1).await(); }", "null")
                .services("com.example.Sleepy").writeTo(f.plugins.resolve("sleepy.jar"));
        startAndTick();
        assertFailed("sleepy.jar", "creating the steps of sleepy.jar did not return within 300 ms (plugins.hook_timeout_sec)");
    }

    @Test
    void folderWithoutItsJarFails() throws Exception {
        Files.createDirectories(f.plugins.resolve("hollow/lib"));
        startAndTick();
        assertFailed("hollow", "folder holds no plugin JAR: put the plugin's JAR in hollow/ and its libraries in hollow/lib/");
    }
}
