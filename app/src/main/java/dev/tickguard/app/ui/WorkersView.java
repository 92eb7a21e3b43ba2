package dev.tickguard.app.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Workers tab: remote step workers, their state and counts, and the poison messages. */
public final class WorkersView {
    private final WorkersViewModel vm;
    @FXML private Label summary;
    @FXML private TableView<WorkersViewModel.Row> workers;
    @FXML private TableView<WorkersViewModel.PoisonRow> poison;

    public WorkersView(WorkersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        summary.textProperty().bind(vm.summaryProperty());
        workers.setItems(vm.rows());
        workers.setPlaceholder(new Label("No worker has sent a heartbeat yet (start one: tickguard worker --broker ...)."));
        column(workers, "Name", 110, WorkersViewModel.Row::name);
        column(workers, "State", 110, WorkersViewModel.Row::state);
        column(workers, "Host", 110, WorkersViewModel.Row::host);
        column(workers, "Version", 110, WorkersViewModel.Row::version);
        column(workers, "Plugins", 170, WorkersViewModel.Row::plugins);
        column(workers, "Steps served", 220, WorkersViewModel.Row::steps);
        column(workers, "In flight", 70, WorkersViewModel.Row::inFlight);
        column(workers, "Done", 60, WorkersViewModel.Row::done);
        column(workers, "Failed", 60, WorkersViewModel.Row::failed);
        column(workers, "Last heartbeat", 140, WorkersViewModel.Row::lastHeartbeat);
        poison.setItems(vm.poison());
        poison.setPlaceholder(new Label("No poison messages."));
        column(poison, "At", 80, WorkersViewModel.PoisonRow::at);
        column(poison, "Run", 200, WorkersViewModel.PoisonRow::runKey);
        column(poison, "Step", 140, WorkersViewModel.PoisonRow::step);
        column(poison, "Why", 520, WorkersViewModel.PoisonRow::reason);
    }

    private static <T> void column(TableView<T> table, String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        table.getColumns().add(c);
    }
}
