package dev.tickguard.app.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;

/**
 * A pane filled by one {@link Canvas}, sized to the pane (never larger than a texture can be) and
 * redrawn when the pane is resized or the palette changes. Subclasses paint.
 */
abstract class CanvasPane extends Pane {
    /** The largest side a canvas texture may have. */
    private static final double MAX_SIDE = 8192;

    protected final Canvas canvas = new Canvas();
    protected Palette palette = Palette.LIGHT;

    CanvasPane() {
        getChildren().add(canvas);
        widthProperty().addListener(o -> draw());
        heightProperty().addListener(o -> draw());
    }

    @Override
    protected void layoutChildren() {
        // Never larger than a texture can be, whatever the layout asks for.
        canvas.setWidth(Math.max(1, Math.min(MAX_SIDE, snapSizeX(getWidth()))));
        canvas.setHeight(Math.max(1, Math.min(MAX_SIDE, snapSizeY(getHeight()))));
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
