package dev.tickguard.app.ui;

import java.util.logging.Level;
import javafx.fxml.FXML;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import org.controlsfx.control.textfield.TextFields;

/** The log tab: the tick log, filterable by level, step and text; follows the newest line. */
public final class LogView {
    private final LogViewModel vm;
    private boolean showing;
    /** The list is to show its newest line once the pulse has laid it out (FX thread). */
    private boolean followPending;
    private final Runnable followAfterLayout = this::followAfterLayout;
    /** Pulses in a row that found the newest line not yet fully in view: bounded, never a busy loop. */
    private int followTries;
    @FXML private HBox filters;
    @FXML private Label levelLabel;
    @FXML private ComboBox<LogViewModel.Shown> level;
    @FXML private Label stepLabel;
    @FXML private Label textLabel;
    @FXML private Label count;
    @FXML private ListView<LogViewModel.Line> lines;

    public LogView(LogViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        level.getItems().setAll(LogViewModel.Shown.values());
        level.valueProperty().bindBidirectional(vm.levelProperty());
        levelLabel.setLabelFor(level);
        TextField step = TextFields.createClearableTextField();
        step.setPromptText("step id");
        step.textProperty().bindBidirectional(vm.stepProperty());
        TextField text = TextFields.createClearableTextField();
        text.setPromptText("any text");
        text.setPrefColumnCount(24);
        text.textProperty().bindBidirectional(vm.textProperty());
        stepLabel.setLabelFor(step);
        textLabel.setLabelFor(text);
        filters.getChildren().add(filters.getChildren().indexOf(stepLabel) + 1, step);
        filters.getChildren().add(filters.getChildren().indexOf(textLabel) + 1, text);
        lines.setPlaceholder(new Label("No log lines match."));
        lines.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(LogViewModel.Line line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("log-warn", "log-error");
                if (empty || line == null) {
                    setText(null);
                    return;
                }
                setText(line.toString());
                if (line.level() == Level.SEVERE) {
                    getStyleClass().add("log-error");
                } else if (line.level() == Level.WARNING) {
                    getStyleClass().add("log-warn");
                }
            }
        });
        vm.shown().addListener((javafx.collections.ListChangeListener<LogViewModel.Line>) c -> {
            if (showing) {
                follow();
            }
        });
        lines.sceneProperty().addListener((o, a, b) -> {
            if (a != null) {
                a.removePostLayoutPulseListener(followAfterLayout);
            }
            if (b != null) {
                b.addPostLayoutPulseListener(followAfterLayout);
            }
        });
        showing(false);
    }

    /**
     * The window says whether the Log tab is shown. A hidden list holds no items: updating a list
     * view nobody sees would cost a layout per frame under a storm of events.
     */
    void showing(boolean on) {
        showing = on;
        lines.setItems(on ? vm.shown() : javafx.collections.FXCollections.emptyObservableList());
        if (on) {
            follow();
        }
    }

    private void follow() {
        count.setText(vm.shown().size() + " of " + vm.lines().size() + " lines");
        if (!vm.shown().isEmpty()) {
            lines.scrollTo(vm.shown().size() - 1);
            followPending = true;
        }
    }

    /**
     * After the pulse's layout pass: scrolls to the newest line again and lays the list out in the same
     * pulse. A scroll asked for as lines arrive is applied before the list's skin has taken the new item
     * count (it does so in its layout): it aimed at the old end, and the newest lines of each batch stayed
     * hidden below the view (a tick's last 1-4 lines, e.g. its "Completed." line, until the next tick).
     */
    private void followAfterLayout() {
        if (!followPending) {
            return;
        }
        followPending = false;
        if (!showing || vm.shown().isEmpty()) {
            followTries = 0;
            return;
        }
        int last = vm.shown().size() - 1;
        if (lines.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow) {
            flow.scrollTo(last); // "fully visible", to the pixel, now that the cells are laid out
            lines.layout();
            // A cell measured in this layout can still change the view (a wider line brings the horizontal
            // scroll bar): look again in the next pulse, a few times at most.
            if (!newestLineInView(flow, last) && ++followTries < 4) {
                followPending = true;
                lines.requestLayout();
                return;
            }
        } else {
            lines.scrollTo(last);
        }
        followTries = 0;
    }

    /** True if the list shows line {@code last} whole. */
    static boolean newestLineInView(javafx.scene.control.skin.VirtualFlow<?> flow, int last) {
        var cell = flow.getLastVisibleCell();
        javafx.scene.Node view = flow.lookup(".clipped-container");
        if (cell == null || cell.getIndex() != last || view == null) {
            return false;
        }
        return cell.localToScene(cell.getBoundsInLocal()).getMaxY() <= view.localToScene(view.getBoundsInLocal()).getMaxY() + 0.5;
    }
}
