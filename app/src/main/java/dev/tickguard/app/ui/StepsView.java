package dev.tickguard.app.ui;

import dev.tickguard.control.StepInfo;
import java.time.Duration;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The steps and plugins tab. */
public final class StepsView {
    private final StepsViewModel vm;
    @FXML private TableView<StepInfo> table;
    @FXML private TableColumn<StepInfo, String> idCol;
    @FXML private TableColumn<StepInfo, String> priorityCol;
    @FXML private TableColumn<StepInfo, String> phaseCol;
    @FXML private TableColumn<StepInfo, String> configuredCol;
    @FXML private TableColumn<StepInfo, String> currentCol;
    @FXML private TableColumn<StepInfo, String> lastCol;
    @FXML private TableColumn<StepInfo, String> sourceCol;
    @FXML private TableColumn<StepInfo, String> enabledCol;
    @FXML private Label failuresTitle;
    @FXML private ListView<StepsViewModel.PluginProblem> failures;
    @FXML private Label pluginsDir;
    @FXML private Button openFolder;
    @FXML private Button copyPath;
    @FXML private Label openProblem;

    public StepsView(StepsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        // Each tick may change a step's "Used" timeout: a hidden table holds no items, so it is not refilled and
        // laid out per tick behind another tab (issue 18, ui-storm); shown, it holds the current rows at once.
        ShownInTab.track(table.getParent(), on -> table.setItems(on ? vm.steps()
                : javafx.collections.FXCollections.emptyObservableList()));
        column(idCol, StepInfo::id);
        column(priorityCol, s -> s.priority().name());
        column(phaseCol, s -> Integer.toString(s.phase().number()));
        column(configuredCol, s -> ms(s.configuredTimeout()));
        column(currentCol, s -> ms(s.currentTimeout()));
        column(lastCol, s -> s.lastTickMs() < 0 ? "-" : s.lastTickMs() + " ms");
        column(sourceCol, StepInfo::source);
        column(enabledCol, s -> s.enabled() ? "yes" : "NO");
        table.setTooltip(HeaderView.tip("Timeout: the configured ceiling. Used: the timeout the engine gave the step in "
                + "the last tick (adaptive: fitted to its recent run times, within its priority's budget). Last tick: its run time in the last tick (its share of its priority's budget)."));
        failuresTitle.textProperty().bind(vm.failuresTitleProperty());
        failures.setItems(vm.failures());
        failures.setPlaceholder(new Label("Every plugin loaded."));
        failures.setTooltip(HeaderView.tip("Plugin JARs that could not be loaded, with the reason. The other steps run."));
        pluginsDir.textProperty().bind(vm.pluginsDirProperty());
        openFolder.setTooltip(HeaderView.tip("Open the plugins folder in the file manager."));
        copyPath.setTooltip(HeaderView.tip("Copy the plugins folder's path to the clipboard."));
        openProblem.textProperty().bind(vm.openProblemProperty());
        openProblem.managedProperty().bind(vm.openProblemProperty().isNotEmpty());
        // The full reason, wrapped, never clipped (issue 18 item 6).
        failures.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(l.widthProperty().subtract(20));
            }

            @Override
            protected void updateItem(StepsViewModel.PluginProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.toString());
                setTooltip(empty || p == null ? null : HeaderView.tip(p.toString()));
            }
        });
    }

    private static void column(TableColumn<StepInfo, String> c, Function<StepInfo, String> f) {
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
    }

    static String ms(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    @FXML
    private void openFolder() {
        vm.openPluginsFolder();
    }

    @FXML
    private void copyPath() {
        javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
        c.putString(vm.pluginsDirProperty().get());
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }
}
