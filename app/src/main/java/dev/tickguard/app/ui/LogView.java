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
        }
    }
}
