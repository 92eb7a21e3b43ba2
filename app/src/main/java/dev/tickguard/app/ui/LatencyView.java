package dev.tickguard.app.ui;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;

/** The Ollama latency tab: the figures line and the chart. */
public final class LatencyView {
    private final LatencyViewModel vm;
    private LatencyCanvas chart;
    @FXML private Label summary;
    @FXML private Pane canvasHolder;

    public LatencyView(LatencyViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        chart = new LatencyCanvas(vm);
        chart.prefWidthProperty().bind(canvasHolder.widthProperty());
        chart.prefHeightProperty().bind(canvasHolder.heightProperty());
        canvasHolder.getChildren().add(chart);
        summary.textProperty().bind(vm.summaryProperty());
        SteadySlot.wrap(summary); // new figures with each batch of calls: lay out this line only (issue 18)
        summary.setTooltip(HeaderView.tip("p50 / p95: half / 95 % of successful calls were faster than this. "
                + "First token: how long a streamed answer took to start. Refused: calls a breaker stopped before "
                + "they were sent."));
        vm.versionProperty().addListener((o, a, b) -> chart.draw());
    }

    void palette(Palette p) {
        chart.palette(p);
    }
}
