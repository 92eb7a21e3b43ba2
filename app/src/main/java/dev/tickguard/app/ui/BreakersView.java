package dev.tickguard.app.ui;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The breakers panel: big tiles for the LLM breakers, a row per step breaker. */
public final class BreakersView {
    private final BreakersViewModel vm;
    @FXML private FlowPane llmTiles;
    @FXML private ScrollPane llmScroll;
    @FXML private VBox stepRows;

    public BreakersView(BreakersViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        vm.llmTiles().addListener((ListChangeListener<BreakerTileViewModel>) c -> tiles());
        vm.stepTiles().addListener((ListChangeListener<BreakerTileViewModel>) c -> rows());
        // Never shrunk below its first row of tiles (one server's tiles never scroll, and stay clickable;
        // the step rows give way instead); a pool's further rows scroll.
        llmTiles.heightProperty().addListener((o, a, b) -> llmScroll.setMinHeight(firstRowHeight() + 4));
        tiles();
        rows();
    }

    private double firstRowHeight() {
        double h = 0;
        for (var n : llmTiles.getChildren()) {
            if (n.getLayoutY() > 1) {
                break; // the second row starts
            }
            h = Math.max(h, n.getBoundsInParent().getHeight());
        }
        return h;
    }

    private void tiles() {
        llmTiles.getChildren().setAll(vm.llmTiles().stream().map(t -> {
            var tile = BreakerTile.tile(t);
            // Two tiles side by side, sharing the panel's width.
            tile.prefWidthProperty().bind(llmTiles.widthProperty().subtract(llmTiles.getHgap()).divide(2).subtract(1));
            return tile;
        }).toList());
    }

    private void rows() {
        stepRows.getChildren().setAll(vm.stepTiles().stream().map(BreakerTile::row).toList());
    }
}
