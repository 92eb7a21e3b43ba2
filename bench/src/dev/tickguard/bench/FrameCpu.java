package dev.tickguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * The time between pulses, and the CPU time the FX thread and JavaFX's renderer thread use per frame (pulse to pulse), from the threads'
 * own CPU clocks. Unlike the time between pulses it does not grow when the machine is loaded and the
 * threads wait for a core: it is what a frame costs, so "frames on time on a quiet machine" can be told
 * apart from "no CPU for the window" on the shared 2 cores. Start and read on the FX thread.
 */
final class FrameCpu extends AnimationTimer {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long[] fx = new long[8192];
    private final long[] render = new long[8192];
    private final long[] gaps = new long[8192];
    /** When each frame's pulse ran (System.nanoTime): a gap is the time up to it from the one before. */
    private final long[] ends = new long[8192];
    private long lastNow = -1;
    private int n;
    private long lastFx = -1;
    private long lastRender = -1;
    private long rendererId = -1;

    @Override
    public void handle(long now) {
        if (rendererId < 0) {
            rendererId = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                    .mapToLong(Thread::getId).findFirst().orElse(0);
        }
        long f = THREADS.getCurrentThreadCpuTime();
        long r = rendererId > 0 ? THREADS.getThreadCpuTime(rendererId) : 0;
        if (lastFx >= 0 && n < fx.length) {
            fx[n] = f - lastFx;
            render[n] = r - lastRender;
            gaps[n] = now - lastNow;
            ends[n] = System.nanoTime();
            n++;
        }
        lastNow = now;
        lastFx = f;
        lastRender = r;
    }

    /** The frames measured since the last reset. */
    int frames() {
        return n;
    }

    /** Forgets the frames so far. */
    void reset() {
        n = 0;
        lastFx = -1;
    }

    /** The q quantile of the time between pulses, ms (as the window's FrameStats counts it). */
    double gapMs(double q) {
        return quantile(gaps, q);
    }

    /** The q quantile of the FX thread's CPU per frame, ms. */
    double fxMs(double q) {
        return quantile(fx, q);
    }

    /** The q quantile of the renderer's CPU per frame, ms. */
    double renderMs(double q) {
        return quantile(render, q);
    }

    /**
     * The late frames (more than {@code lateMs} since the one before) and why, as far as can be told: a
     * GC pause overlapped the gap; or the FX thread and the renderer used most of it (work); or neither
     * (the FX thread waited for a core: 2 cores, the engine's and the database's threads busy too).
     */
    String lateFrames(double lateMs, UiStorm.GcPauses gc) {
        int late = 0;
        int withGc = 0;
        int work = 0;
        long lateNs = (long) (lateMs * 1e6);
        for (int i = 0; i < n; i++) {
            if (gaps[i] <= lateNs) {
                continue;
            }
            late++;
            if (gc.overlaps(ends[i] - gaps[i], ends[i])) {
                withGc++;
            } else if (fx[i] + render[i] > gaps[i] / 2) {
                work++;
            }
        }
        return late + " of " + n + " frames over " + lateMs + " ms: " + withGc + " overlapped a GC pause, " + work
                + " mostly the FX thread's and the renderer's work, " + (late - withGc - work) + " neither (waiting for a core)";
    }

    private double quantile(long[] values, double q) {
        if (n == 0) {
            return 0;
        }
        long[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        return v[Math.max(0, (int) Math.ceil(q * n) - 1)] / 1e6;
    }
}
