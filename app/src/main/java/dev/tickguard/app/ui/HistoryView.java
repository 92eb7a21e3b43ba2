package dev.tickguard.app.ui;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import java.util.function.Function;

/** The History tab's controls, bound to {@link HistoryViewModel}. */
public final class HistoryView {
    private final HistoryViewModel vm;
    @FXML private TextField step;
    @FXML private ComboBox<String> outcome;
    @FXML private ComboBox<String> mode;
    @FXML private TextField jump;
    @FXML private Button newer;
    @FXML private Button older;
    @FXML private Label page;
    @FXML private Label problem;
    @FXML private TableView<HistoryViewModel.Row> table;
    @FXML private TableColumn<HistoryViewModel.Row, String> tickCol;
    @FXML private TableColumn<HistoryViewModel.Row, String> startedCol;
    @FXML private TableColumn<HistoryViewModel.Row, String> modeCol;
    @FXML private TableColumn<HistoryViewModel.Row, String> durationCol;
    @FXML private TableColumn<HistoryViewModel.Row, String> stepsCol;
    @FXML private TableColumn<HistoryViewModel.Row, String> noteCol;
    @FXML private TextArea details;

    public HistoryView(HistoryViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        table.setId("history-table");
        details.setId("history-details");
        jump.setId("history-jump");
        step.setId("history-step");
        older.setId("history-older");
        newer.setId("history-newer");
        page.setId("history-page");
        problem.setId("history-problem");
        outcome.getItems().setAll(HistoryViewModel.outcomes());
        mode.getItems().setAll(HistoryViewModel.modes());
        outcome.valueProperty().bindBidirectional(vm.outcomeProperty());
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        step.textProperty().bindBidirectional(vm.stepProperty());
        jump.textProperty().bindBidirectional(vm.jumpProperty());
        // A filter applies at once (Enter in the step field too); Enter in "Go to" jumps.
        outcome.setOnAction(e -> vm.newest());
        mode.setOnAction(e -> vm.newest());
        step.setOnAction(e -> vm.newest());
        jump.setOnAction(e -> vm.jump());
        older.disableProperty().bind(vm.olderProperty().not());
        newer.disableProperty().bind(vm.newerProperty().not());
        page.textProperty().bind(vm.pageProperty());
        problem.textProperty().bind(vm.problemProperty());
        details.textProperty().bind(vm.detailsProperty());
        table.setItems(vm.rows());
        column(tickCol, r -> "#" + r.tick());
        column(startedCol, HistoryViewModel.Row::started);
        column(modeCol, HistoryViewModel.Row::mode);
        column(durationCol, HistoryViewModel.Row::duration);
        column(stepsCol, HistoryViewModel.Row::steps);
        column(noteCol, HistoryViewModel.Row::note);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
                table.scrollTo(b);
            }
        });
    }

    private static void column(TableColumn<HistoryViewModel.Row, String> c, Function<HistoryViewModel.Row, String> f) {
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setSortable(false);
    }

    @FXML
    private void newest() {
        vm.jumpProperty().set("");
        vm.newest();
    }

    @FXML
    private void newer() {
        vm.newer();
    }

    @FXML
    private void older() {
        vm.older();
    }
}
