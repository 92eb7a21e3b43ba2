package dev.tickguard.app.ui;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The settings tab: the effective configuration, read-only, with where each value came from. */
public final class SettingsView {
    private final SettingsViewModel vm;
    @FXML private TableView<AppInfo.Setting> table;
    @FXML private TableColumn<AppInfo.Setting, String> keyCol;
    @FXML private TableColumn<AppInfo.Setting, String> valueCol;
    @FXML private TableColumn<AppInfo.Setting, String> sourceCol;

    public SettingsView(SettingsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        table.setItems(vm.settings());
        keyCol.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().key()));
        valueCol.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().value()));
        sourceCol.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().source()));
    }
}
