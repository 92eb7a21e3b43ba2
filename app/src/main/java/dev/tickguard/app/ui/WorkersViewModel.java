package dev.tickguard.app.ui;

import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.PoisonMessage;
import dev.tickguard.events.RemoteStats;
import dev.tickguard.events.WorkerInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Workers tab: the remote step workers the agent hears from, the poison messages, and the
 * broker in one line; read from the control API once a second (workers change without events).
 * FX thread only.
 */
public final class WorkersViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** One worker as a row: every column already in words. */
    public record Row(String name, String state, String host, String version, String plugins, String steps,
                      String inFlight, String done, String failed, String lastHeartbeat) {
    }

    /** One poison message as a row. */
    public record PoisonRow(String at, String runKey, String step, String reason) {
    }

    private final TickguardControl control;
    private final Clock clock;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<PoisonRow> poison = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public WorkersViewModel(TickguardControl control, Clock clock) {
        this.control = control;
        this.clock = clock;
    }

    /** True when the tab has figures that move by themselves (a broker is configured): refreshed each second. */
    public boolean live() {
        return control.remoteStats().isPresent() || !rows.isEmpty();
    }

    /** Reads the workers, the poison messages and the figures again. */
    public void refresh() {
        Instant now = clock.instant();
        RemoteStats stats = control.remoteStats().orElse(null);
        if (stats == null) {
            summary.set("No broker: set remote.broker in config.yaml and steps.<id>.run_on: remote to run steps on"
                    + " workers (see docs/remote-workers.md).");
        } else {
            summary.set(String.format(Locale.ROOT, "Broker %s: %s   queue %s   round trip p50 %s, p95 %s   "
                            + "workers alive %d   redelivered %d, expired %d, duplicates %d, late %d, poison %d",
                    stats.broker(), stats.connected() ? "connected" : "NOT CONNECTED",
                    stats.queueDepth() < 0 ? "?" : String.valueOf(stats.queueDepth()), ms(stats.roundTripP50Ms()),
                    ms(stats.roundTripP95Ms()), stats.workersAlive(), stats.redelivered(), stats.expired(),
                    stats.duplicates(), stats.late(), stats.deadLettered()));
        }
        List<Row> r = control.workers().stream().map(w -> row(w, now)).toList();
        if (!r.equals(rows)) {
            rows.setAll(r);
        }
        List<PoisonRow> p = control.poisonMessages().stream().map(WorkersViewModel::poisonRow).toList();
        if (!p.equals(poison)) {
            poison.setAll(p);
        }
    }

    static Row row(WorkerInfo w, Instant now) {
        String state = !w.alive() ? "gone" : w.stopped() ? "stopped (chaos)" : "alive";
        long ago = Math.max(0, Duration.between(w.lastHeartbeat(), now).toSeconds());
        String plugins = w.plugins().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return new Row(w.name(), state, w.host(), w.version(), plugins, String.join(", ", w.steps()),
                w.inFlight() + " / " + w.concurrency(), String.valueOf(w.done()), String.valueOf(w.failed()),
                TIME.format(w.lastHeartbeat()) + " (" + ago + " s ago)");
    }

    private static PoisonRow poisonRow(PoisonMessage m) {
        return new PoisonRow(TIME.format(m.at()), m.runKey(), m.step(), m.reason());
    }

    private static String ms(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", v);
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<PoisonRow> poison() {
        return poison;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
