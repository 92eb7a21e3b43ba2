package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.app.ui.AppInfo;
import dev.tickguard.config.TickguardConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each effective setting says whether it is the default, from config.yaml, or from the command line. */
class EffectiveSettingsTest {
    @Test
    void sourcesAreDefaultFileOrCommandLine() {
        TickguardConfig file = TickguardConfig.defaults().withTick(t -> t.withLimit(Duration.ofSeconds(90)));
        TickguardConfig effective = file.withTick(t -> t.withInterval(Duration.ofSeconds(5)));
        List<AppInfo.Setting> rows = EffectiveSettings.of(file, effective);

        assertThat(rows).contains(new AppInfo.Setting("tick.interval_sec", "5", "command line"),
                new AppInfo.Setting("tick.limit_sec", "90", "config.yaml"));
        assertThat(rows).filteredOn(r -> r.key().equals("breaker.failure_threshold"))
                .extracting(AppInfo.Setting::source).containsExactly("default");
        assertThat(rows).extracting(AppInfo.Setting::key).doesNotContain("source").anyMatch(k -> k.startsWith("ollama."));
    }
}
