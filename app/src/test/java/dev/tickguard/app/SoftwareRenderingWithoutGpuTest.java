package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 (memory): without a GPU device JavaFX loaded Mesa and LLVM (~45 MB resident) only to refuse
 * software OpenGL and fall back to its software renderer; the window now asks for that renderer at once,
 * and only there.
 */
class SoftwareRenderingWithoutGpuTest {
    @TempDir
    Path dir;

    @Test
    void noGpuDeviceOnLinuxMeansTheSoftwareRenderer() throws Exception {
        assertThat(SoftwareRendering.choice(Map.of(), "Linux", dir.resolve("absent"), null)).isEqualTo("sw");
        Path empty = Files.createDirectories(dir.resolve("dri-empty"));
        assertThat(SoftwareRendering.choice(Map.of(), "Linux", empty, null)).isEqualTo("sw");
        Files.createFile(empty.resolve("by-path")); // not a device node's name
        assertThat(SoftwareRendering.choice(Map.of(), "Linux", empty, null)).isEqualTo("sw");
    }

    @Test
    void aGpuDeviceLeavesJavaFxItsOwnChoice() throws Exception {
        Path card = Files.createDirectories(dir.resolve("dri-card"));
        Files.createFile(card.resolve("card0"));
        assertThat(SoftwareRendering.choice(Map.of(), "Linux", card, null)).isNull();
        Path render = Files.createDirectories(dir.resolve("dri-render"));
        Files.createFile(render.resolve("renderD128"));
        assertThat(SoftwareRendering.choice(Map.of(), "Linux", render, null)).isNull();
    }

    @Test
    void wslsGpuDeviceLeavesJavaFxItsOwnChoiceToo() throws Exception {
        Path dev = Files.createDirectories(dir.resolve("dev"));
        Files.createFile(dev.resolve("dxg"));
        assertThat(SoftwareRendering.choice(Map.of(), "Linux", dev.resolve("dri"), null)).isNull();
    }

    @Test
    void softwareOpenGlForcedByTheEnvironmentMeansTheSoftwareRendererEvenWithAGpu() throws Exception {
        Path card = Files.createDirectories(dir.resolve("dri"));
        Files.createFile(card.resolve("card0"));
        assertThat(SoftwareRendering.choice(Map.of("LIBGL_ALWAYS_SOFTWARE", "1"), "Linux", card, null)).isEqualTo("sw");
        assertThat(SoftwareRendering.choice(Map.of("LIBGL_ALWAYS_SOFTWARE", "0"), "Linux", card, null)).isNull();
    }

    @Test
    void aPrismOrderGivenByTheUserOrAnotherSystemIsLeftAlone() {
        assertThat(SoftwareRendering.choice(Map.of(), "Linux", dir.resolve("absent"), "es2,sw")).isNull();
        assertThat(SoftwareRendering.choice(Map.of(), "Windows 11", dir.resolve("absent"), null)).isNull();
        assertThat(SoftwareRendering.choice(Map.of(), "Mac OS X", dir.resolve("absent"), null)).isNull();
    }
}
