package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 (the window tells the truth): a canvas was redrawn from the pane's size listeners, which fire
 * before the layout resizes the canvas, so it painted at the old size and the new area stayed blank until
 * the next event. On an idle window that is up to an hour: the Latency tab, built when first shown, opened
 * with an empty chart. The canvas must be painted at its own new size whenever it changes.
 */
class CanvasRedrawsAtItsNewSizeTest {
    /** Records the size of each paint. */
    static final class Recording extends CanvasPane {
        final List<double[]> paints = new ArrayList<>();

        @Override
        void paint(GraphicsContext g, double w, double h) {
            paints.add(new double[] {w, h});
        }
    }

    @Test
    void aResizeRepaintsAtTheNewSizeOnce() throws Exception {
        FxToolkit.registerPrimaryStage(); // the toolkit; the pane is laid out on its own, whatever size that stage has
        Recording pane = new Recording();
        WaitForAsyncUtils.asyncFx(() -> {
            pane.resize(400, 300);
            pane.layout();
        }).get();
        assertThat(lastPaint(pane)).containsExactly(400, 300);

        WaitForAsyncUtils.asyncFx(() -> {
            pane.paints.clear();
            pane.resize(640, 480);
            pane.layout();
        }).get();
        assertThat(lastPaint(pane)).as("painted at the canvas's new size").containsExactly(640, 480);
        assertThat(pane.paints).as("once, not once per side").hasSize(1);

        WaitForAsyncUtils.asyncFx(() -> {
            pane.paints.clear();
            pane.layout();
        }).get();
        assertThat(pane.paints).as("a layout that changes no size paints nothing").isEmpty();
    }

    private static double[] lastPaint(Recording pane) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> pane.paints.isEmpty() ? new double[0]
                : pane.paints.get(pane.paints.size() - 1)).get();
    }
}
