package dev.tickguard.app.ui;

import dev.tickguard.events.StepOutcome;
import javafx.scene.paint.Color;

/**
 * The canvas colours for a theme (the scene graph takes its colours from the CSS; canvases cannot,
 * so the same values live here). Immutable.
 */
record Palette(Color background, Color text, Color muted, Color grid, Color success, Color fallback, Color skipped,
               Color failed, Color selection, Color chaos, Color chat, Color embed, Color refused) {
    static final Palette LIGHT = new Palette(Color.web("#ffffff"), Color.web("#1d2430"), Color.web("#5c6675"),
            Color.web("#e3e7ee"), Color.web("#2e9b55"), Color.web("#e0a100"), Color.web("#9aa3af"),
            Color.web("#d64545"), Color.web("#1f5fbf"), Color.web("#c2410c"), Color.web("#2563eb"),
            Color.web("#8b5cf6"), Color.web("#6b7280"));
    static final Palette DARK = new Palette(Color.web("#1b2029"), Color.web("#e6e9ef"), Color.web("#9aa4b2"),
            Color.web("#2c3340"), Color.web("#3fbf6f"), Color.web("#f2b632"), Color.web("#6b7482"),
            Color.web("#f06262"), Color.web("#7fb0ff"), Color.web("#fb923c"), Color.web("#60a5fa"),
            Color.web("#c4b5fd"), Color.web("#9ca3af"));

    Color outcome(StepOutcome o) {
        return switch (o) {
            case SUCCESS -> success;
            case FALLBACK -> fallback;
            case SKIPPED -> skipped;
            case FAILED -> failed;
        };
    }
}
