package dev.tickguard.app.ui;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets JavaFX's pulse timer really sleep while nothing in the window changes (issue 18: an idle window
 * woke 94 times a second, a bare one-Label JavaFX window 69 times).
 *
 * <p>Why: JavaFX's toolkit (QuantumToolkit) already asks its pulse timer to pause 250 ms after the
 * last animation or repaint request, and to resume on the next one. But on Linux the GTK timer's
 * pause and resume are empty (JavaFX 21 {@code GtkTimer._pause/_resume}, checked with javap): the GLib
 * timeout keeps firing every 16 ms on the FX thread forever, each time only to find there is no work.
 * This swaps that timer for a {@link PausableTimer} whose pause removes the GLib timeout and whose
 * resume starts a new one; the toolkit's own pause and resume logic is unchanged, it now takes effect.
 *
 * <p>It reaches into JavaFX internals, so it needs the two JVM options in {@code app/jvm.options}
 * ({@code --add-exports javafx.graphics/com.sun.glass.ui} and {@code com.sun.javafx.tk},
 * {@code --add-opens javafx.graphics/com.sun.javafx.tk.quantum}). Without them, on another JavaFX
 * version whose fields differ, or in full-speed mode, it changes nothing and says why at FINE level:
 * the window then works as before, only less idle.
 *
 * <p>FX thread only ({@link #install}).
 */
public final class PulseTimerPause {
    private static final Logger LOG = Logger.getLogger("tickguard");
    private static volatile String outcome;

    private PulseTimerPause() {
    }

    /**
     * Installs the pausable pulse timer once per process; later calls return the first outcome.
     * FX thread, after the toolkit started.
     *
     * @return null if installed, else why not (a sentence)
     */
    public static synchronized String install() {
        if (outcome == null) {
            String why;
            try {
                why = swap();
            } catch (RuntimeException | LinkageError e) {
                // IllegalAccessError/InaccessibleObjectException without the JVM options, NoSuchFieldException
                // wrapped on another JavaFX version: the window works as before.
                why = "JavaFX internals not reachable (" + e + ")";
            }
            outcome = why == null ? "installed" : why;
            LOG.log(Level.FINE, why == null ? "JavaFX pulse timer: pauses when idle"
                    : "JavaFX pulse timer left as it is: " + why);
        }
        return "installed".equals(outcome) ? null : outcome;
    }

    /** True once a pausable timer drives the pulses. */
    public static boolean installed() {
        return "installed".equals(outcome);
    }

    private static String swap() {
        if (Boolean.getBoolean("javafx.animation.fullspeed")) {
            return "javafx.animation.fullspeed is set (the timer runs every millisecond by request)";
        }
        Object toolkit = PausableTimer.toolkit();
        Class<?> type = toolkit.getClass();
        if (!type.getName().equals("com.sun.javafx.tk.quantum.QuantumToolkit")) {
            return "toolkit is " + type.getName();
        }
        Field timerField = field(type, "pulseTimer");
        Field runnableField = field(type, "timerRunnable");
        Field intervalField = field(type, "PULSE_INTERVAL");
        // The toolkit pauses and resumes its timer in methods synchronized on itself: swap under that lock.
        synchronized (toolkit) {
            Object old = get(timerField, toolkit);
            if (old instanceof PausableTimer) {
                return null;
            }
            if (!(old instanceof com.sun.glass.ui.Timer timer) || !timer.isRunning()) {
                return "no running pulse timer";
            }
            int interval = (Integer) get(intervalField, toolkit);
            PausableTimer fresh = new PausableTimer((Runnable) get(runnableField, toolkit));
            fresh.start(interval);
            set(timerField, toolkit, fresh);
            timer.stop();
        }
        return null;
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("no field " + name + " in " + type.getName(), e);
        }
    }

    private static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object target, Object value) {
        try {
            f.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A pulse timer whose pause stops the platform's timer and whose resume starts a new one. Glass calls
     * {@code _pause} and {@code _resume} under the timer's own lock; pause comes from the timer's own
     * callback on the FX thread, resume from whichever thread asks for a pulse. Stopping a GTK timer
     * inside its callback is safe: GLib removes the source when the callback returns.
     */
    static final class PausableTimer extends com.sun.glass.ui.Timer {
        private final Runnable tick;
        private int period;
        private com.sun.glass.ui.Timer running;
        private long pauses;

        PausableTimer(Runnable tick) {
            super(tick);
            this.tick = tick;
        }

        static Object toolkit() {
            return com.sun.javafx.tk.Toolkit.getToolkit();
        }

        @Override
        protected long _start(Runnable r) {
            throw new UnsupportedOperationException("a vsync timer is not supported here");
        }

        @Override
        protected long _start(Runnable r, int periodMillis) {
            period = periodMillis;
            running = platformTimer(periodMillis);
            return 1; // Glass only checks that the handle is not 0
        }

        @Override
        protected void _stop(long handle) {
            if (running != null) {
                running.stop();
                running = null;
            }
        }

        @Override
        protected void _pause(long handle) {
            if (running != null) {
                running.stop();
                running = null;
                pauses++;
            }
        }

        @Override
        protected void _resume(long handle) {
            if (running == null && period > 0) {
                running = platformTimer(period);
            }
        }

        private com.sun.glass.ui.Timer platformTimer(int periodMillis) {
            com.sun.glass.ui.Timer t = com.sun.glass.ui.Application.GetApplication().createTimer(tick);
            t.start(periodMillis);
            return t;
        }

        /** True while the platform's timer fires. */
        synchronized boolean firing() {
            return running != null;
        }

        /** Times the timer went to sleep. */
        synchronized long pauses() {
            return pauses;
        }
    }

    /** The pausable timer now driving the pulses, or null. For tests and the bench. FX thread. */
    static PausableTimer current() {
        try {
            Object toolkit = PausableTimer.toolkit();
            Object t = get(field(toolkit.getClass(), "pulseTimer"), toolkit);
            return t instanceof PausableTimer p ? p : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
