package dev.tickguard.app.ui;

import java.lang.reflect.Field;
import java.util.function.BooleanSupplier;
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
 * thread, each also waking the thread that hands pulses over: most of the window's idle wake-ups
 * (issue 18). The timer pauses itself after {@link #IDLE_TICKS} ticks in a row in which the toolkit had
 * no animation, no requested pulse and none running; the toolkit's 250 ms is hysteresis, not
 * correctness: every request for a pulse resumes the timer through the same path as before.
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
     * Empty ticks in a row before the timer pauses itself: 2 (~33 ms at 60 pulses a second) rather than
     * the toolkit's ~16 (250 ms). One would do; the second saves a pause and resume when a pulse asks for
     * the next one a frame late.
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
        BooleanSupplier busy = busy(toolkit, type);
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
            PausableTimer fresh = new PausableTimer((Runnable) get(runnableField, toolkit), busy, PausableTimer::platformTimer);
            fresh.start(interval);
            set(timerField, toolkit, fresh);
            timer.stop();
        }
        return null;
    }

    /**
     * Whether the toolkit has work for the timer: an animation running, a pulse requested, or one posted
     * and not yet ended. The very flags its own {@code postPulse} reads before asking to pause; read
     * without its lock (they are volatile), because a request for a pulse takes its flag's lock and then
     * the toolkit's, and reading them under the toolkit's lock could deadlock with it.
     */
    private static BooleanSupplier busy(Object toolkit, Class<?> type) {
        Object animation = get(field(type, "animationRunning"), toolkit);
        Object requested = get(field(type, "nextPulseRequested"), toolkit);
        java.util.concurrent.atomic.AtomicBoolean running =
                (java.util.concurrent.atomic.AtomicBoolean) get(field(type, "pulseRunning"), toolkit);
        Field flag = field(animation.getClass(), "isRunning");
        return () -> running.get() || (Boolean) get(flag, animation) || (Boolean) get(flag, requested);
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
     * {@code _pause} and {@code _resume} under the timer's own lock; the toolkit's pause comes from the
     * timer's own tick, its resume from whichever thread asks for a pulse. Stopping the platform's timer
     * inside its own tick is safe: GLib removes a GTK timeout when the callback returns, Monocle cancels
     * its scheduled task.
     *
     * <p>After each tick it asks {@code busy}; false {@link #IDLE_TICKS} ticks in a row, it pauses itself
     * and then asks once more. A request for a pulse sets its flag and then resumes the timer: if that
     * resume came between the last look and this pause, it found the timer running and did nothing, but
     * its flag was set before, so the second look sees it and resumes (the bug that made the first try of
     * this pause stop the timer with a pulse requested read the toolkit's own {@code pauseRequested},
     * which a tick can set after a concurrent request cleared it).
     */
    static final class PausableTimer extends com.sun.glass.ui.Timer {
        /** Starts a platform timer calling {@code tick} every {@code periodMillis}; returns what stops it. */
        @FunctionalInterface
        interface PlatformTimers {
            Runnable start(Runnable tick, int periodMillis);
        }

        private final Runnable tick;
        private final BooleanSupplier busy;
        private final PlatformTimers platform;
        private int period;
        private Runnable running;
        private long pauses;
        private int idleTicks;
        private int idleTicksAtLastPause = -1;

        PausableTimer(Runnable tick, BooleanSupplier busy, PlatformTimers platform) {
            super(tick);
            this.tick = tick;
            this.busy = busy;
            this.platform = platform;
        }

        static Object toolkit() {
            return com.sun.javafx.tk.Toolkit.getToolkit();
        }

        /** The platform timer's callback: the toolkit's tick, then the early pause. */
        void onTick() {
            tick.run();
            afterTick();
        }

        /** Counts an empty tick, pauses after {@link #IDLE_TICKS} of them, and resumes if work raced the pause. */
        void afterTick() {
            boolean pause;
            synchronized (this) {
                idleTicks = busy.getAsBoolean() ? 0 : idleTicks + 1;
                pause = idleTicks >= IDLE_TICKS && running != null;
            }
            if (pause) {
                pause(); // Timer.pause: under this timer's lock, as the toolkit calls it
                if (busy.getAsBoolean()) {
                    resume();
                }
            }
        }

        @Override
        protected long _start(Runnable r) {
            throw new UnsupportedOperationException("a vsync timer is not supported here");
        }

        @Override
        protected long _start(Runnable r, int periodMillis) {
            period = periodMillis;
            idleTicks = 0;
            running = platform.start(this::onTick, periodMillis);
            return 1; // Glass only checks that the handle is not 0
        }

        @Override
        protected void _stop(long handle) {
            if (running != null) {
                running.run();
                running = null;
            }
        }

        @Override
        protected void _pause(long handle) {
            if (running != null) {
                running.run();
                running = null;
                pauses++;
                idleTicksAtLastPause = idleTicks;
            }
        }

        @Override
        protected void _resume(long handle) {
            if (running == null && period > 0) {
                idleTicks = 0;
                running = platform.start(this::onTick, period);
            }
        }

        /** The platform's own timer (GTK's, Monocle's), started. */
        static Runnable platformTimer(Runnable tick, int periodMillis) {
            com.sun.glass.ui.Timer t = com.sun.glass.ui.Application.GetApplication().createTimer(tick);
            t.start(periodMillis);
            return t::stop;
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
