package dev.tickguard.app.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;

/**
 * A pane filled by one {@link Canvas}, sized to the pane (never larger than a texture can be) and
 * redrawn when its size or the palette changes. Subclasses paint.
 */
abstract class CanvasPane extends Pane {
    /** The largest side a canvas texture may have. */
    private static final double MAX_SIDE = 8192;

    protected final Canvas canvas = new Canvas();
    protected Palette palette = Palette.LIGHT;

    CanvasPane() {
        getChildren().add(canvas);
    }

    /**
     * Sizes the canvas to the pane and redraws it once if its size changed. Not on the pane's own size
     * listeners: they fire before this layout, so they drew at the old size and left the new area blank
     * until the next event (a tab first shown on an idle window stayed empty).
     */
    @Override
    protected void layoutChildren() {
        // Never larger than a texture can be, whatever the layout asks for.
        double w = Math.max(1, Math.min(MAX_SIDE, snapSizeX(getWidth())));
        double h = Math.max(1, Math.min(MAX_SIDE, snapSizeY(getHeight())));
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    /** Switches the colours and redraws. */
    final void palette(Palette p) {
        palette = p;
        draw();
    }

    /** Clears the canvas to the background and paints it anew. */
    final void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(palette.background());
        g.fillRect(0, 0, w, h);
        paint(g, w, h);
    }

    /** Paints the view model onto the cleared canvas, {@code w} x {@code h}. */
    abstract void paint(GraphicsContext g, double w, double h);
}
