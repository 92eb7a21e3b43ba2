package dev.tickguard.app.ui;

import dev.tickguard.bus.TickLog;
import dev.tickguard.events.TickEvent;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The tick log, in the same words as the console (the lines come from {@link TickLog}), bounded,
 * filterable by level, step and text. FX thread only.
 */
public final class LogViewModel {
    /** Lines kept. */
    public static final int CAPACITY = 5_000;
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Pattern STEP = Pattern.compile("[Ss]tep '([^']+)'");

    /** Levels the filter offers, most verbose first. */
    public enum Shown {
        ALL(Level.ALL), INFO(Level.INFO), WARN(Level.WARNING), ERROR(Level.SEVERE);

        final Level level;

        Shown(Level level) {
            this.level = level;
        }
    }

    /** One log line. */
    public record Line(String time, Level level, String step, String text) {
        @Override
        public String toString() {
            return time + "  " + label(level) + "  " + text;
        }

        static String label(Level l) {
            return l == Level.SEVERE ? "ERROR" : l == Level.WARNING ? "WARN " : l == Level.INFO ? "INFO " : "DEBUG";
        }
    }

    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final FilteredList<Line> shown = new FilteredList<>(lines);
    private final ObjectProperty<Shown> level = new SimpleObjectProperty<>(Shown.ALL);
    private final StringProperty step = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final List<Line> pending = new ArrayList<>();
    private final TickLog format;

    public LogViewModel() {
        Logger capture = Logger.getAnonymousLogger();
        capture.setUseParentHandlers(false);
        capture.setLevel(Level.INFO);
        capture.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                String msg = r.getMessage();
                Matcher m = STEP.matcher(msg);
                pending.add(new Line(LocalTime.ofInstant(r.getInstant(), ZoneId.systemDefault()).format(HMS), r.getLevel(),
                        m.find() ? m.group(1) : "", msg));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        format = new TickLog(capture, null);
        level.addListener((o, a, b) -> refilter());
        step.addListener((o, a, b) -> refilter());
        text.addListener((o, a, b) -> refilter());
    }

    public void apply(TickEvent e) {
        format.accept(e);
    }

    /** Ends a batch: the batch's lines go in as one list change (one for the view to handle). */
    public void endBatch() {
        if (pending.isEmpty()) {
            return;
        }
        int overflow = lines.size() + pending.size() - CAPACITY;
        if (overflow >= lines.size()) {
            // The batch alone fills the log: keep its newest lines.
            lines.setAll(pending.subList(Math.max(0, pending.size() - CAPACITY), pending.size()));
        } else {
            if (overflow > 0) {
                lines.remove(0, overflow); // oldest lines out, in one change
            }
            lines.addAll(pending);
        }
        pending.clear();
    }

    private void refilter() {
        Level min = level.get() == null ? Level.ALL : level.get().level;
        String st = step.get() == null ? "" : step.get().trim().toLowerCase(Locale.ROOT);
        String tx = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        shown.setPredicate(l -> l.level().intValue() >= min.intValue()
                && (st.isEmpty() || l.step().toLowerCase(Locale.ROOT).contains(st))
                && (tx.isEmpty() || l.text().toLowerCase(Locale.ROOT).contains(tx)));
    }

    public ObservableList<Line> lines() {
        return lines;
    }

    public FilteredList<Line> shown() {
        return shown;
    }

    public ObjectProperty<Shown> levelProperty() {
        return level;
    }

    public StringProperty stepProperty() {
        return step;
    }

    public StringProperty textProperty() {
        return text;
    }
}
