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
        lines.setItems(vm.shown());
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
            count.setText(vm.shown().size() + " of " + vm.lines().size() + " lines");
            if (showing(lines)) {
                follow(); // a hidden list is not scrolled: that costs a layout per batch for nobody
            }
        });
    }

    /** Scrolls to the newest line; the window calls it when the Log tab is selected. */
    void follow() {
        if (!vm.shown().isEmpty()) {
            lines.scrollTo(vm.shown().size() - 1);
        }
    }

    private static boolean showing(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }
}
