package dev.tickguard.app.ui;

import javafx.fxml.FXML;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import org.controlsfx.control.StatusBar;

/** The window's root: the split panes, the bottom tabs and the status line. */
public final class DashboardView {
    private final DashboardViewModel vm;
    @FXML private SplitPane vertical;
    @FXML private SplitPane horizontal;
    @FXML private TabPane tabs;
    @FXML private StatusBar status;

    public DashboardView(DashboardViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        tabs.setId("bottom-tabs");
        status.setText("Starting...");
    }

    TabPane tabs() {
        return tabs;
    }

    /** The status bar, for what sits at its sides. */
    StatusBar statusBar() {
        return status;
    }

    /** The status line: events shown, events dropped, frame timing. */
    void status(String text) {
        status.setText(text);
    }

    DashboardViewModel viewModel() {
        return vm;
    }
}
