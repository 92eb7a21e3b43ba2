package dev.tickguard.app.ui;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.CheckResult;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.TickEvent;
import dev.tickguard.spi.SystemMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The header: mode badge, tick counter and countdown, run / pause, interval, the Ollama endpoint,
 * and the chaos banner. FX thread only.
 */
public final class HeaderViewModel {
    private final TickguardControl control;
    private final AppInfo app;
    private final ObjectProperty<SystemMode> mode = new SimpleObjectProperty<>(SystemMode.NORMAL);
    private final StringProperty modeText = new SimpleStringProperty("NORMAL");
    private final StringProperty modeHelp = new SimpleStringProperty();
    private final StringProperty tickText = new SimpleStringProperty("No tick yet");
    private final StringProperty nextText = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty interval = new SimpleStringProperty("");
    private final StringProperty intervalError = new SimpleStringProperty("");
    private final StringProperty endpointText = new SimpleStringProperty("");
    private final StringProperty endpointHelp = new SimpleStringProperty("");
    private final ObjectProperty<Boolean> endpointReachable = new SimpleObjectProperty<>();
    private final ObservableList<Chaos> chaos = FXCollections.observableArrayList();
    /** The endpoint line's last detail, to word its advice again when the chaos changes. */
    private String shownDetail;
    private final BooleanProperty chaosActive = new SimpleBooleanProperty();
    private final StringProperty chaosTitle = new SimpleStringProperty("");
    private final BooleanProperty stopped = new SimpleBooleanProperty();
    private Duration shownInterval;
    private boolean fromCommandLine;
    private Instant nextTickAt;
    private long lastTick;
    private String runningTickText;

    public HeaderViewModel(TickguardControl control, AppInfo app) {
        this.control = control;
        this.app = app;
        this.fromCommandLine = app.chaosFromCommandLine();
        showEndpoint(null, "checking...");
    }

    /** Shows a full state (first frame or resync). */
    public void load(ControlSnapshot s, Instant now) {
        setMode(s.engine().mode(), s.engine().modeReason());
        engine(s.engine().state(), s.engine().interval());
        lastTick = Math.max(lastTick, s.engine().lastTick());
        if (s.engine().runningTick() > 0) {
            running.set(true);
            tickText.set("Tick #" + s.engine().runningTick() + " running");
        } else if (lastTick > 0 && !running.get()) {
            tickText.set("Tick #" + lastTick);
        }
        setChaos(s.chaos());
        var ticks = s.histories().ticks();
        if (nextTickAt == null && !ticks.isEmpty()) {
            nextTickAt = ticks.get(ticks.size() - 1).record().startedAt().plus(s.engine().interval());
        }
        refreshClock(now);
    }

    private void engine(EngineState state, Duration every) {
        paused.set(state == EngineState.PAUSED);
        stopped.set(state == EngineState.STOPPED);
        if (!every.equals(shownInterval)) {
            shownInterval = every;
            interval.set(seconds(every));
            intervalError.set("");
        }
    }

    private void showEndpoint(Boolean reachable, String detail) {
        if (Boolean.FALSE.equals(reachable) && detail != null && detail.contains("not reachable")) {
            detail = null; // the check's sentence repeats what the line says, with the same advice
        }
        shownDetail = detail;
        endpointReachable.set(reachable);
        String status = reachable == null ? "" : reachable ? "reachable" : "NOT reachable";
        // While a chaos fault cuts Ollama off, that is the cause and removing it the fix: not `ollama serve`.
        Chaos cut = chaos.stream().filter(c -> c.kind() == Chaos.Kind.OLLAMA_DOWN).findFirst().orElse(null);
        String advice = !Boolean.FALSE.equals(reachable) ? ""
                : cut == null ? "   (start it with `ollama serve`, or restart with --simulator)"
                : detail != null && detail.contains("chaos fault") ? "" // the check's sentence says it already
                : "   (cut off by the chaos fault " + cut.key() + " you set: remove it, or Ctrl+K clears all chaos)";
        endpointText.set((app.simulated() ? "Ollama simulator " : "Ollama ") + app.ollamaUrl() + "   model "
                + app.chatModel() + "   " + status + (detail == null || detail.isBlank() ? "" : ", " + detail) + advice);
        endpointHelp.set(!Boolean.FALSE.equals(reachable)
                ? "The LLM server the steps call; a health check probes it every few seconds."
                : cut != null ? "The chaos fault " + cut.key() + " cuts Ollama off: remove it on the Chaos tab or its chip "
                  + "(Ctrl+K clears all chaos). Ticks keep running on fallbacks meanwhile."
                : "Start Ollama (ollama serve) and pull the model (ollama pull " + app.chatModel()
                  + "), or restart with --simulator. Ticks keep running on fallbacks meanwhile.");
    }

    /** Applies one event; cheap, called for every event of a batch. */
    public void apply(TickEvent e) {
        if (e instanceof TickEvent.ModeChanged m) {
            setMode(m.to(), m.reason());
        } else if (e instanceof TickEvent.TickStarted t) {
            nextTickAt = t.at().plus(shownInterval == null ? Duration.ZERO : shownInterval);
            lastTick = Math.max(lastTick, t.tick());
            runningTickText = "Tick #" + t.tick() + " running";
            tickText.set(runningTickText);
            running.set(true);
        } else if (e instanceof TickEvent.TickFinished f) {
            finished(f.record().tick(), "Tick #" + f.record().tick() + " done in " + f.record().durationMs() + " ms");
        } else if (e instanceof TickEvent.TickSkipped s) {
            finished(s.record().tick(), "Tick #" + s.record().tick() + " skipped");
        } else if (e instanceof TickEvent.EngineStateChanged c) {
            engine(c.to(), c.interval());
            nextTickAt = c.to() == EngineState.RUNNING && !running.get() ? c.at().plus(c.interval()) : nextTickAt;
        } else if (e instanceof TickEvent.ChaosChanged c) {
            setChaos(c.active());
        } else if (e instanceof TickEvent.LlmCall c && !c.refused()) {
            llmCall(c);
        } else if (e instanceof TickEvent.HealthChecked h) {
            for (CheckResult r : h.results()) {
                if (r.check().equals("ollama")) {
                    showEndpoint(r.healthy(), r.detail());
                }
            }
        }
    }

    /**
     * A call that reached Ollama says more, and sooner, than the next health check (issue 18 item 6: the
     * line lagged up to 30 s, and kept "unexpected end of stream" after calls had succeeded).
     */
    private void llmCall(TickEvent.LlmCall c) {
        if (c.success()) {
            showEndpoint(true, "last " + c.operation() + " call answered in " + c.latencyMs() + " ms");
        } else {
            String error = c.error() == null ? "failed" : c.error();
            boolean gone = error.contains("cannot connect") || error.contains("broke off");
            showEndpoint(gone ? Boolean.FALSE : endpointReachable.get(), "last " + c.operation() + " call "
                    + (error.contains("cannot connect") ? "could not connect" : "failed: " + error));
        }
    }

    private void finished(long tick, String text) {
        lastTick = Math.max(lastTick, tick);
        tickText.set(text);
        running.set(false);
    }

    private void setMode(SystemMode m, String reason) {
        mode.set(m);
        String r = reason == null || reason.isBlank() ? "" : ": " + reason;
        modeText.set(m == SystemMode.NORMAL ? "NORMAL" : m.name() + r);
        // The tooltip starts with the badge's own words in full (the badge may shorten them): one sentence everywhere.
        modeHelp.set((m == SystemMode.NORMAL ? "" : modeText.get() + "\n\n") + switch (m) {
            case NORMAL -> "Everything is healthy: steps call the LLM and their own results are used.";
            case DEGRADED -> "Something is unhealthy (a breaker is open or a check failed): ticks still run, "
                    + "but some steps use fallbacks.";
            case RECOVERY -> "The problem went away: Tickguard waits for a few healthy checks in a row before "
                    + "it calls the system NORMAL again.";
            case EMERGENCY -> "A critical resource is failing: ticks are skipped until it recovers.";
        });
    }

    private void setChaos(List<Chaos> specs) {
        if (!chaos.equals(specs)) {
            chaos.setAll(specs);
        }
        chaosActive.set(!specs.isEmpty());
        if (specs.isEmpty()) {
            fromCommandLine = false;
        }
        chaosTitle.set(specs.isEmpty() ? "" : fromCommandLine ? "CHAOS (preset with --chaos):" : "CHAOS:");
        if (Boolean.FALSE.equals(endpointReachable.get())) {
            showEndpoint(false, shownDetail); // the advice names the chaos fault while one cuts Ollama off
        }
    }

    /** Updates the countdown; the view calls it about once a second. */
    public void refreshClock(Instant now) {
        if (stopped.get()) {
            nextText.set("stopped");
        } else if (paused.get()) {
            nextText.set("paused");
        } else if (nextTickAt == null) {
            nextText.set("");
        } else {
            long s = Math.max(0, Duration.between(now, nextTickAt).toSeconds());
            nextText.set(running.get() ? "" : "next in " + countdown(s));
        }
    }

    /**
     * When the countdown's text will next change by itself (the clock need not run before then), or null
     * if it will not without an event (stopped, paused, a tick running, no tick planned).
     */
    public Instant nextClockChange(Instant now) {
        if (stopped.get() || paused.get() || running.get() || nextTickAt == null) {
            return null;
        }
        long leftMs = Duration.between(now, nextTickAt).toMillis();
        if (leftMs <= 0) {
            return null; // due: the tick's start is an event
        }
        long s = leftMs / 1000;
        // The text for s seconds left (s = toSeconds(), truncated) holds while leftMs is in [s*1000, s*1000+999];
        // it next changes when s reaches target: the next whole second, or the next minute / the last two minutes.
        long target = s < 120 ? s - 1 : Math.max(119, 60 * ((s + 59) / 60 - 1));
        return target < 0 ? nextTickAt : nextTickAt.minusMillis(target * 1000 + 999);
    }

    /**
     * The countdown to the next tick: to the second in its last two minutes, else to the minute, so a
     * long interval does not repaint the header every second (issue 18 item 5).
     */
    static String countdown(long s) {
        if (s < 120) {
            return s + "s";
        }
        long m = (s + 59) / 60; // "next in 60m" until a whole minute has gone, never "59m" too early
        return m < 60 ? m + "m" : (m / 60) + "h " + (m % 60) + "m";
    }

    static String formatSeconds(long s) {
        return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m " + (s % 60) + "s" : (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }

    // ------------------------------------------------------------------ commands

    public void runNow() {
        control.runNow();
    }

    /** Pauses a running schedule, resumes a paused one. */
    public void togglePause() {
        if (paused.get()) {
            control.resume();
            paused.set(false);
        } else {
            control.pause();
            paused.set(true);
        }
    }

    /** Applies the interval field; a bad value is shown next to it, the engine keeps its interval. */
    public boolean applyInterval() {
        String v = interval.get() == null ? "" : interval.get().trim();
        double s;
        try {
            s = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            intervalError.set("'" + v + "' is not a number of seconds");
            return false;
        }
        if (!(s >= 0) || s > 86_400) {
            intervalError.set("between 0 and 86400 seconds");
            return false;
        }
        intervalError.set("");
        control.setInterval(Duration.ofMillis(Math.round(s * 1000)));
        return true;
    }

    /** Switches every fault off; the banner goes when the ChaosChanged event arrives (next frame). */
    public void clearChaos() {
        control.clearChaos();
    }

    /** Switches one fault off. */
    public void removeChaos(Chaos c) {
        control.removeChaos(c.key());
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<SystemMode> modeProperty() {
        return mode;
    }

    public StringProperty modeTextProperty() {
        return modeText;
    }

    public StringProperty modeHelpProperty() {
        return modeHelp;
    }

    public StringProperty tickTextProperty() {
        return tickText;
    }

    public StringProperty nextTextProperty() {
        return nextText;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public StringProperty intervalProperty() {
        return interval;
    }

    public StringProperty intervalErrorProperty() {
        return intervalError;
    }

    public StringProperty endpointTextProperty() {
        return endpointText;
    }

    public StringProperty endpointHelpProperty() {
        return endpointHelp;
    }

    public ObjectProperty<Boolean> endpointReachableProperty() {
        return endpointReachable;
    }

    public ObservableList<Chaos> chaos() {
        return chaos;
    }

    public BooleanProperty chaosActiveProperty() {
        return chaosActive;
    }

    public StringProperty chaosTitleProperty() {
        return chaosTitle;
    }

    public BooleanProperty stoppedProperty() {
        return stopped;
    }
}
