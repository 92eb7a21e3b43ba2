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
 * <p>It also pauses sooner than the toolkit would. The toolkit pauses only after 250 ms without work, so
 * every wake of an idle window (an event, the clock) cost a spell of ~16 empty timer ticks on the FX
 * thread, each also waking the renderer: with a few wakes a minute that was most of the window's idle
 * wake-ups (issue 18). The timer pauses itself after {@link #IDLE_TICKS} ticks in which the toolkit found
 * nothing to do; the toolkit's 250 ms was hysteresis, not correctness: every request for a pulse (an
 * animation starting, a node changing) resumes the timer through the same path as before.
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
    /**
     * Ticks in a row with nothing to do before the timer pauses itself: 2 (~33 ms at 60 pulses a second)
     * rather than the toolkit's ~16 (250 ms). One would do; the second saves a pause and resume when a
     * pulse asks for the next one a frame late.
     */
    static final int IDLE_TICKS = 2;
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
        Field pauseRequested = field(type, "pauseRequested");
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
            PausableTimer fresh = new PausableTimer((Runnable) get(runnableField, toolkit), toolkit, pauseRequested);
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
     *
     * <p>After each tick it looks at the toolkit's {@code pauseRequested}: set by a tick that found no
     * animation, no requested pulse and none running, cleared by every request for a pulse (under the
     * toolkit's lock, which this holds too, taken before the timer's as the toolkit does). True
     * {@link #IDLE_TICKS} ticks in a row, the timer pauses itself.
     */
    static final class PausableTimer extends com.sun.glass.ui.Timer {
        private final Runnable tick;
        private final Object toolkit;
        private final Field pauseRequested;
        private int period;
        private com.sun.glass.ui.Timer running;
        private long pauses;
        private int idleTicks;
        private int idleTicksAtLastPause = -1;

        PausableTimer(Runnable tick, Object toolkit, Field pauseRequested) {
            super(tick);
            this.tick = tick;
            this.toolkit = toolkit;
            this.pauseRequested = pauseRequested;
        }

        /** The platform timer's callback: the toolkit's tick, then an early pause if it had nothing to do. */
        private void onTick() {
            tick.run();
            synchronized (toolkit) {
                boolean idle;
                try {
                    idle = pauseRequested.getBoolean(toolkit);
                } catch (IllegalAccessException e) {
                    return; // cannot happen (setAccessible succeeded); the toolkit's own pause still works
                }
                if (!idle) {
                    idleTicks = 0;
                } else if (++idleTicks >= IDLE_TICKS) {
                    pause(); // Timer.pause: under this timer's lock, as the toolkit calls it
                }
            }
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
                idleTicksAtLastPause = idleTicks;
            }
        }

        @Override
        protected void _resume(long handle) {
            if (running == null && period > 0) {
                idleTicks = 0;
                running = platformTimer(period);
            }
        }

        private com.sun.glass.ui.Timer platformTimer(int periodMillis) {
            com.sun.glass.ui.Timer t = com.sun.glass.ui.Application.GetApplication().createTimer(this::onTick);
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

        /**
         * Empty ticks the timer ran before its last pause: {@link #IDLE_TICKS} when it paused itself, ~16 if
         * only the toolkit's 250 ms pause had acted, -1 before the first pause.
         */
        synchronized int idleTicksAtLastPause() {
            return idleTicksAtLastPause;
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
