package dev.tickguard.app.ui;

import dev.tickguard.control.BreakerStatus;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.BreakerState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One breaker's tile: state words, counts, countdown, last change, sparkline, three-way switch. FX thread only. */
public final class BreakerTileViewModel {
    /** Recent calls the sparkline shows. */
    static final int SPARK = 40;
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String name;
    private final TickguardControl control;
    private final ObjectProperty<BreakerState> state = new SimpleObjectProperty<>(BreakerState.CLOSED);
    private final ObjectProperty<BreakerMode> mode = new SimpleObjectProperty<>(BreakerMode.AUTO);
    private final StringProperty stateText = new SimpleStringProperty("CLOSED");
    private final StringProperty detailText = new SimpleStringProperty("");
    private final StringProperty countdownText = new SimpleStringProperty("");
    private final StringProperty shortCountdown = new SimpleStringProperty("");
    private final StringProperty lastChangeText = new SimpleStringProperty("");
    private final StringProperty help = new SimpleStringProperty("");
    /** For an Ollama endpoint's chat breaker: in flight, latency, loaded models ("" otherwise). */
    private final StringProperty endpointText = new SimpleStringProperty("");
    private final IntegerProperty sparkVersion = new SimpleIntegerProperty();
    private final long[] sparkLatency = new long[SPARK];
    private final boolean[] sparkOk = new boolean[SPARK];
    private int sparkCount;
    private int sparkNext;
    private boolean readyToProbe;
    private Instant openUntil;
    private boolean applyingMode;

    BreakerTileViewModel(String name, TickguardControl control) {
        this.name = name;
        this.control = control;
        mode.addListener((o, was, now) -> {
            if (!applyingMode && now != null && was != now) {
                control.setBreakerMode(name, now);
            }
        });
    }

    /** Shows the breaker's full state. */
    void load(BreakerStatus b, Instant now) {
        setMode(b.mode());
        openUntil = b.state() == BreakerState.OPEN && !b.untilHalfOpen().isZero() ? now.plus(b.untilHalfOpen()) : null;
        readyToProbe = b.readyToProbe();
        var t = b.lastTransition();
        setState(b.state(), t == null ? null : t.at(), t == null ? null : t.reason());
        counts(b);
        refreshClock(now);
    }

    /**
     * Shows the breaker's counts (failures in a row, the success share). Also right after its event or a
     * call it counted, not only on the clock's snapshot (which lagged up to a second behind a transition).
     */
    void counts(BreakerStatus b) {
        // Says what the share is of (issue 18 item 6: "100% ok of last 3" was unexplained): the calls the
        // breaker counted since it entered its state, as BreakerStatus defines its window.
        String since = b.circuit().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String rate = b.executions() == 0 ? "no calls counted since " + since
                : String.format(Locale.ROOT, "%.0f%% ok of %d %s since %s", b.successRate() * 100, b.executions(),
                        b.executions() == 1 ? "call" : "calls", since);
        detailText.set(b.consecutiveFailures() + (b.consecutiveFailures() == 1 ? " failure" : " failures") + " in a row\n"
                + rate);
    }

    private void setMode(BreakerMode m) {
        applyingMode = true;
        try {
            mode.set(m);
        } finally {
            applyingMode = false;
        }
    }

    /** A BreakerChanged event: the state shows at once; the counts at the end of the batch ({@link BreakersViewModel#endBatch}). */
    void changed(BreakerState to, Instant at, String reason, long delayMs) {
        readyToProbe = false;
        if (to == BreakerState.FORCED_OPEN) {
            setMode(BreakerMode.FORCE_OPEN);
        } else if (to == BreakerState.FORCED_CLOSED) {
            setMode(BreakerMode.FORCE_CLOSED);
        } else {
            setMode(BreakerMode.AUTO);
        }
        if (to == BreakerState.OPEN) {
            openUntil = at.plusMillis(delayMs);
        } else {
            openUntil = null;
        }
        setState(to, at, reason);
        refreshClock(at);
    }

    private void setState(BreakerState s, Instant at, String reason) {
        state.set(s);
        stateText.set(switch (s) {
            case CLOSED -> "CLOSED";
            case OPEN -> "OPEN";
            case HALF_OPEN -> "HALF_OPEN";
            case FORCED_OPEN -> "OPEN (forced)";
            case FORCED_CLOSED -> "CLOSED (forced)";
        });
        help.set(switch (s) {
            case CLOSED -> "Calls go through. After enough failures in a row it opens and calls go to fallbacks.";
            case FORCED_CLOSED -> "Forced closed by you: every call goes through and failures do not count. "
                    + "Set Auto to release.";
            case OPEN -> "Too many failures: calls are refused at once and steps use their fallbacks. "
                    + "When the countdown ends the next call is a trial.";
            case HALF_OPEN -> "Trying to recover: a trial call decides between CLOSED and OPEN.";
            case FORCED_OPEN -> "Forced open by you (chaos): every call is refused until you set Auto.";
        });
        if (at != null) {
            lastChangeText.set(LocalTime.ofInstant(at, ZoneId.systemDefault()).format(HMS)
                    + (reason == null || reason.isBlank() ? "" : "  " + reason));
        }
    }

    /** When the countdown's text next changes by itself, or null if it shows none. */
    Instant nextClockChange(Instant now) {
        if (state.get() != BreakerState.OPEN || openUntil == null || !openUntil.isAfter(now)) {
            return null;
        }
        long leftMs = Duration.between(now, openUntil).toMillis();
        long rem = leftMs % 1000; // shown: ceil(leftMs / 1000) s, which drops when leftMs crosses a whole second
        return now.plusMillis(rem == 0 ? 1000 : rem);
    }

    /** Updates the countdown to half-open; the view calls it about once a second. */
    void refreshClock(Instant now) {
        if (state.get() != BreakerState.OPEN) {
            countdownText.set(state.get() == BreakerState.FORCED_OPEN ? "held open until Auto"
                    : state.get() == BreakerState.FORCED_CLOSED ? "held closed until Auto" : "");
            shortCountdown.set("");
            return;
        }
        if (openUntil == null) {
            countdownText.set(readyToProbe ? "ready to probe" : "");
            shortCountdown.set(readyToProbe ? "probe" : "");
            return;
        }
        long left = (long) Math.ceil(Duration.between(now, openUntil).toMillis() / 1000.0);
        countdownText.set(left > 0 ? HeaderViewModel.formatSeconds(left) + " to half-open" : "ready to probe");
        shortCountdown.set(left > 0 ? HeaderViewModel.formatSeconds(left) : "probe");
    }

    /** Records one call for the sparkline. */
    void call(boolean ok, long latencyMs) {
        sparkOk[sparkNext] = ok;
        sparkLatency[sparkNext] = latencyMs;
        sparkNext = (sparkNext + 1) % SPARK;
        sparkCount = Math.min(SPARK, sparkCount + 1);
    }

    /** Tells the sparkline to redraw after a batch. */
    void sparkChanged() {
        sparkVersion.set(sparkVersion.get() + 1);
    }

    /** The sparkline's calls, oldest first: latency, negative for a failed call. */
    public long[] spark() {
        long[] out = new long[sparkCount];
        int start = (sparkNext - sparkCount + SPARK) % SPARK;
        for (int i = 0; i < sparkCount; i++) {
            int j = (start + i) % SPARK;
            out[i] = sparkOk[j] ? Math.max(1, sparkLatency[j]) : -Math.max(1, sparkLatency[j]);
        }
        return out;
    }

    public String name() {
        return name;
    }

    /**
     * The big tiles are the LLM breakers; step breakers go in the compact list, and so do a pool
     * endpoint's embed breakers (its chat tile is the endpoint's tile: one per server).
     */
    public boolean isLlm() {
        return name.startsWith("ollama:") && !(name.endsWith(":embed") && name.chars().filter(c -> c == ':').count() == 2);
    }

    public ObjectProperty<BreakerState> stateProperty() {
        return state;
    }

    public ObjectProperty<BreakerMode> modeProperty() {
        return mode;
    }

    public StringProperty stateTextProperty() {
        return stateText;
    }

    public StringProperty detailTextProperty() {
        return detailText;
    }

    public StringProperty countdownTextProperty() {
        return countdownText;
    }

    /** The countdown in a few letters, for the compact rows ("42s", "probe"). */
    public StringProperty shortCountdownProperty() {
        return shortCountdown;
    }

    public StringProperty lastChangeTextProperty() {
        return lastChangeText;
    }

    public StringProperty helpProperty() {
        return help;
    }

    public StringProperty endpointTextProperty() {
        return endpointText;
    }

    /** Shows the Ollama server behind this chat breaker (its tile is the endpoint's tile). */
    /** @param alone the only server: its failing check and chaos are already in the header and banner */
    void endpoint(dev.tickguard.events.OllamaEndpointStatus e, boolean alone) {
        endpointText.set(endpointWords(e, alone));
    }

    /** E.g. {@code "1 in flight · p50 640 ms, p95 1.9 s\nloaded: llama3.2"} (the tile's title names the endpoint). */
    static String endpointWords(dev.tickguard.events.OllamaEndpointStatus e, boolean alone) {
        String latency = e.p50Ms() < 0 ? "no calls yet" : "p50 " + ms(e.p50Ms()) + ", p95 " + ms(e.p95Ms());
        return e.inFlight() + " in flight · " + latency + (alone ? "" : "\nloaded: "
                + (e.loadedModels().isEmpty() ? "none" : String.join(", ", e.loadedModels())))
                + (e.healthy() || alone ? "" : "\ncheck failing: " + gist(e.health(), e.url()))
                + (e.faults().equals("none") || alone ? "" : "\nchaos: " + e.faults());
    }

    /** A check's words short enough for a tile: without the server's URL, up to the first detail. */
    static String gist(String words, String url) {
        String s = words.replace(" to " + url, "").replace(" at " + url, "");
        int colon = s.indexOf(": ");
        s = colon > 0 ? s.substring(0, colon) : s;
        return s.length() > 48 ? s.substring(0, 47) + "…" : s;
    }

    private static String ms(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    public IntegerProperty sparkVersionProperty() {
        return sparkVersion;
    }
}
