package dev.tickguard.app;

import dev.tickguard.config.LogLevel;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record on the console: {@code 12:00:01.250 INFO  [HeavyTick #1] ...}. */
final class ConsoleLogging {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** The console handler, kept for {@link #warnWhileShuttingDown}; null until installed. */
    private static volatile Handler console;

    private ConsoleLogging() {
    }

    static void install(LogLevel level, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level.julLevel());
        Handler h = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                if (!isLoggable(r)) {
                    return;
                }
                out.println(getFormatter().format(r));
                out.flush();
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
        h.setLevel(level.julLevel());
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                if (r.getThrown() != null && r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    msg += " (" + r.getThrown() + ")";
                }
                return LocalTime.now().format(TIME) + " " + name(r.getLevel()) + " " + msg;
            }
        });
        root.addHandler(h);
        console = h;
    }

    /**
     * Logs a warning that must be seen even while the JVM shuts down: java.util.logging's own
     * shutdown hook removes every handler, and hooks run in no set order, so a line logged from
     * Tickguard's hook (why it stops) could vanish. This one goes straight to the console handler.
     */
    static void warnWhileShuttingDown(String message) {
        Handler h = console;
        LogRecord r = new LogRecord(Level.WARNING, message);
        r.setLoggerName("tickguard");
        if (h != null) {
            h.publish(r);
        } else {
            Logger.getLogger("tickguard").log(r);
        }
    }

    private static String name(Level l) {
        if (l.intValue() >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (l.intValue() >= Level.WARNING.intValue()) {
            return "WARN ";
        }
        if (l.intValue() >= Level.INFO.intValue()) {
            return "INFO ";
        }
        return "DEBUG";
    }
}
