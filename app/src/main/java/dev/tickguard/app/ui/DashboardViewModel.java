package dev.tickguard.app.ui;

import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.TickEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The window's view model: owns one view model per part and routes each batch of events from the
 * {@link FxPump} to them, then lets each redraw once. Knows the control API, never the engine.
 * FX thread only.
 */
public final class DashboardViewModel {
    private final TickguardControl control;
    private final Clock clock;
    private final HeaderViewModel header;
    private final BreakersViewModel breakers;
    private final TimelineViewModel timeline;
    private final LatencyViewModel latency;
    private final StepsViewModel steps;
    private final ChaosViewModel chaos;
    private final LogViewModel log;
    private final SettingsViewModel settings;
    private final ModeHistory modes = new ModeHistory();
    private final ModeNotifications notifications = new ModeNotifications();
    private boolean modesStarted;
    private final WorkersViewModel workers;
    private final HistoryViewModel history;
    private long events;
    /** The seq of the last event (or snapshot) shown: older events in a batch are already in the picture. */
    private long shownSeq;

    public DashboardViewModel(TickguardControl control, AppInfo app, Clock clock, Consumer<Path> folderOpener) {
        this.control = control;
        this.clock = clock;
        long delayMs = app.breakerDelay().toMillis();
        this.header = new HeaderViewModel(control, app);
        this.breakers = new BreakersViewModel(control, delayMs);
        this.timeline = new TimelineViewModel();
        this.latency = new LatencyViewModel(clock);
        this.steps = new StepsViewModel(app.pluginsDir(), folderOpener);
        this.chaos = new ChaosViewModel(control, header.chaos());
        this.log = new LogViewModel();
        this.settings = new SettingsViewModel(app);
        this.workers = new WorkersViewModel(control, clock);
        this.history = new HistoryViewModel(control, HistoryViewModel.readerThread(), javafx.application.Platform::runLater,
                clock.getZone());
    }

    /** Shows a full state; events up to its seq are then skipped. */
    public void load(ControlSnapshot s) {
        shownSeq = Math.max(shownSeq, s.seq());
        Instant now = clock.instant();
        header.load(s, now);
        breakers.load(s, now);
        loadModes(s, now);
        timeline.load(s);
        latency.load(s);
        steps.load(s);
    }

    /**
     * Applies one pulse's batch. With {@code resync} (events were dropped) the full state is
     * re-read first, so the window never stays wrong after a burst.
     */
    public void apply(List<Sequenced<TickEvent>> batch, boolean resync) {
        if (resync) {
            load(control.snapshot());
        }
        // A huge batch (the window fell behind) would format thousands of log lines only to drop them.
        int logFrom = Math.max(0, batch.size() - 2 * LogViewModel.CAPACITY);
        for (int i = 0; i < batch.size(); i++) {
            Sequenced<TickEvent> se = batch.get(i);
            if (se.seq() <= shownSeq) {
                continue; // already in the snapshot shown
            }
            shownSeq = se.seq();
            events++;
            TickEvent e = se.event();
            if (e instanceof TickEvent.ModeChanged m) {
                // Before the header: its new mode redraws the strip at once, which must see the change.
                modes.changed(m.at(), m.to());
                notifications.apply(m);
            }
            header.apply(e);
            breakers.apply(e);
            timeline.apply(e);
            latency.apply(e);
            steps.apply(e);
            if (i >= logFrom) {
                log.apply(e);
            }
        }
        breakers.endBatch();
        timeline.endBatch();
        latency.endBatch();
        log.endBatch();
    }

    /**
     * On the window's clock (a second after events, and when {@link #nextClockChange} says): countdowns, and the figures that change without events (breaker counts, the
     * adaptive timeouts, the endpoint) from a fresh snapshot.
     */
    public void refresh() {
        ControlSnapshot s = control.snapshot();
        if (s.seq() < shownSeq) {
            return; // older than what is shown (cannot happen with one bus, but never go back)
        }
        Instant now = clock.instant();
        header.load(s, now);
        breakers.load(s, now);
        steps.load(s);
        latency.stats(s);
        latency.refreshClock();
        workers.refresh();
        history.follow(s.engine().lastTick());
    }

    /**
     * When something shown next changes by itself, without an event: a countdown's text (the next tick,
     * a breaker's half-open), the calls-per-minute figure as calls leave its window, the workers' figures
     * (each second while a broker is configured). Null if nothing does: the window's clock then sleeps.
     */
    public Instant nextClockChange() {
        Instant now = clock.instant();
        Instant next = earliest(header.nextClockChange(now), breakers.nextClockChange(now));
        next = earliest(next, latency.nextClockChange());
        return workers.live() ? earliest(next, now.plusSeconds(1)) : next;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    /**
     * The mode history starts with the changes the control API kept; later ones arrive as events, or, when
     * events were dropped (a resync), from the snapshot: its changes newer than the history's last, then
     * its current mode.
     */
    private void loadModes(ControlSnapshot s, Instant now) {
        if (modesStarted) {
            for (var c : s.histories().modeChanges()) {
                if (c.event().at().isAfter(modes.lastChangeAt())) {
                    modes.changed(c.event().at(), c.event().to());
                }
            }
            modes.changed(now, s.engine().mode()); // nothing if it is the mode shown
            return;
        }
        modesStarted = true;
        var changes = s.histories().modeChanges();
        if (changes.isEmpty()) {
            modes.start(now, s.engine().mode());
            return;
        }
        TickEvent.ModeChanged first = changes.get(0).event();
        modes.start(first.at().isBefore(now) ? first.at() : now, first.from());
        changes.forEach(c -> modes.changed(c.event().at(), c.event().to()));
    }

    /** Time in each mode, for the strip in the status line. */
    ModeHistory modes() {
        return modes;
    }

    /** Desktop notifications of the mode leaving and returning to NORMAL. */
    ModeNotifications notifications() {
        return notifications;
    }

    /** Now, on the window's clock. */
    Instant now() {
        return clock.instant();
    }

    /** The window clock's time zone: times of day are shown in it. */
    java.time.ZoneId zone() {
        return clock.getZone();
    }

    /** The seq of the newest event shown. */
    public long shownSeq() {
        return shownSeq;
    }

    /** Chaos target choices, once the steps are known. */
    public void refreshTargets() {
        chaos.refreshTargets(null);
    }

    /** Events applied so far. */
    public long events() {
        return events;
    }

    public HeaderViewModel header() {
        return header;
    }

    public BreakersViewModel breakers() {
        return breakers;
    }

    public TimelineViewModel timeline() {
        return timeline;
    }

    public LatencyViewModel latency() {
        return latency;
    }

    public StepsViewModel steps() {
        return steps;
    }

    public ChaosViewModel chaos() {
        return chaos;
    }

    public LogViewModel log() {
        return log;
    }

    public HistoryViewModel history() {
        return history;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public WorkersViewModel workers() {
        return workers;
    }
}
