package dev.tickguard.app.ui;

import dev.tickguard.control.TickEntry;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.Phase;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The Gantt timeline on one {@link Canvas}: a row per tick, newest on top; phase 1 steps on one lane
 * one after another, phase 2 steps on a lane each under it, so their overlap (parallelism) shows.
 * Bar colour is the outcome, a letter the fallback source (C custom, K cache, D default), a hatch an
 * abandoned step; skipped ticks are a grey line with their reason; chaos changes are an orange rule
 * between the ticks they came between. Only the visible rows are drawn, so 1,000+ ticks cost nothing.
 */
final class TimelineCanvas extends CanvasPane {
    static final double LABEL_W = 64;
    static final double LANE1 = 14;
    static final double LANE2 = 9;
    static final double GAP = 7;
    /** Room right of the longest tick for the names of its last parallel steps. */
    static final double RIGHT = 100;
    /**
     * The least width of a bar, enough for its C/K/D letter: a step refused or failed at once takes 0 ms,
     * and a chaos test is meant to show exactly those (issue 18 item 5: they were 2 px, or hidden under
     * the next bar).
     */
    static final double MIN_BAR = 10;
    /** The fonts, made once: a font made per bar and frame was a lookup and garbage on every draw. */
    private static final Font LETTER = Font.font(11);
    private static final Font SMALL_LETTER = Font.font(8);
    private static final Font LANE2_NAME = Font.font(9);
    private final TimelineViewModel vm;
    private final List<Hit> hits = new ArrayList<>();
    private int firstRow;
    private double zoom = 1;

    /** A drawn bar, for hit tests. */
    record Hit(double x, double y, double w, double h, long tick, StepRecord step) {
        boolean contains(double px, double py) {
            return px >= x - 2 && px <= x + w + 2 && py >= y && py <= y + h;
        }
    }

    TimelineCanvas(TimelineViewModel vm) {
        this.vm = vm;
    }

    /** Scrolls so that {@code row} (0 = newest) is the top row. */
    void firstRow(int row) {
        this.firstRow = Math.max(0, row);
        draw();
    }

    void zoom(double factor) {
        zoom = Math.max(0.25, Math.min(16, zoom * factor));
        draw();
    }

    /** The bars drawn last, for tests. */
    List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** The bar under a point, if any. */
    Hit hit(double x, double y) {
        for (Hit h : hits) {
            if (h.contains(x, y)) {
                return h;
            }
        }
        return null;
    }

    /** Rows that fit, for the scroll bar's page size. */
    int visibleRows() {
        return (int) Math.max(1, getHeight() / (LANE1 + 7 * LANE2 + 2 + GAP));
    }

    @Override
    void paint(GraphicsContext g, double w, double h) {
        hits.clear();
        if (w < LABEL_W + 20 || h < 10) {
            return;
        }
        List<TickEntry> ticks = vm.ticks();
        g.setFont(LETTER);
        g.setTextBaseline(VPos.CENTER);
        // The time scale: the longest tick among the rows that fit fills the width at zoom 1.
        long span = 1;
        double fit = 16;
        if (firstRow == 0 && vm.currentStart() != null) {
            for (StepRecord s : vm.current()) {
                span = Math.max(span, s.startMs() + s.durationMs());
            }
            fit += rowHeight(vm.current());
        }
        for (int i = ticks.size() - 1 - firstRow; i >= 0 && fit < h; i--) {
            TickRecord r = ticks.get(i).record();
            span = Math.max(span, r.durationMs());
            fit += r.skipped() ? LANE1 + GAP : rowHeight(r.steps());
        }
        double pxPerMs = (w - LABEL_W - RIGHT) / span * zoom;
        drawAxis(g, w, span / zoom);
        double y = 16;
        if (firstRow == 0 && vm.currentStart() != null) {
            y = row(g, y, w, vm.currentTick(), vm.current(), pxPerMs, true, null);
        }
        int m = vm.marks().size() - 1;
        for (int i = ticks.size() - 1 - firstRow; i >= 0 && y < h; i--) {
            TickRecord r = ticks.get(i).record();
            while (m >= 0 && vm.marks().get(m).at().isAfter(r.startedAt())) {
                y = chaosRule(g, y, w, vm.marks().get(m).text());
                m--;
            }
            if (r.skipped()) {
                y = skippedRow(g, y, w, r);
            } else {
                y = row(g, y, w, r.tick(), r.steps(), pxPerMs, false, r);
            }
        }
        if (ticks.isEmpty() && vm.currentStart() == null) {
            g.setFill(palette.muted());
            g.fillText("No ticks yet: the first one starts at once (or press Run now).", LABEL_W, 40);
        }
    }

    private void drawAxis(GraphicsContext g, double w, double spanMs) {
        g.setStroke(palette.grid());
        g.setFill(palette.muted());
        g.setLineWidth(1);
        double step = niceStep(spanMs / 6);
        double pxPerMs = (w - LABEL_W - RIGHT) / spanMs;
        for (double t = 0; t <= spanMs; t += step) {
            double x = LABEL_W + t * pxPerMs;
            g.strokeLine(x + 0.5, 12, x + 0.5, canvas.getHeight());
            g.fillText(t >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", t / 1000) : (long) t + " ms", x + 3, 6);
        }
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick's row height: the phase 1 lane plus one thin lane per phase 2 step, plus the gap. */
    static double rowHeight(List<StepRecord> steps) {
        int lanes2 = 0;
        for (StepRecord s : steps) {
            if (s.phase() == Phase.PARALLEL) {
                lanes2++;
            }
        }
        return LANE1 + Math.max(lanes2, 1) * LANE2 + 2 + GAP;
    }

    private double row(GraphicsContext g, double y, double w, long tick, List<StepRecord> steps, double pxPerMs,
                       boolean running, TickRecord r) {
        double rowH = rowHeight(steps) - GAP;
        g.setFill(palette.text());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("#" + tick + (running ? " ..." : ""), 4, y + LANE1 / 2);
        if (r != null && r.abortReason() != null) {
            g.setFill(palette.failed());
            g.fillText("stopped", 4, y + LANE1 + 5);
        }
        int lane = 0;
        double lane1End = 0; // phase 1 steps follow each other: a widened bar pushes the next one right
        for (StepRecord s : steps) {
            double x = LABEL_W + s.startMs() * pxPerMs;
            double bw = Math.max(MIN_BAR, s.durationMs() * pxPerMs);
            double by;
            double bh;
            if (s.phase() == Phase.PARALLEL) {
                by = y + LANE1 + lane * LANE2;
                bh = LANE2 - 1;
                lane++;
            } else {
                x = Math.max(x, lane1End + 1);
                lane1End = x + bw;
                by = y;
                bh = LANE1 - 2;
            }
            bar(g, x, by, bw, bh, s);
            if (s.phase() == Phase.PARALLEL) {
                // Parallel lanes are thin: the name goes after the bar.
                g.setFont(LANE2_NAME);
                g.setFill(palette.muted());
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(s.id(), x + bw + 4, by + bh / 2);
                g.setFont(LETTER);
            }
            hits.add(new Hit(x, by, bw, bh, tick, s));
            if (tick == vm.selectedTick() && s.id().equals(vm.selectedStep())) {
                g.setStroke(palette.selection());
                g.setLineWidth(2);
                g.strokeRect(x - 1, by - 1, bw + 2, bh + 2);
            }
        }
        g.setStroke(palette.grid());
        g.setLineWidth(1);
        g.strokeLine(0, y + rowH + GAP / 2, w, y + rowH + GAP / 2);
        return y + rowH + GAP;
    }

    private void bar(GraphicsContext g, double x, double y, double w, double h, StepRecord s) {
        g.setFill(palette.outcome(s.outcome()));
        g.fillRect(x, y, w, h);
        if (s.abandoned()) {
            g.setStroke(palette.text());
            g.setLineWidth(1);
            for (double hx = x - h; hx < x + w; hx += 5) {
                g.strokeLine(Math.max(x, hx), y + h - Math.max(0, x - hx), Math.min(x + w, hx + h),
                        y + Math.max(0, hx + h - (x + w)));
            }
        }
        String mark = s.fallback() == null ? (s.outcome() == StepOutcome.FAILED ? "!" : null)
                : switch (s.fallback()) {
                    case CUSTOM -> "C";
                    case CACHE -> "K";
                    case DEFAULT -> "D";
                };
        if (mark != null) {
            // Thin phase 2 lanes get the letter too, smaller: colour is never the only signal.
            g.setFont(h >= 10 ? LETTER : SMALL_LETTER);
            g.setFill(Color.BLACK);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(mark, x + 2, y + h / 2);
            g.setFont(LETTER);
        }
        if (h >= 10 && w > 60) {
            g.setFill(Color.BLACK);
            g.fillText(s.id(), x + (mark != null ? 12 : 3), y + h / 2, w - 14);
        }
    }

    private double skippedRow(GraphicsContext g, double y, double w, TickRecord r) {
        g.setFill(palette.muted());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("#" + r.tick(), 4, y + LANE1 / 2);
        g.setStroke(palette.skipped());
        g.setLineDashes(4, 4);
        g.strokeLine(LABEL_W, y + LANE1 / 2, w - 8, y + LANE1 / 2);
        g.setLineDashes();
        g.fillText("skipped: " + r.skipReason(), LABEL_W + 8, y + LANE1 / 2 - 1);
        return y + LANE1 + GAP;
    }

    private double chaosRule(GraphicsContext g, double y, double w, String text) {
        g.setStroke(palette.chaos());
        g.setLineWidth(2);
        g.strokeLine(0, y + 5, w, y + 5);
        g.setFill(palette.chaos());
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("chaos: " + text, w - 8, y + 12);
        g.setTextAlign(TextAlignment.LEFT);
        return y + 20;
    }
}
