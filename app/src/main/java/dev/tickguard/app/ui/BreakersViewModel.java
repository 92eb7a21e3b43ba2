package dev.tickguard.app.ui;

import dev.tickguard.control.BreakerStatus;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.TickEvent;
import java.time.Instant;
import java.util.List;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** All breaker tiles: the two LLM breakers first, then one per step. FX thread only. */
public final class BreakersViewModel {
    private final TickguardControl control;
    private final Map<String, BreakerTileViewModel> byName = new LinkedHashMap<>();
    private final ObservableList<BreakerTileViewModel> llmTiles = FXCollections.observableArrayList();
    private final ObservableList<BreakerTileViewModel> stepTiles = FXCollections.observableArrayList();
    private final Set<BreakerTileViewModel> sparkDirty = new HashSet<>();
    private final Set<BreakerTileViewModel> countsDirty = new HashSet<>();
    private final long delayMs;

    /** @param delayMs the configured time an open breaker waits before a trial call */
    public BreakersViewModel(TickguardControl control, long delayMs) {
        this.control = control;
        this.delayMs = delayMs;
    }

    /** Shows every breaker's full state (first frame, resync, and the once-a-second refresh). */
    public void load(ControlSnapshot s, Instant now) {
        for (BreakerStatus b : s.breakers()) {
            tile(b.name()).load(b, now);
        }
        // The Ollama servers are not in the snapshot (they change without events): read them with it.
        List<dev.tickguard.events.OllamaEndpointStatus> endpoints = control.ollamaEndpoints();
        for (dev.tickguard.events.OllamaEndpointStatus e : endpoints) {
            BreakerTileViewModel t = byName.get(e.chatBreaker());
            if (t != null) {
                t.endpoint(e, endpoints.size() == 1);
            }
        }
    }

    /** Applies one event of a batch. */
    public void apply(TickEvent e) {
        if (e instanceof TickEvent.BreakerChanged c) {
            BreakerTileViewModel t = tile(c.breaker());
            t.changed(c.to(), c.at(), c.reason(), delayMs);
            countsDirty.add(t);
        } else if (e instanceof TickEvent.LlmCall c) {
            // A pool endpoint's own tile (ollama:<name>:chat), else the single server's (ollama:chat).
            BreakerTileViewModel t = c.endpoint() == null ? null : byName.get("ollama:" + c.endpoint() + ":" + c.operation());
            if (t == null) {
                t = byName.get("ollama:" + c.operation());
            }
            if (t != null && !c.refused()) {
                t.call(c.success(), c.latencyMs());
                sparkDirty.add(t);
                countsDirty.add(t);
            }
        } else if (e instanceof TickEvent.StepFinished f) {
            BreakerTileViewModel t = byName.get("step:" + f.step().id());
            if (t != null) {
                t.call(f.step().outcome() == dev.tickguard.events.StepOutcome.SUCCESS, f.step().durationMs());
                sparkDirty.add(t);
                countsDirty.add(t);
            }
        }
    }

    /**
     * Ends a batch: sparklines redraw once, not once per call; a tile whose breaker changed or counted a
     * call reads its counts now (one cheap read of that breaker, once a batch), so "failures in a row"
     * moves with the state it explains.
     */
    public void endBatch() {
        for (BreakerTileViewModel t : sparkDirty) {
            t.sparkChanged();
        }
        sparkDirty.clear();
        for (BreakerTileViewModel t : countsDirty) {
            control.breaker(t.name()).ifPresent(t::counts);
        }
        countsDirty.clear();
    }

    /** When a tile's countdown next changes by itself, or null if none shows one. */
    public Instant nextClockChange(Instant now) {
        return byName.values().stream().map(t -> t.nextClockChange(now)).filter(java.util.Objects::nonNull)
                .min(Instant::compareTo).orElse(null);
    }

    /** Updates the countdowns. */
    public void refreshClock(Instant now) {
        byName.values().forEach(t -> t.refreshClock(now));
    }

    private BreakerTileViewModel tile(String name) {
        return byName.computeIfAbsent(name, n -> {
            BreakerTileViewModel t = new BreakerTileViewModel(n, control);
            (t.isLlm() ? llmTiles : stepTiles).add(t);
            return t;
        });
    }

    /** The tile of a breaker, or null. */
    public BreakerTileViewModel find(String name) {
        return byName.get(name);
    }

    public ObservableList<BreakerTileViewModel> llmTiles() {
        return llmTiles;
    }

    public ObservableList<BreakerTileViewModel> stepTiles() {
        return stepTiles;
    }
}
