package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 item 4: the mode history strip, desktop notifications, export, Help. */
class MonitorExtrasTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    @TempDir
    Path dir;

    @Test
    void theModeHistoryAddsUpTheTimeInEachModeAndANewReasonIsNoNewStretch() {
        ModeHistory h = new ModeHistory();
        h.start(T0, SystemMode.NORMAL);
        h.changed(T0.plusSeconds(60), SystemMode.DEGRADED);
        h.changed(T0.plusSeconds(70), SystemMode.DEGRADED); // same mode, new reason
        h.changed(T0.plusSeconds(90), SystemMode.RECOVERY);
        h.changed(T0.plusSeconds(100), SystemMode.NORMAL);
        Instant now = T0.plusSeconds(200);
        assertThat(h.segments(now)).extracting(ModeHistory.Segment::mode).containsExactly(SystemMode.NORMAL,
                SystemMode.DEGRADED, SystemMode.RECOVERY, SystemMode.NORMAL);
        assertThat(h.time(now)).containsEntry(SystemMode.NORMAL, Duration.ofSeconds(160))
                .containsEntry(SystemMode.DEGRADED, Duration.ofSeconds(30)).containsEntry(SystemMode.RECOVERY,
                        Duration.ofSeconds(10));
        assertThat(h.summary(now, java.time.ZoneOffset.UTC)).isEqualTo("NORMAL 80%, DEGRADED 15%, RECOVERY 5% since 12:00");
        assertThat(h.detail(now, java.time.ZoneOffset.UTC)).startsWith("Time in each mode since 12:00:00:")
                .contains("NORMAL     2m 40s");
    }

    /**
     * Issue 18 (the window tells the truth): the strip said "NORMAL 100% of the last 4s" on a window open for
     * minutes, since its span grows every second and the window's clock sleeps while nothing changes. It
     * says since when; its words hold until a share changes, and give the date once it was not today.
     */
    @Test
    void theModeStripSaysSinceWhenSoItsWordsStayTrueWhileTheWindowSleeps() {
        var zone = java.time.ZoneId.of("Europe/Berlin");
        ModeHistory h = new ModeHistory();
        h.start(T0, SystemMode.NORMAL); // 13:00 in Berlin
        assertThat(h.summary(T0.plusSeconds(4), zone)).isEqualTo("NORMAL 100% since 13:00");
        assertThat(h.summary(T0.plus(Duration.ofMinutes(50)), zone)).isEqualTo("NORMAL 100% since 13:00");
        assertThat(h.summary(T0.plus(Duration.ofHours(12)), zone)).isEqualTo("NORMAL 100% since Dec 6 13:00");
    }

    @Test
    void aNotificationWhenTheModeLeavesNormalAndWhenItReturnsOnlyAndNoneWhenSwitchedOff() {
        List<String> sent = new ArrayList<>();
        ModeNotifications n = new ModeNotifications();
        n.sender((title, body) -> sent.add(title + " | " + body));
        String down = "Ollama is not reachable at http://127.0.0.1:9: start it with `ollama serve`";
        n.apply(new TickEvent.ModeChanged(T0, SystemMode.NORMAL, SystemMode.DEGRADED, down));
        n.apply(new TickEvent.ModeChanged(T0, SystemMode.DEGRADED, SystemMode.DEGRADED, "and 2 steps keep failing"));
        n.apply(new TickEvent.ModeChanged(T0, SystemMode.DEGRADED, SystemMode.RECOVERY, "cause cleared"));
        n.apply(new TickEvent.ModeChanged(T0, SystemMode.RECOVERY, SystemMode.NORMAL, "a good tick"));
        assertThat(sent).containsExactly("Tickguard: DEGRADED | " + down, "Tickguard: back to NORMAL | a good tick");
        n.enabledProperty().set(false);
        n.apply(new TickEvent.ModeChanged(T0, SystemMode.NORMAL, SystemMode.EMERGENCY, "disk full"));
        assertThat(sent).hasSize(2);
        assertThat(DesktopNotifier.command("Tickguard: DEGRADED", down))
                .containsExactly("notify-send", "--app-name=Tickguard", "Tickguard: DEGRADED", down);
    }

    @Test
    void theNotificationsSwitchIsSavedWithTheWindowSettings() {
        new WindowPrefs(10, 20, 1100, 760, false, 2, true, false).save(dir);
        assertThat(WindowPrefs.load(dir).notifications()).isFalse();
        new WindowPrefs(10, 20, 1100, 760, false, 2, true).save(dir);
        assertThat(WindowPrefs.load(dir).notifications()).isTrue();
    }

    private static TickRecord tick(long n) {
        List<StepRecord> steps = List.of(
                new StepRecord("monologue", Priority.CRITICAL, Phase.SEQUENTIAL, 0, 800, 3000, StepOutcome.SUCCESS, null,
                        null, null, false),
                new StepRecord("goal_selection", Priority.IMPORTANT, Phase.SEQUENTIAL, 800, 0, 3000, StepOutcome.FALLBACK,
                        StepCause.ERROR, FallbackSource.CUSTOM, "said \"no\", then, stopped", false));
        return new TickRecord(n, T0.plusSeconds(n), 800, SystemMode.DEGRADED, false, null, null, TickCounts.of(steps),
                Map.of(), steps, 0);
    }

    @Test
    void exportWritesOneJsonLinePerTickAndOneCsvRowPerStepQuotedAsRfc4180() throws Exception {
        StringWriter csv = new StringWriter();
        TickExport.csv(List.of(tick(7)), csv);
        assertThat(csv.toString().lines()).containsExactly(TickExport.CSV_HEADER,
                "7,2026-12-06T12:00:07Z,DEGRADED,false,monologue,1,CRITICAL,SUCCESS,,,0,800,3000,false,",
                "7,2026-12-06T12:00:07Z,DEGRADED,false,goal_selection,1,IMPORTANT,FALLBACK,"
                        + StepCause.ERROR.label() + "," + FallbackSource.CUSTOM.label()
                        + ",800,0,3000,false,\"said \"\"no\"\", then, stopped\"");

        Path file = dir.resolve("ticks.jsonl");
        TickExport.write(List.of(tick(7), tick(8)), file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(1));
        assertThat(json.get("tick").asLong()).isEqualTo(8);
        assertThat(json.get("steps").get(1).get("error").asText()).isEqualTo("said \"no\", then, stopped");
        assertThat(json.get("steps").get(1).get("duration_ms").asLong()).isZero();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("ticks.jsonl"); // no temp file left
        }
    }

    @Test
    void helpNamesEveryShortcutColourAndLetterAndAboutTheVersion() {
        assertThat(HelpText.HELP).contains("Ctrl+R", "Ctrl+P", "Ctrl+K", "Ctrl+1..7", "F1", "C  the step's custom fallback",
                "K  the result cache", "D  the safe default", "NORMAL (green)", "DEGRADED (amber)", "RECOVERY (blue)",
                "EMERGENCY (red)", "% ok of N calls since closed");
        assertThat(HelpText.about()).startsWith("Tickguard " + AppVersion.get());
    }
}
