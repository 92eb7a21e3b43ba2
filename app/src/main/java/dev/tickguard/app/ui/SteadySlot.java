package dev.tickguard.app.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Holds one node whose content changes with events (a label's text each tick, a scroll bar's range),
 * so that such a change lays out the slot alone, not every ancestor up to the scene's root.
 *
 * <p>Why (issue 18, ui-storm): a JavaFX control whose text changes asks its parent for a layout, which
 * asks its own, up to the root; under a storm of ticks the tick counter, the timeline's range and its
 * scroll bar changed every pulse, so every pulse laid the whole window out again and re-measured its
 * texts (about 40 % of the FX thread in the profile). Here a change that still fits the slot's present
 * size stays inside it; one that needs more room asks the ancestors as before, so nothing is ever cut.
 * A slot only grows between the window's own layouts, which also keeps a number that changes each tick
 * from shifting its neighbours left and right.
 */
final class SteadySlot extends StackPane {
    private final Node content;

    private SteadySlot(Node content) {
        super(content);
        this.content = content;
        setAlignment(Pos.CENTER_LEFT);
    }

    /** A slot holding {@code node}, for a layout built in code. */
    static SteadySlot of(Node node) {
        return new SteadySlot(node);
    }

    /**
     * Puts {@code node} in a slot in its place (same parent, index and HBox/VBox grow), and returns the slot.
     * Call once the node is in its parent (after FXML loading).
     */
    static SteadySlot wrap(Node node) {
        Parent parent = node.getParent();
        if (!(parent instanceof javafx.scene.layout.Pane pane)) {
            throw new IllegalStateException("a slot replaces a node in a Pane, not in " + parent);
        }
        int i = pane.getChildren().indexOf(node);
        var hgrow = HBox.getHgrow(node);
        var vgrow = VBox.getVgrow(node);
        pane.getChildren().remove(i);
        SteadySlot slot = new SteadySlot(node);
        HBox.setHgrow(slot, hgrow);
        VBox.setVgrow(slot, vgrow); // a slot's own maximum is unbounded: a label that fills its row still does
        pane.getChildren().add(i, slot);
        return slot;
    }

    @Override
    public void requestLayout() {
        if (content != null && fits()) {
            setNeedsLayout(true); // this slot alone, in the next pulse's layout pass
        } else {
            super.requestLayout(); // first layout, or the content needs more room: the ancestors decide
        }
    }

    /** True if the content's preferred size fits the slot's present size (once the slot has one). */
    private boolean fits() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        if (w <= 0 || h <= 0 || !content.isManaged()) {
            return false;
        }
        if (content.getContentBias() == javafx.geometry.Orientation.HORIZONTAL) {
            return content.prefHeight(w) <= h + 0.5; // wrapping text: its width is the slot's, its height must fit
        }
        return content.prefWidth(-1) <= w + 0.5 && content.prefHeight(-1) <= h + 0.5;
    }
}
