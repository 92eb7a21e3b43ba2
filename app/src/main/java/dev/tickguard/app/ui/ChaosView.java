package dev.tickguard.app.ui;

import dev.tickguard.chaos.Chaos;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The chaos tab: the add-a-fault form and the active faults, each with a Remove button. */
public final class ChaosView {
    private final ChaosViewModel vm;
    @FXML private Label faultLabel;
    @FXML private ComboBox<ChaosViewModel.Fault> fault;
    @FXML private Label targetLabel;
    @FXML private ComboBox<String> target;
    @FXML private Label valueLabel;
    @FXML private TextField value;
    @FXML private Label triggerLabel;
    @FXML private TextField trigger;
    @FXML private Button add;
    @FXML private Label help;
    @FXML private Label error;
    @FXML private ListView<Chaos> active;

    public ChaosView(ChaosViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        faultLabel.setLabelFor(fault);
        targetLabel.setLabelFor(target);
        valueLabel.setLabelFor(value);
        triggerLabel.setLabelFor(trigger);
        fault.getItems().setAll(ChaosViewModel.Fault.values());
        fault.valueProperty().bindBidirectional(vm.faultProperty());
        target.setItems(vm.targets());
        target.valueProperty().bindBidirectional(vm.targetProperty());
        target.disableProperty().bind(vm.faultProperty().map(f -> !f.needsTarget()));
        value.textProperty().bindBidirectional(vm.valueProperty());
        value.disableProperty().bind(vm.faultProperty().map(f -> !f.needsValue()));
        value.promptTextProperty().bind(vm.faultProperty().map(ChaosViewModel.Fault::valueHint));
        trigger.textProperty().bindBidirectional(vm.triggerProperty());
        trigger.disableProperty().bind(vm.faultProperty().map(f -> !f.takesTrigger()));
        help.textProperty().bind(vm.faultProperty().map(ChaosViewModel.Fault::help));
        error.textProperty().bind(vm.errorProperty());
        add.setTooltip(HeaderView.tip("Switch the fault on; it takes effect on the next call and shows in the banner."));
        value.setOnAction(e -> add());
        trigger.setOnAction(e -> add());
        active.setItems(vm.active());
        active.setPlaceholder(new Label("No chaos: everything runs normally."));
        active.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Chaos c, boolean empty) {
                super.updateItem(c, empty);
                if (empty || c == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label text = new Label(c.toString());
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                Button remove = new Button("Remove");
                remove.setOnAction(e -> vm.remove(c));
                setText(null);
                setGraphic(new HBox(8, text, gap, remove));
            }
        });
    }

    @FXML
    private void add() {
        vm.add();
    }
}
