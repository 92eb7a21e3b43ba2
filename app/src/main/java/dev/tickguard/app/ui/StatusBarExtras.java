package dev.tickguard.app.ui;

import dev.tickguard.control.TickEntry;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

/**
 * What a monitor's user expects beside the status line (issue 18 item 4): a strip of the time spent in
 * each mode, a switch for desktop notifications, one-click export of the timeline's ticks, Help and
 * About. Added to the status bar's sides, so the tab pane and the header stay as they are. FX thread only.
 */
final class StatusBarExtras {
    private static final Logger LOG = Logger.getLogger("tickguard");
    private static final double STRIP_W = 160;
    private static final double STRIP_H = 10;
    private final DashboardViewModel vm;
    private final Stage stage;
    private final Canvas strip = new Canvas(STRIP_W, STRIP_H);
    private final Label modes = new Label();
    private final ToggleButton notify = new ToggleButton("Notify");
    private final javafx.scene.control.Tooltip stripTip = HeaderView.tip("");
    private Palette palette = Palette.LIGHT;
    private String shownSummary = "";
    private List<Bar> shownBars = List.of();

    StatusBarExtras(DashboardViewModel vm, Stage stage, StatusBar bar, DesktopNotifier notifier, boolean notifyOn) {
        this.vm = vm;
        this.stage = stage;
        strip.setId("mode-strip");
        modes.setId("mode-history");
        modes.getStyleClass().add("muted");
        modes.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox left = new HBox(6, strip, modes, new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL));
        left.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        // Each mode's time up to the moment the tooltip shows, not up to the strip's last redraw.
        stripTip.setOnShowing(e -> stripTip.setText(vm.modes().detail(vm.now(), vm.zone())));
        javafx.scene.control.Tooltip.install(strip, stripTip);
        modes.setTooltip(stripTip);
        bar.getLeftItems().add(left);

        vm.notifications().sender(notifier);
        notify.setId("notify");
        notify.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        notify.setSelected(notifyOn && notifier.available());
        notify.setDisable(!notifier.available());
        vm.notifications().enabledProperty().bind(notify.selectedProperty());
        notify.setTooltip(HeaderView.tip(notifier.available()
                ? "A desktop notification when the mode leaves NORMAL and when it returns (remembered)."
                : "Desktop notifications need notify-send (libnotify-bin), which is not installed: off."));
        Button export = button("export", "Export...", "Save the timeline's ticks as JSON lines (.jsonl) or CSV (.csv).",
                this::export);
        Button help = button("help", "Help", "Shortcuts, and what each colour and letter means (F1).", this::help);
        Button about = button("about", "About", "Tickguard's version.", this::about);
        bar.getRightItems().addAll(notify, export, help, about);
        refresh(true);
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the status text shortens, never a button
        b.setMnemonicParsing(false);
        b.setTooltip(HeaderView.tip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** The notifications switch, saved with the window settings. */
    ToggleButton notifySwitch() {
        return notify;
    }

    void palette(Palette p) {
        palette = p;
        refresh(true);
    }

    /**
     * Redraws the strip if its words or its drawing changed (the window calls it on its clock, at most every
     * 5 s, at least every minute), or always with {@code force}. The drawing is compared too: after a mode
     * came back, the shares (and the words) can stay the same for hours while the stretches move along.
     */
    void refresh(boolean force) {
        Instant now = vm.now();
        ModeHistory h = vm.modes();
        String summary = h.summary(now, vm.zone());
        List<ModeHistory.Segment> segments = h.segments(now);
        List<Bar> bars = bars(segments, now);
        if (!force && summary.equals(shownSummary) && bars.equals(shownBars)) {
            return;
        }
        shownSummary = summary;
        shownBars = bars;
        modes.setText(summary);
        GraphicsContext g = strip.getGraphicsContext2D();
        g.setFill(palette.grid());
        g.fillRect(0, 0, STRIP_W, STRIP_H);
        for (Bar bar : bars) {
            g.setFill(colour(bar.mode()));
            g.fillRect(bar.x(), 0, bar.w(), STRIP_H);
        }
        stripTip.setText(h.detail(now, vm.zone()));
    }

    /** One stretch on the strip, in whole pixels. */
    record Bar(int x, int w, SystemMode mode) {
    }

    /** The stretches as the strip draws them: whole pixels, at least one wide so a short stretch still shows. */
    static List<Bar> bars(List<ModeHistory.Segment> segments, Instant now) {
        if (segments.isEmpty()) {
            return List.of();
        }
        double from = segments.get(0).from().toEpochMilli();
        double span = Math.max(1, now.toEpochMilli() - from);
        List<Bar> out = new java.util.ArrayList<>(segments.size());
        for (ModeHistory.Segment s : segments) {
            int w = (int) Math.max(1, Math.round(s.length().toMillis() / span * STRIP_W));
            // Inside the strip: a stretch that has just begun (the mode the header shows now) gets the last pixel.
            int x = (int) Math.min(STRIP_W - w, Math.round((s.from().toEpochMilli() - from) / span * STRIP_W));
            out.add(new Bar(x, w, s.mode()));
        }
        return out;
    }

    private Color colour(SystemMode m) {
        return switch (m) {
            case NORMAL -> palette.success();
            case DEGRADED -> palette.fallback();
            case RECOVERY -> palette.chat();
            case EMERGENCY -> palette.failed();
        };
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the timeline's ticks");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName("tickguard-ticks.jsonl");
        File f = chooser.showSaveDialog(stage);
        if (f == null) {
            return;
        }
        List<TickRecord> ticks = vm.timeline().ticks().stream().map(TickEntry::record).toList();
        try {
            TickExport.write(ticks, f.toPath());
            LOG.info("[Dashboard] exported " + ticks.size() + " ticks to " + f);
        } catch (IOException | RuntimeException e) {
            LOG.warning("[Dashboard] cannot export to " + f + ": " + e.getMessage());
            show(Alert.AlertType.ERROR, "Export failed", "Cannot write " + f + ": " + e.getMessage());
        }
    }

    void help() {
        show(Alert.AlertType.INFORMATION, "Help", HelpText.HELP);
    }

    private void about() {
        show(Alert.AlertType.INFORMATION, "About Tickguard", HelpText.about());
    }

    private void show(Alert.AlertType type, String title, String text) {
        Alert a = new Alert(type, "", ButtonType.CLOSE);
        a.initOwner(stage);
        a.setTitle(title);
        a.setHeaderText(title);
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.getStyleClass().add("json"); // monospace
        area.setPrefColumnCount(90);
        area.setPrefRowCount(Math.min(30, (int) text.lines().count() + 1));
        a.getDialogPane().setContent(area);
        a.show();
    }
}
