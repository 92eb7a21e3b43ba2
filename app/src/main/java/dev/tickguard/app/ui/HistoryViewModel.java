package dev.tickguard.app.ui;

import dev.tickguard.control.TickEntry;
import dev.tickguard.control.TickQuery;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History tab: every tick the database keeps, a page at a time (newest first), filtered by step,
 * outcome and mode, with a jump to a tick number or a time, and the chosen tick's steps and results.
 * Pages are read off the FX thread ({@code background}) and shown on it ({@code ui}); an answer to a
 * request that a newer one replaced is dropped. FX thread only.
 */
public final class HistoryViewModel {
    /** Ticks per page. */
    public static final int PAGE = 100;
    /** What the outcome filter offers first: no filter. */
    public static final String ANY = "any";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One row of the table. */
    public record Row(long tick, String started, String mode, String duration, String steps, String note,
                      TickEntry entry) {
    }

    private final TickguardControl control;
    private final Executor background;
    private final Executor ui;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty step = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty(ANY);
    private final StringProperty mode = new SimpleStringProperty(ANY);
    private final StringProperty jump = new SimpleStringProperty("");
    private final StringProperty page = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringProperty details = new SimpleStringProperty("");
    private final BooleanProperty older = new SimpleBooleanProperty(false);
    private final BooleanProperty newer = new SimpleBooleanProperty(false);
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    // The queries of the pages before this one, to go back to newer ticks.
    private final Deque<TickQuery> previous = new ArrayDeque<>();
    private final AtomicLong request = new AtomicLong();
    private TickQuery shown;
    private boolean showing;
    private long followed;

    public HistoryViewModel(TickguardControl control, Executor background, Executor ui, ZoneId zone) {
        this.control = control;
        this.background = background;
        this.ui = ui;
        this.zone = zone;
        selected.addListener((o, a, b) -> details.set(b == null ? "" : details(b.entry())));
    }

    /** One daemon thread that reads pages for the window (a read never holds up the FX thread). */
    public static Executor readerThread() {
        return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tickguard-history-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether the tab is on screen: only then does the newest page follow new ticks. */
    public void showing(boolean on) {
        showing = on;
    }

    /**
     * Once a second with the engine's last tick number: the newest page, while on screen, reads again
     * when a newer tick has finished (the one selected stays selected).
     */
    public void follow(long lastTick) {
        boolean onNewest = shown != null && previous.isEmpty() && shown.beforeTick() == null && shown.until() == null;
        if (showing && onNewest && lastTick > followed) {
            followed = lastTick;
            load(shown);
        }
    }

    /** The newest page with the current filters. */
    public void newest() {
        previous.clear();
        load(filtered(null, null));
    }

    /** The page of older ticks after this one. */
    public void older() {
        if (shown != null && !rows.isEmpty()) {
            previous.push(shown);
            load(shown.before(rows.get(rows.size() - 1).tick()));
        }
    }

    /** Back to the page of newer ticks before this one. */
    public void newer() {
        if (!previous.isEmpty()) {
            load(previous.pop());
        }
    }

    /** Jumps to a tick number ({@code 1234} or {@code #1234}) or a time (instant, local date-time or date). */
    public void jump() {
        String v = jump.get() == null ? "" : jump.get().strip();
        if (v.isEmpty()) {
            newest();
            return;
        }
        String number = v.startsWith("#") ? v.substring(1) : v;
        if (number.chars().allMatch(Character::isDigit) && number.length() < 19) {
            long n = Long.parseLong(number);
            if (n < 1) {
                problem.set("There is no tick " + v + ": ticks count from 1.");
                return;
            }
            previous.clear();
            load(filtered(n + 1, null));
            return;
        }
        Instant at = time(v);
        if (at == null) {
            problem.set("'" + v + "' is neither a tick number nor a time (2026-12-06 10:00, 2026-12-06, or an ISO instant).");
            return;
        }
        previous.clear();
        load(filtered(null, at.plusNanos(1)));
    }

    private Instant time(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            // local forms next
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            // a date next
        }
        try {
            return LocalDate.parse(v).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private TickQuery filtered(Long beforeTick, Instant until) {
        String s = step.get() == null || step.get().isBlank() ? null : step.get().strip();
        StepOutcome o = ANY.equals(outcome.get()) ? null : StepOutcome.valueOf(outcome.get());
        SystemMode m = ANY.equals(mode.get()) ? null : SystemMode.valueOf(mode.get());
        return new TickQuery(beforeTick, null, until, m, s, o, null, PAGE);
    }

    private void load(TickQuery q) {
        long id = request.incrementAndGet();
        problem.set("");
        page.set("Reading...");
        background.execute(() -> {
            List<TickEntry> got;
            String error = null;
            try {
                got = control.history(q);
            } catch (RuntimeException e) {
                got = List.of();
                error = "The history cannot be read now: " + e.getMessage();
            }
            List<TickEntry> page = got;
            String why = error;
            ui.execute(() -> {
                if (id == request.get()) {
                    show(q, page, why);
                }
            });
        });
    }

    private void show(TickQuery q, List<TickEntry> entries, String error) {
        shown = q;
        // A chosen older tick stays chosen; the newest row (chosen or not) follows to the new newest.
        boolean onTop = selected.get() == null || (!rows.isEmpty() && selected.get().tick() == rows.get(0).tick());
        long keep = onTop ? -1 : selected.get().tick();
        rows.setAll(entries.stream().map(this::row).toList());
        older.set(entries.size() == q.limit());
        newer.set(!previous.isEmpty());
        problem.set(error == null ? "" : error);
        if (entries.isEmpty()) {
            page.set(error != null ? "" : "No tick matches." + (q.beforeTick() != null || q.until() != null
                    ? " Try Newest." : ""));
        } else {
            page.set(String.format(Locale.ROOT, "Ticks #%,d to #%,d, newest first%s", entries.get(0).record().tick(),
                    entries.get(entries.size() - 1).record().tick(), filters(q)));
        }
        selected.set(rows.stream().filter(r -> r.tick() == keep).findFirst().orElse(rows.isEmpty() ? null : rows.get(0)));
    }

    private static String filters(TickQuery q) {
        StringBuilder b = new StringBuilder();
        if (q.step() != null) {
            b.append(", with step ").append(q.step());
        }
        if (q.outcome() != null) {
            b.append(q.step() != null ? " " : ", with a step ").append(q.outcome().name().toLowerCase(Locale.ROOT));
        }
        if (q.mode() != null) {
            b.append(", in ").append(q.mode());
        }
        return b.toString();
    }

    private Row row(TickEntry e) {
        TickRecord r = e.record();
        int ok = 0;
        int fellBack = 0;
        int skipped = 0;
        for (StepRecord s : r.steps()) {
            if (s.outcome() == StepOutcome.SUCCESS) {
                ok++;
            } else if (s.outcome() == StepOutcome.FALLBACK) {
                fellBack++;
            } else {
                skipped++;
            }
        }
        String steps = r.skipped() ? "skipped" : ok + " ok" + (fellBack > 0 ? ", " + fellBack + " fell back" : "")
                + (skipped > 0 ? ", " + skipped + " not run" : "");
        String note = r.skipped() ? r.skipReason() : r.abortReason() != null ? "aborted: " + r.abortReason()
                : r.resumed() ? "resumed after a crash (" + r.restored().size() + " steps restored)" : "";
        return new Row(r.tick(), SHOWN.format(r.startedAt().atZone(zone)), r.mode().name(),
                String.format(Locale.ROOT, "%,d ms", r.durationMs()), steps, note == null ? "" : note, e);
    }

    private static String details(TickEntry e) {
        TickRecord r = e.record();
        StringBuilder b = new StringBuilder();
        b.append("Tick #").append(r.tick()).append(", started ").append(r.startedAt()).append(", ")
                .append(r.durationMs()).append(" ms, mode ").append(r.mode());
        if (r.abortReason() != null) {
            b.append(", aborted: ").append(r.abortReason());
        }
        if (r.resumed()) {
            b.append(", resumed after a crash; restored: ").append(String.join(", ", r.restored()));
        }
        b.append('\n');
        for (StepRecord s : r.steps()) {
            b.append('\n').append(s.id()).append(": ").append(s.outcome().name().toLowerCase(Locale.ROOT))
                    .append(" in ").append(s.durationMs()).append(" ms");
            if (s.cause() != null) {
                b.append(", ").append(s.cause().label());
            }
            if (s.fallback() != null) {
                b.append(", fallback from ").append(s.fallback().label());
            }
            if (s.error() != null) {
                b.append(" (").append(s.error()).append(')');
            }
            ResultJson result = e.results().get(s.id());
            // An old tick's results are pruned before its record: said so, not shown as "no result".
            String none = !e.resultsKept() && s.hasResult() ? TickEntry.RESULT_NOT_KEPT : "no result";
            b.append('\n').append("  ").append(result == null ? none : result.text()
                    + (result.truncated() ? " [cut at " + ResultJson.MAX_CHARS + " characters]" : ""));
        }
        return b.toString();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public StringProperty stepProperty() {
        return step;
    }

    public StringProperty outcomeProperty() {
        return outcome;
    }

    public StringProperty modeProperty() {
        return mode;
    }

    public StringProperty jumpProperty() {
        return jump;
    }

    public StringProperty pageProperty() {
        return page;
    }

    public StringProperty problemProperty() {
        return problem;
    }

    public StringProperty detailsProperty() {
        return details;
    }

    public BooleanProperty olderProperty() {
        return older;
    }

    public BooleanProperty newerProperty() {
        return newer;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    /** The outcomes the filter offers. */
    public static List<String> outcomes() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ANY),
                java.util.Arrays.stream(StepOutcome.values()).map(Enum::name)).toList();
    }

    /** The modes the filter offers. */
    public static List<String> modes() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ANY),
                java.util.Arrays.stream(SystemMode.values()).map(Enum::name)).toList();
    }
}
