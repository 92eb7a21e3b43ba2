package dev.tickguard.app.ui;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;

/**
 * The timeline panel: the canvas, its scroll bar and zoom, and the detail strip of the selected
 * step. Click a bar (or use the arrow keys) to select; Enter moves to the result JSON.
 */
public final class TimelineView {
    private final TimelineViewModel vm;
    private TimelineCanvas canvas;
    private final Tooltip hover = HeaderView.tip("");
    /** The pointer's last place on the canvas (x < 0: outside), to refresh the tooltip when the bars move. */
    private double pointerX = -1;
    private double pointerY;
    private double pointerScreenX;
    private double pointerScreenY;
    @FXML private Label range;
    @FXML private Label legend;
    @FXML private Button zoomIn;
    @FXML private Button zoomOut;
    @FXML private Pane canvasHolder;
    @FXML private ScrollBar scroll;
    @FXML private Label selectionTitle;
    @FXML private TextArea json;
    @FXML private Label selectionError;

    public TimelineView(TimelineViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        canvas = new TimelineCanvas(vm);
        canvas.setId("timeline-canvas");
        canvas.setFocusTraversable(true);
        canvasHolder.getChildren().add(canvas);
        canvas.prefWidthProperty().bind(canvasHolder.widthProperty());
        canvas.prefHeightProperty().bind(canvasHolder.heightProperty());
        canvasHolder.setMinHeight(80);
        range.textProperty().bind(vm.rangeTextProperty());
        // The range and the scroll bar change with each tick: they lay out their slot only (issue 18, ui-storm).
        SteadySlot.wrap(range);
        SteadySlot.wrap(scroll);
        legend.setTooltip(HeaderView.tip("Each row is one tick, newest on top. Phase 1 steps run one after another on "
                + "the top lane; phase 2 steps run in parallel, one lane each below. A bar spans the step's start to end."));
        zoomIn.setTooltip(HeaderView.tip("Zoom in on the time axis"));
        zoomOut.setTooltip(HeaderView.tip("Zoom out on the time axis"));
        selectionTitle.textProperty().bind(vm.selectionTitleProperty());
        json.textProperty().bind(vm.selectionJsonProperty());
        json.setTooltip(HeaderView.tip("The selected step's result as JSON (its own, or the fallback's)."));
        selectionError.textProperty().bind(vm.selectionErrorProperty());
        vm.versionProperty().addListener((o, a, b) -> {
            updateScroll();
            canvas.draw();
            if (hover.isShowing()) {
                hover(); // the bars moved under a still pointer: describe what is under it now, or nothing
            }
        });
        scroll.setMin(0);
        scroll.setId("timeline-scroll");
        // The rows that fit change with the canvas's height: the scroll bar's page follows (it was set
        // only on new ticks, so after a resize it paged by the old height until the next tick).
        canvas.heightProperty().addListener(o -> updateScroll());
        scroll.valueProperty().addListener((o, a, b) -> canvas.firstRow((int) Math.round(b.doubleValue())));
        canvas.setOnMouseClicked(e -> {
            canvas.requestFocus();
            TimelineCanvas.Hit h = canvas.hit(e.getX(), e.getY());
            if (h != null) {
                vm.select(h.tick(), h.step().id());
            }
        });
        canvas.setOnMouseMoved(e -> {
            pointerX = e.getX();
            pointerY = e.getY();
            pointerScreenX = e.getScreenX();
            pointerScreenY = e.getScreenY();
            hover();
        });
        canvas.setOnMouseExited(e -> {
            pointerX = -1;
            hover.hide();
        });
        canvas.setOnScroll(e -> scroll.setValue(Math.max(0, Math.min(scroll.getMax(),
                scroll.getValue() - Math.signum(e.getDeltaY()) * 3))));
        canvas.setOnKeyPressed(e -> {
            KeyCode k = e.getCode();
            switch (k) {
                case UP -> vm.moveSelection(1, 0);
                case DOWN -> vm.moveSelection(-1, 0);
                case LEFT -> vm.moveSelection(0, -1);
                case RIGHT -> vm.moveSelection(0, 1);
                case ENTER -> json.requestFocus();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        updateScroll();
    }

    /** Shows the tooltip of the bar under the pointer, or hides it if there is none. */
    private void hover() {
        TimelineCanvas.Hit h = pointerX < 0 ? null : canvas.hit(pointerX, pointerY);
        if (h == null) {
            hover.hide();
            return;
        }
        hover.setText(TimelineViewModel.describe(h.tick(), h.step()) + served(vm.servedBy(h.tick(), h.step().id())));
        if (!hover.isShowing()) {
            hover.show(canvas, pointerScreenX + 12, pointerScreenY + 12);
        }
    }

    private static String served(String words) {
        return words.isEmpty() ? "" : "\n" + words;
    }

    /** The tooltip's text, for tests ("" when hidden). */
    String hoverText() {
        return hover.isShowing() ? hover.getText() : "";
    }

    private void updateScroll() {
        int rows = vm.ticks().size();
        int page = canvas.visibleRows();
        scroll.setMax(Math.max(0, rows - 1));
        scroll.setVisibleAmount(Math.max(1, Math.min(rows, page)));
        scroll.setBlockIncrement(page);
    }

    /** Where the time axis starts on the canvas (x of a bar that starts with its tick), for tests and tools. */
    public static double firstBarX() {
        return TimelineCanvas.LABEL_W;
    }

    /** The canvas colours follow the theme. */
    void palette(Palette p) {
        canvas.palette(p);
    }

    @FXML
    private void zoomIn() {
        canvas.zoom(2);
    }

    @FXML
    private void zoomOut() {
        canvas.zoom(0.5);
    }
}
