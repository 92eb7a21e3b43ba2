package dev.tickguard.app.ui;

import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.controlsfx.control.SegmentedButton;

/**
 * One breaker drawn from its view model: a big tile for the LLM breakers, a compact row for step
 * breakers. The state is a word (and a colour), the switch a three-way segmented button.
 */
final class BreakerTile {
    private BreakerTile() {
    }

    /** The big tile: name, state, counts, countdown, last change, sparkline, switch. */
    static VBox tile(BreakerTileViewModel vm) {
        Label name = new Label(vm.name());
        name.getStyleClass().add("tile-name");
        Label state = stateLabel(vm);
        state.getStyleClass().add("tile-state");
        Label detail = new Label();
        detail.textProperty().bind(vm.detailTextProperty());
        detail.setTooltip(HeaderView.tip("Failures in a row: what opens the breaker (at the threshold). "
                + "% ok: the share of the calls it counted since it entered its present state that succeeded."));
        Label countdown = new Label();
        countdown.textProperty().bind(vm.countdownTextProperty());
        countdown.getStyleClass().add("countdown");
        Label last = new Label();
        last.textProperty().bind(vm.lastChangeTextProperty());
        last.getStyleClass().add("muted");
        last.setWrapText(true);
        Canvas spark = sparkline(vm, 140, 22);
        // An Ollama endpoint's chat tile: the server's calls in flight, latency and loaded models.
        Label endpoint = new Label();
        endpoint.textProperty().bind(vm.endpointTextProperty());
        endpoint.getStyleClass().add("endpoint");
        endpoint.setWrapText(true);
        endpoint.managedProperty().bind(vm.endpointTextProperty().isNotEmpty());
        endpoint.visibleProperty().bind(endpoint.managedProperty());
        // The counts change with each call: their slot is laid out, not the panel (issue 18, ui-storm).
        VBox box = new VBox(2, name, state, endpoint, SteadySlot.of(detail), countdown, last, spark, modeSwitch(vm, true));
        box.getStyleClass().add("breaker-tile");
        box.setMinWidth(156);
        stateStyle(box, vm.stateProperty().get());
        vm.stateProperty().addListener((o, a, b) -> stateStyle(box, b));
        return box;
    }

    /** The compact row of a step breaker. */
    static HBox row(BreakerTileViewModel vm) {
        Label name = new Label(vm.name().replaceFirst("^step:", ""));
        name.setMinWidth(60);
        name.setPrefWidth(120);
        name.setTooltip(HeaderView.tip("Breaker " + vm.name()));
        name.getStyleClass().add("row-name");
        Label state = stateLabel(vm);
        state.setMinWidth(Region.USE_PREF_SIZE);
        state.getStyleClass().add("row-state");
        Label countdown = new Label();
        countdown.textProperty().bind(vm.shortCountdownProperty());
        countdown.getStyleClass().add("countdown");
        countdown.setMinWidth(Region.USE_PREF_SIZE);
        countdown.setTooltip(HeaderView.tip("Time until the next call is let through as a trial (half-open)."));
        countdown.managedProperty().bind(vm.shortCountdownProperty().isNotEmpty());
        countdown.visibleProperty().bind(countdown.managedProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        // Compact: no sparkline (the LLM tiles have theirs); the state word and a short countdown.
        HBox row = new HBox(6, name, state, countdown, gap, modeSwitch(vm, false));
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("breaker-row");
        return row;
    }

    private static Label stateLabel(BreakerTileViewModel vm) {
        Label state = new Label();
        state.textProperty().bind(vm.stateTextProperty());
        state.setTooltip(HeaderView.tip(vm.helpProperty().get()));
        vm.helpProperty().addListener((o, a, b) -> state.getTooltip().setText(b));
        Runnable style = () -> {
            state.getStyleClass().removeIf(s -> s.startsWith("state-"));
            state.getStyleClass().add(stateClass(vm.stateProperty().get()));
        };
        vm.stateProperty().addListener((o, a, b) -> style.run());
        style.run();
        return state;
    }

    static String stateClass(BreakerState s) {
        return "state-" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void stateStyle(VBox box, BreakerState s) {
        box.getStyleClass().removeIf(c -> c.startsWith("tile-state-"));
        box.getStyleClass().add("tile-" + stateClass(s));
    }

    /** Auto / Force open / Force closed: the words say Open and Closed, the tooltips say forced. */
    private static SegmentedButton modeSwitch(BreakerTileViewModel vm, boolean big) {
        ToggleButton auto = new ToggleButton("Auto");
        ToggleButton open = new ToggleButton("Open");
        ToggleButton closed = new ToggleButton("Closed");
        auto.setUserData(BreakerMode.AUTO);
        open.setUserData(BreakerMode.FORCE_OPEN);
        closed.setUserData(BreakerMode.FORCE_CLOSED);
        auto.setTooltip(HeaderView.tip("Auto: the calls decide (open after failures, trial after the delay)."));
        open.setTooltip(HeaderView.tip("Force open: refuse every call of " + vm.name() + "; its callers use fallbacks."));
        closed.setTooltip(HeaderView.tip("Force closed: let every call of " + vm.name()
                + " through and count no failure."));
        for (ToggleButton t : java.util.List.of(auto, open, closed)) {
            t.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // "Auto", never "A..." at 1024 wide
        }
        SegmentedButton sb = new SegmentedButton(auto, open, closed);
        sb.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        sb.getStyleClass().add("mode-switch");
        sb.setId("mode-" + vm.name().replace(':', '-'));
        Runnable show = () -> {
            for (var t : sb.getButtons()) {
                t.setSelected(t.getUserData() == vm.modeProperty().get());
            }
        };
        vm.modeProperty().addListener((o, a, b) -> show.run());
        show.run();
        sb.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                show.run(); // a segmented switch always has one position
            } else if (now.getUserData() != vm.modeProperty().get()) {
                vm.modeProperty().set((BreakerMode) now.getUserData());
            }
        });
        return sb;
    }

    /** Recent calls: a bar per call, height by latency, red below the line for a failure. */
    private static Canvas sparkline(BreakerTileViewModel vm, double w, double h) {
        Canvas c = new Canvas(w, h);
        c.getStyleClass().add("sparkline");
        Runnable draw = () -> {
            GraphicsContext g = c.getGraphicsContext2D();
            g.clearRect(0, 0, w, h);
            long[] calls = vm.spark();
            long max = 1;
            for (long v : calls) {
                max = Math.max(max, Math.abs(v));
            }
            double bw = w / BreakerTileViewModel.SPARK;
            for (int i = 0; i < calls.length; i++) {
                double x = w - (calls.length - i) * bw;
                if (calls[i] > 0) {
                    double bh = Math.max(2, (h - 2) * Math.sqrt((double) calls[i] / max));
                    g.setFill(Color.web("#3f9a5a"));
                    g.fillRect(x, h - bh, Math.max(1, bw - 1), bh);
                } else {
                    g.setFill(Color.web("#d64545"));
                    g.fillRect(x, 0, Math.max(1, bw - 1), h);
                }
            }
        };
        vm.sparkVersionProperty().addListener((o, a, b) -> draw.run());
        draw.run();
        return c;
    }
}
