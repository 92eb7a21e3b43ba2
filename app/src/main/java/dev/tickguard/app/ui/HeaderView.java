package dev.tickguard.app.ui;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.spi.SystemMode;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/** The header: binds the mode badge, tick counter, buttons, endpoint line and chaos banner. */
public final class HeaderView {
    private final HeaderViewModel vm;
    private final BooleanProperty darkTheme;
    @FXML private Label modeBadge;
    @FXML private Label tickLabel;
    @FXML private Label nextLabel;
    @FXML private Button runNow;
    @FXML private Button pause;
    @FXML private Label intervalLabel;
    @FXML private TextField interval;
    @FXML private ToggleButton dark;
    @FXML private Label endpoint;
    @FXML private Label intervalError;
    @FXML private HBox chaosBanner;
    @FXML private Label chaosTitle;
    @FXML private FlowPane chaosChips;
    @FXML private Button clearChaos;

    public HeaderView(HeaderViewModel vm, BooleanProperty darkTheme) {
        this.vm = vm;
        this.darkTheme = darkTheme;
    }

    @FXML
    private void initialize() {
        modeBadge.textProperty().bind(vm.modeTextProperty());
        modeBadge.setTooltip(tip(vm.modeHelpProperty().get()));
        vm.modeHelpProperty().addListener((o, a, b) -> modeBadge.getTooltip().setText(b));
        vm.modeProperty().addListener((o, a, b) -> styleMode(b));
        styleMode(vm.modeProperty().get());
        tickLabel.textProperty().bind(vm.tickTextProperty());
        nextLabel.textProperty().bind(vm.nextTextProperty());
        // Texts that change each tick (or call) lay out their slot only, not the window (issue 18, ui-storm).
        SteadySlot.wrap(tickLabel);
        SteadySlot.wrap(nextLabel);
        runNow.setTooltip(tip("Start a tick now, even while paused (Ctrl+R)."));
        pause.textProperty().bind(vm.pausedProperty().map(p -> p ? "Res_ume" : "_Pause"));
        pause.setTooltip(tip("Stop starting new ticks; a running tick finishes (Ctrl+P)."));
        pause.disableProperty().bind(vm.stoppedProperty());
        runNow.disableProperty().bind(vm.stoppedProperty());
        intervalLabel.setLabelFor(interval);
        interval.textProperty().bindBidirectional(vm.intervalProperty());
        interval.setTooltip(tip("Seconds between tick starts; 0 runs ticks back to back. Press Enter to apply."));
        interval.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                vm.applyInterval();
            }
        });
        intervalError.textProperty().bind(vm.intervalErrorProperty());
        dark.selectedProperty().bindBidirectional(darkTheme);
        dark.setTooltip(tip("Switch between the light and the dark theme (remembered)."));
        endpoint.textProperty().bind(vm.endpointTextProperty());
        SteadySlot.wrap(endpoint); // "last chat call answered in N ms": each call
        endpoint.setTooltip(tip(vm.endpointHelpProperty().get()));
        vm.endpointHelpProperty().addListener((o, a, b) -> endpoint.getTooltip().setText(b));
        vm.endpointReachableProperty().addListener((o, a, b) -> styleEndpoint(b));
        styleEndpoint(vm.endpointReachableProperty().get());
        chaosBanner.visibleProperty().bind(vm.chaosActiveProperty());
        chaosBanner.managedProperty().bind(vm.chaosActiveProperty());
        chaosTitle.textProperty().bind(vm.chaosTitleProperty());
        clearChaos.setTooltip(tip("Switch every fault off and set forced breakers back to Auto (Ctrl+K)."));
        vm.chaos().addListener((ListChangeListener<Chaos>) c -> chips());
        chips();
    }

    private void chips() {
        chaosChips.getChildren().setAll(vm.chaos().stream().map(this::chip).toList());
    }

    private Button chip(Chaos c) {
        Button b = new Button(c + "  x");
        b.setMnemonicParsing(false); // step ids have underscores: "fail:goal_selection", not "fail:goalselection"
        b.getStyleClass().add("chaos-chip");
        b.setTooltip(tip("Active fault " + c + ". Click to switch it off."));
        b.setOnAction(e -> vm.removeChaos(c));
        return b;
    }

    private void styleMode(SystemMode m) {
        modeBadge.getStyleClass().removeIf(s -> s.startsWith("mode-") && !s.equals("mode-badge"));
        modeBadge.getStyleClass().add("mode-" + m.name().toLowerCase(Locale.ROOT));
    }

    private void styleEndpoint(Boolean reachable) {
        endpoint.getStyleClass().removeAll("endpoint-ok", "endpoint-down");
        if (reachable != null) {
            endpoint.getStyleClass().add(reachable ? "endpoint-ok" : "endpoint-down");
        }
    }

    static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(Duration.millis(300));
        t.setWrapText(true);
        t.setMaxWidth(420);
        return t;
    }

    @FXML
    private void runNow() {
        vm.runNow();
    }

    @FXML
    private void togglePause() {
        vm.togglePause();
    }

    @FXML
    private void applyInterval() {
        vm.applyInterval();
    }

    @FXML
    private void clearChaos() {
        vm.clearChaos();
    }
}
