package dev.tickguard.app.ui;

import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;

/**
 * Tells a tab's content whether its tab is shown. A TabPane keeps every tab's content in the scene and
 * hides the unselected ones through their holder's visibility; a view that feeds a table or list per
 * event should stop while hidden, or every event lays out controls nobody sees (issue 18, ui-storm: the
 * Steps table was refilled and laid out each tick behind the Latency tab). Works however and whenever the
 * content is put in its tab (at start or when first shown). FX thread.
 */
final class ShownInTab {
    private ShownInTab() {
    }

    /**
     * Calls {@code shown} with true or false each time {@code content}'s holder becomes visible or hidden,
     * and once at once (false until the content has a holder).
     */
    static void track(Node content, Consumer<Boolean> shown) {
        ChangeListener<Boolean> visible = (o, was, now) -> shown.accept(now);
        content.parentProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.visibleProperty().removeListener(visible);
            }
            if (now != null) {
                now.visibleProperty().addListener(visible);
            }
            shown.accept(now != null && now.isVisible());
        });
        Parent holder = content.getParent();
        if (holder != null) {
            holder.visibleProperty().addListener(visible);
        }
        shown.accept(holder != null && holder.isVisible());
    }
}
