package dev.tickguard.app.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.control.ControlSnapshot;
import dev.tickguard.control.TickEntry;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The timeline's data: recent ticks (newest last), the tick in progress, chaos markers, the
 * selection and its detail. The canvas redraws when {@link #versionProperty()} changes, once per
 * batch at most. FX thread only.
 */
public final class TimelineViewModel {
    /** Ticks kept for scrolling back. */
    public static final int CAPACITY = 2_000;

    /** A chaos change on the time axis. */
    public record ChaosMark(Instant at, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<TickEntry> ticks = new ArrayList<>();
    private final Map<String, ResultJson> currentResults = new HashMap<>();
    private final List<ChaosMark> marks = new ArrayList<>();
    /** Which Ollama endpoints served each step's LLM calls, by "tick/step", for the tooltip (recent ones). */
    private final Map<String, Map<String, Integer>> servedBy = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Integer>> eldest) {
            return size() > SERVED_BY_KEPT;
        }
    };
    /** Steps whose endpoints are kept for the tooltip. */
    static final int SERVED_BY_KEPT = 20_000;
    private final List<StepRecord> current = new ArrayList<>();
    private long currentTick;
    private Instant currentStart;
    private final IntegerProperty version = new SimpleIntegerProperty();
    private static final String NO_SELECTION = "Select a step bar to see its result (on the newest tick, it follows new ticks)";
    private final StringProperty selectionTitle = new SimpleStringProperty(NO_SELECTION);
    private final StringProperty selectionJson = new SimpleStringProperty("");
    private final StringProperty selectionError = new SimpleStringProperty("");
    private final StringProperty rangeText = new SimpleStringProperty("no ticks yet");
    private long selectedTick = -1;
    private String selectedStep;
    private boolean dirty;

    /** Replaces the ticks with a full state's (first frame, resync). */
    public void load(ControlSnapshot s) {
        ticks.clear();
        List<TickEntry> all = s.histories().ticks();
        ticks.addAll(all.subList(Math.max(0, all.size() - CAPACITY), all.size()));
        marks.clear();
        s.histories().chaosChanges().forEach(c -> chaosChanged(c.event()));
        dirty = true;
        endBatch();
    }

    /** Applies one event of a batch. */
    public void apply(TickEvent e) {
        if (e instanceof TickEvent.TickStarted t) {
            current.clear();
            currentResults.clear();
            currentTick = t.tick();
            currentStart = t.at();
            dirty = true;
        } else if (e instanceof TickEvent.StepFinished f && f.tick() == currentTick) {
            current.add(f.step());
            if (f.result() != null) {
                currentResults.put(f.step().id(), f.result());
            }
            dirty = true;
        } else if (e instanceof TickEvent.TickFinished f) {
            add(f.record());
        } else if (e instanceof TickEvent.TickSkipped s) {
            add(s.record());
        } else if (e instanceof TickEvent.ChaosChanged c) {
            chaosChanged(c);
        } else if (e instanceof TickEvent.LlmCall c && c.stepId() != null && c.endpoint() != null) {
            servedBy.computeIfAbsent(c.tick() + "/" + c.stepId(), k -> new java.util.LinkedHashMap<>())
                    .merge(c.success() ? c.servedBy() : c.servedBy() + " failed", 1, Integer::sum);
        }
    }

    /**
     * Which Ollama endpoints served the LLM calls of a step's run, e.g. {@code "LLM: sim1 ×2, sim2 (after
     * sim1)"}, or "" if it made none (or they are too old).
     */
    public String servedBy(long tick, String stepId) {
        Map<String, Integer> m = servedBy.get(tick + "/" + stepId);
        if (m == null) {
            return "";
        }
        StringBuilder b = new StringBuilder("LLM: ");
        int i = 0;
        for (Map.Entry<String, Integer> e : m.entrySet()) {
            b.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(e.getValue() > 1 ? " ×" + e.getValue() : "");
        }
        return b.toString();
    }

    private void chaosChanged(TickEvent.ChaosChanged c) {
        chaosChanged(c.at(), c.chaos() == null ? "chaos cleared" : c.action().name().toLowerCase(java.util.Locale.ROOT)
                + " " + c.chaos());
    }

    private void add(TickRecord r) {
        if (!ticks.isEmpty() && ticks.get(ticks.size() - 1).record().tick() >= r.tick()) {
            return; // already in the snapshot
        }
        long newestBefore = ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1).record().tick();
        if (ticks.size() >= CAPACITY + 100) {
            ticks.subList(0, ticks.size() - CAPACITY).clear(); // trim in steps, not one shift per tick
        }
        ticks.add(new TickEntry(0, r, r.tick() == currentTick ? currentResults : Map.of()));
        followSelection(newestBefore, r);
        if (r.tick() == currentTick) {
            current.clear();
            currentResults.clear();
            currentStart = null;
        }
        dirty = true;
    }

    /**
     * The detail strip never describes what is gone (issue 18 item 6: a red error stayed): a selection on
     * the newest tick moves to the same step of the tick that just finished, so the strip follows the
     * current tick; one on an older tick stays; one whose tick was trimmed away is cleared.
     */
    private void followSelection(long newestBefore, TickRecord r) {
        if (selectedTick < 0) {
            return;
        }
        if (selectedTick == newestBefore && r.steps().stream().anyMatch(x -> x.id().equals(selectedStep))) {
            select(r.tick(), selectedStep);
        } else if (indexOf(selectedTick) < 0) {
            clearSelection();
        }
    }

    /** Empties the detail strip. */
    public void clearSelection() {
        selectedTick = -1;
        selectedStep = null;
        selectionTitle.set(NO_SELECTION);
        selectionJson.set("");
        selectionError.set("");
        dirty = true;
    }

    /** One step as its hover tooltip describes it: what happened, when, for how long, why. */
    static String describe(long tick, StepRecord s) {
        return "#" + tick + " " + s.id() + ": " + s.outcome()
                + (s.fallback() != null ? ", " + s.fallback().label() + " fallback" : "")
                + (s.cause() != null ? ", cause " + s.cause().label() : "")
                + (s.abandoned() ? ", thread abandoned" : "")
                + (s.ranOn() != null ? "\nran on " + s.ranOn() : "")
                + "\nstarted at +" + s.startMs() + " ms, took " + s.durationMs() + " ms (timeout " + s.timeoutMs()
                + " ms), " + s.priority().label() + ", phase " + s.phase().number()
                + (s.error() != null ? "\n" + s.error() : "");
    }

    /** Marks a chaos change on the time axis. */
    public void chaosChanged(Instant at, String text) {
        marks.add(new ChaosMark(at, text));
        if (marks.size() > 500) {
            marks.remove(0);
        }
        dirty = true;
    }

    /** Ends a batch: one redraw for everything that changed. */
    public void endBatch() {
        if (dirty) {
            dirty = false;
            rangeText.set(ticks.isEmpty() ? "no ticks yet"
                    : "ticks " + ticks.get(0).record().tick() + "-" + ticks.get(ticks.size() - 1).record().tick()
                      + " (" + ticks.size() + " kept)");
            version.set(version.get() + 1);
        }
    }

    // ------------------------------------------------------------------ selection

    /** Selects a step of a tick and fills the detail strip. */
    public void select(long tick, String stepId) {
        Optional<TickEntry> r = tick(tick);
        Optional<StepRecord> s = r.flatMap(t -> t.record().steps().stream().filter(x -> x.id().equals(stepId)).findFirst());
        if (s.isEmpty()) {
            return;
        }
        selectedTick = tick;
        selectedStep = stepId;
        StepRecord st = s.get();
        StringBuilder t = new StringBuilder("#" + tick + "  " + st.id() + "  " + st.outcome());
        if (st.fallback() != null) {
            t.append(" (").append(st.fallback().label()).append(" fallback)");
        }
        if (st.cause() != null) {
            t.append("  cause: ").append(st.cause().label());
        }
        if (st.abandoned()) {
            t.append("  ABANDONED");
        }
        t.append("  ").append(st.durationMs()).append(" ms of ").append(st.timeoutMs()).append(" ms timeout, phase ")
                .append(st.phase().number()).append(", ").append(st.priority().label());
        selectionTitle.set(t.toString());
        ResultJson json = r.get().results().get(stepId);
        selectionJson.set(json != null ? pretty(json) : st.hasResult()
                ? "(no result kept: this tick was reloaded from the journal, which keeps no results)"
                : "(no result: the step failed and no fallback had one)");
        selectionError.set(st.error() == null ? "" : "error: " + st.error());
        version.set(version.get() + 1);
    }

    static String pretty(ResultJson json) {
        if (json.truncated()) {
            return json.text() + "\n... (cut at " + json.text().length() + " of " + json.fullLength() + " characters)";
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json.text()));
        } catch (JsonProcessingException e) {
            return json.text();
        }
    }

    /** Moves the selection to the same step of the next newer (+1) or older (-1) tick, or the first step. */
    public void moveSelection(int rows, int steps) {
        if (ticks.isEmpty()) {
            return;
        }
        int i = indexOf(selectedTick);
        if (i < 0) {
            TickRecord newest = ticks.get(ticks.size() - 1).record();
            if (!newest.steps().isEmpty()) {
                select(newest.tick(), newest.steps().get(0).id());
            }
            return;
        }
        int j = Math.max(0, Math.min(ticks.size() - 1, i + rows));
        TickRecord r = ticks.get(j).record();
        if (r.steps().isEmpty()) {
            return;
        }
        int k = 0;
        for (int n = 0; n < r.steps().size(); n++) {
            if (r.steps().get(n).id().equals(selectedStep)) {
                k = n;
            }
        }
        k = Math.max(0, Math.min(r.steps().size() - 1, k + steps));
        select(r.tick(), r.steps().get(k).id());
    }

    private int indexOf(long tick) {
        for (int i = ticks.size() - 1; i >= 0; i--) {
            if (ticks.get(i).record().tick() == tick) {
                return i;
            }
        }
        return -1;
    }

    private Optional<TickEntry> tick(long tick) {
        int i = indexOf(tick);
        return i < 0 ? Optional.empty() : Optional.of(ticks.get(i));
    }

    // ------------------------------------------------------------------ read by the canvas

    /** The kept ticks, oldest first (do not modify). */
    public List<TickEntry> ticks() {
        return ticks;
    }

    /** Steps of the tick in progress so far, and its number and start (null when none runs). */
    public List<StepRecord> current() {
        return current;
    }

    public long currentTick() {
        return currentTick;
    }

    public Instant currentStart() {
        return currentStart;
    }

    public List<ChaosMark> marks() {
        return marks;
    }

    public long selectedTick() {
        return selectedTick;
    }

    public String selectedStep() {
        return selectedStep;
    }

    public IntegerProperty versionProperty() {
        return version;
    }

    public StringProperty selectionTitleProperty() {
        return selectionTitle;
    }

    public StringProperty selectionJsonProperty() {
        return selectionJson;
    }

    public StringProperty selectionErrorProperty() {
        return selectionError;
    }

    public StringProperty rangeTextProperty() {
        return rangeText;
    }
}
