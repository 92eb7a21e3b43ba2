package dev.tickguard.app.ui;

import dev.tickguard.events.TickEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Ollama calls over time on one {@link Canvas}: a dot per call (chat blue, embed violet) at its
 * latency, a red cross per failure, a grey mark at the bottom per call refused by a breaker, and
 * dashed p50 / p95 lines of chat calls. The y axis is logarithmic so 40 ms embeds and 3 s chats both show.
 */
final class LatencyCanvas extends CanvasPane {
    private static final double LEFT = 56;
    private static final Font AXIS_FONT = Font.font(10);
    private final LatencyViewModel vm;

    LatencyCanvas(LatencyViewModel vm) {
        this.vm = vm;
    }

    @Override
    void paint(GraphicsContext g, double w, double h) {
        if (w < LEFT + 40 || h < 30) {
            return;
        }
        g.setFont(AXIS_FONT);
        g.setTextBaseline(VPos.CENTER);
        var calls = vm.calls();
        if (calls.isEmpty()) {
            g.setFill(palette.muted());
            g.fillText("No LLM calls yet.", LEFT, h / 2);
            return;
        }
        // The x axis spans the calls kept, at most the figures' window, at least 30 s.
        Instant newest = calls.peekLast().at();
        Instant first = calls.peekFirst().at();
        Instant oldest = newest.minus(LatencyViewModel.WINDOW);
        if (first.isAfter(oldest)) {
            oldest = first.isAfter(newest.minusSeconds(30)) ? newest.minusSeconds(30) : first;
        }
        double spanMs = Math.max(1, Duration.between(oldest, newest).toMillis());
        double top = 6;
        double bottom = h - 24; // refusal marks below it (bottom + 2..8), then the time labels' row
        double minLog = Math.log10(1);
        double maxLog = Math.log10(60_000);
        // y grid: 10 ms, 100 ms, 1 s, 10 s
        g.setStroke(palette.grid());
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        for (long v : new long[] {10, 100, 1000, 10_000}) {
            double y = y(v, top, bottom, minLog, maxLog);
            g.strokeLine(LEFT, y, w - 4, y);
            g.setFill(palette.muted());
            g.fillText(LatencyViewModel.ms(v), LEFT - 4, y);
        }
        long spanS = Math.round(spanMs / 1000);
        g.fillText("-" + (spanS >= 120 ? spanS / 60 + " min" : spanS + " s"), LEFT + 30, h - 6);
        // Not "now": the axis ends at the newest call, which on an idle window may be an hour old.
        g.fillText("newest call " + vm.clockTime(newest), w - 4, h - 6);
        for (TickEvent.LlmCall c : calls) {
            if (c.at().isBefore(oldest)) {
                continue;
            }
            double x = LEFT + (w - LEFT - 8) * (Duration.between(oldest, c.at()).toMillis() / spanMs);
            if (c.refused()) {
                g.setFill(palette.refused());
                g.fillRect(x - 1, bottom + 2, 2, 6);
            } else if (!c.success()) {
                double y = y(Math.max(1, c.latencyMs()), top, bottom, minLog, maxLog);
                g.setStroke(palette.failed());
                g.setLineWidth(1.5);
                g.strokeLine(x - 3, y - 3, x + 3, y + 3);
                g.strokeLine(x - 3, y + 3, x + 3, y - 3);
            } else {
                double y = y(Math.max(1, c.latencyMs()), top, bottom, minLog, maxLog);
                g.setFill(c.operation().equals("chat") ? palette.chat() : palette.embed());
                g.fillOval(x - 2, y - 2, 4, 4);
            }
        }
        long[] p = vm.chatPercentiles();
        g.setLineDashes(6, 4);
        g.setLineWidth(1);
        String[] names = {"chat p50", "chat p95"};
        for (int i = 0; i < 2; i++) {
            if (p[i] > 0) {
                double y = y(p[i], top, bottom, minLog, maxLog);
                g.setStroke(palette.chat());
                g.strokeLine(LEFT, y, w - 4, y);
                g.setFill(palette.chat());
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(names[i] + " " + LatencyViewModel.ms(p[i]), LEFT + 4 + i * 110, y - 7);
            }
        }
        g.setLineDashes();
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(palette.muted());
        g.fillText(String.format(Locale.ROOT, "dots: chat (blue), embed (violet)   x: failed   bottom ticks: refused by breaker"),
                w - 6, top + 4);
    }

    private static double y(long ms, double top, double bottom, double minLog, double maxLog) {
        double f = (Math.log10(ms) - minLog) / (maxLog - minLog);
        return bottom - Math.max(0, Math.min(1, f)) * (bottom - top);
    }
}
