package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a display the window cannot open: one clear line pointing at --headless, before anything starts. */
class NoDisplayTest {
    @Test
    void linuxWithoutDisplayIsRefusedWithAHint() {
        assertThat(DashboardLauncher.displayProblem(Map.of(), "Linux", null))
                .contains("DISPLAY is not set").contains("--headless");
        assertThat(DashboardLauncher.displayProblem(Map.of("DISPLAY", " "), "Linux", null)).isNotNull();
    }

    @Test
    void anXOrWaylandDisplayOrMonocleOrAnotherOsIsFine() {
        assertThat(DashboardLauncher.displayProblem(Map.of("DISPLAY", ":0"), "Linux", null)).isNull();
        assertThat(DashboardLauncher.displayProblem(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux", null)).isNull();
        assertThat(DashboardLauncher.displayProblem(Map.of(), "Linux", "Monocle")).isNull();
        assertThat(DashboardLauncher.displayProblem(Map.of(), "Windows 11", null)).isNull();
    }
}
