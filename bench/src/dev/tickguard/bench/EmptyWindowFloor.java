package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor under the storm's frame figures: the same toolkit, timer and renderer drawing a window
 * with one label that changes every pulse, in the same JVM. The time between pulses cannot be more
 * regular for the dashboard than for this window under the same load, so a dashboard figure near this
 * one is the platform's jitter (Monocle's pulse timer waking on shared cores), not the dashboard's work.
 */
final class EmptyWindowFloor {
    private EmptyWindowFloor() {
    }

    /** Shows the empty window for {@code length}, measures its pulses like the dashboard's, and closes it. */
    static ObjectNode measure(Duration length, LongSupplier ticks) throws Exception {
        FrameCpu cpu = new FrameCpu();
        Label label = new Label("0");
        AnimationTimer changer = new AnimationTimer() {
            private long frames;

            @Override
            public void handle(long now) {
                label.setText(Long.toString(++frames)); // something to lay out and draw each frame
            }
        };
        Stage stage = UiStorm.onFx(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new StackPane(label), 1280, 800));
            s.show();
            changer.start();
            cpu.start();
            return s;
        });
        Thread.sleep(2_000); // the first frames lay the scene out and compile its code: not the floor's
        ObjectNode r = Bench.JSON.createObjectNode();
        r.put("s", length.toSeconds());
        r.put("load_average_before", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (UiStorm.GcPauses gc = UiStorm.GcPauses.watch()) {
            UiStorm.onFx(() -> {
                cpu.reset();
                return null;
            });
            long ticksAtStart = ticks.getAsLong();
            Thread.sleep(length.toMillis());
            r.put("ticks_per_s", Math.round((ticks.getAsLong() - ticksAtStart) / (double) length.toSeconds()));
            frames(r, cpu, gc);
            gc.report(r);
        }
        UiStorm.onFx(() -> {
            cpu.stop();
            changer.stop();
            stage.hide();
            return null;
        });
        return r;
    }

    private static void frames(ObjectNode r, FrameCpu cpu, UiStorm.GcPauses gc) throws Exception {
        r.put("frames", UiStorm.onFx(cpu::frames));
        r.put("frame_p50_ms", Bench.round(UiStorm.onFx(() -> cpu.gapMs(0.50))));
        r.put("frame_p95_ms", Bench.round(UiStorm.onFx(() -> cpu.gapMs(0.95))));
        r.put("frame_p99_ms", Bench.round(UiStorm.onFx(() -> cpu.gapMs(0.99))));
        r.put("frame_max_ms", Bench.round(UiStorm.onFx(() -> cpu.gapMs(1.0))));
        r.put("late_frames", UiStorm.onFx(() -> cpu.lateFrames(17.0, gc)));
    }
}
