package dev.tickguard.app.ui;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.TickguardControl;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chaos panel: pick a fault, its target and its value, add it; the active faults with a remove
 * button each. The form builds the {@link Chaos} value with its factories (never a text spec to be
 * parsed again), so a bad value is refused by the same checks as {@code --chaos}, in the same words.
 * Forcing a breaker here is the same as on its tile: one active fault per forced breaker. FX thread only.
 */
public final class ChaosViewModel {
    /** The faults the panel offers, with what each needs. */
    public enum Fault {
        FORCE_OPEN(Chaos.Kind.FORCE_OPEN, "breaker", null, "Hold a breaker open: its calls go to fallbacks."),
        FORCE_CLOSED(Chaos.Kind.FORCE_CLOSED, "breaker", null,
                "Hold a breaker closed: every call goes through and none counts toward opening."),
        FAIL(Chaos.Kind.STEP_FAIL, "step", null, "Make a step throw on every run."),
        HANG(Chaos.Kind.STEP_HANG, "step", null, "Make a step never return (its thread is abandoned at the deadline)."),
        SLOW(Chaos.Kind.STEP_SLOW, "step", "delay ms", "Delay a step by this many milliseconds per run."),
        OLLAMA_DOWN(Chaos.Kind.OLLAMA_DOWN, null, null, "Every call to Ollama fails to connect."),
        OLLAMA_LATENCY(Chaos.Kind.OLLAMA_LATENCY, null, "ms or ms-ms",
                "Add latency (a range gives jitter) to every call."),
        OLLAMA_FAIL_RATE(Chaos.Kind.OLLAMA_FAIL_RATE, null, "0..1", "Fail this share of calls with HTTP 500."),
        OLLAMA_BUSY_RATE(Chaos.Kind.OLLAMA_BUSY_RATE, null, "0..1", "Answer this share of calls with 503 server busy."),
        OLLAMA_MALFORMED(Chaos.Kind.OLLAMA_MALFORMED, null, null, "Answer with malformed JSON."),
        OLLAMA_CUT_STREAM(Chaos.Kind.OLLAMA_CUT_STREAM, null, null, "Cut streamed answers in the middle."),
        OLLAMA_HANG(Chaos.Kind.OLLAMA_HANG, null, null, "Calls hang until the read timeout.");

        final Chaos.Kind kind;
        final String target;
        final String value;
        final String help;

        Fault(Chaos.Kind kind, String target, String value, String help) {
            this.kind = kind;
            this.target = target;
            this.value = value;
            this.help = help;
        }

        /** Step faults fire always, with a probability (p=0.5) or on every n-th call (every=3). */
        public boolean takesTrigger() {
            return "step".equals(target);
        }

        public boolean needsTarget() {
            return target != null;
        }

        public boolean needsValue() {
            return value != null;
        }

        public String valueHint() {
            return value == null ? "" : value;
        }

        public String help() {
            return help;
        }

        @Override
        public String toString() {
            return kind.label();
        }
    }

    private final TickguardControl control;
    private final StringProperty trigger = new SimpleStringProperty("");
    private final ObjectProperty<Fault> fault = new SimpleObjectProperty<>(Fault.FORCE_OPEN);
    private final StringProperty target = new SimpleStringProperty();
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<String> targets = FXCollections.observableArrayList();
    private final ObservableList<Chaos> active;

    /** @param active the header's list of active faults (one list, shown in the banner and here) */
    public ChaosViewModel(TickguardControl control, ObservableList<Chaos> active) {
        this.control = control;
        this.active = active;
        fault.addListener((o, a, b) -> refreshTargets(null));
    }

    /** Fills the target choices for the chosen fault. */
    public void refreshTargets(List<String> breakerNames) {
        Fault f = fault.get();
        if (f == null || !f.needsTarget()) {
            targets.clear();
            target.set(null);
            return;
        }
        List<String> names = f.target.equals("breaker")
                ? (breakerNames != null ? breakerNames : breakerNames())
                : stepIds();
        targets.setAll(names);
        if (target.get() == null || !names.contains(target.get())) {
            target.set(names.isEmpty() ? null : names.get(0));
        }
    }

    private List<String> breakerNames() {
        return control.breakers().stream().map(b -> b.name()).toList();
    }

    private List<String> stepIds() {
        return control.steps().stream().map(s -> s.id()).toList();
    }

    /**
     * The fault the form describes, made with {@link Chaos}'s factories from the form's typed fields.
     *
     * @throws IllegalArgumentException naming the fault, if a field does not make a valid fault
     */
    Chaos chaos() {
        Fault f = fault.get();
        try {
            String t = target.get();
            return switch (f) {
                case FORCE_OPEN -> Chaos.forceOpen(t);
                case FORCE_CLOSED -> Chaos.forceClosed(t);
                case FAIL -> Chaos.stepFail(t, trigger());
                case HANG -> Chaos.stepHang(t, trigger());
                case SLOW -> Chaos.stepSlow(t, Chaos.millis(value()), trigger());
                case OLLAMA_DOWN -> Chaos.ollamaDown();
                case OLLAMA_LATENCY -> {
                    String[] range = value().split("-", 2);
                    Duration low = Chaos.millis(range[0]);
                    yield Chaos.ollamaLatency(low, range.length == 2 ? Chaos.millis(range[1]) : low);
                }
                case OLLAMA_FAIL_RATE -> Chaos.ollamaFailRate(Chaos.rate(value()));
                case OLLAMA_BUSY_RATE -> Chaos.ollamaBusyRate(Chaos.rate(value()));
                case OLLAMA_MALFORMED -> Chaos.ollamaMalformed();
                case OLLAMA_CUT_STREAM -> Chaos.ollamaCutStream();
                case OLLAMA_HANG -> Chaos.ollamaHang();
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
        }
    }

    private String value() {
        return value.get() == null ? "" : value.get().trim();
    }

    /** Empty or "always": every call; else {@code p=<0..1>} or {@code every=<n>}, as after a spec's comma. */
    private Chaos.Trigger trigger() {
        String t = trigger.get() == null ? "" : trigger.get().trim();
        return t.isEmpty() || t.equalsIgnoreCase("always") ? Chaos.Trigger.ALWAYS : Chaos.Trigger.parse(t);
    }

    /**
     * Adds the fault the form describes, or changes the active one of the same kind and target. A bad
     * value shows one line (naming the fault, in the same words as {@code --chaos}) and changes
     * nothing. The banner shows the fault when its ChaosChanged event arrives, in the next frame.
     */
    public boolean add() {
        Chaos chaos;
        try {
            chaos = chaos();
            if (active.stream().anyMatch(a -> a.key().equals(chaos.key()))) {
                control.changeChaos(chaos);
            } else {
                control.addChaos(chaos);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            error.set(e.getMessage());
            return false;
        }
        error.set("");
        return true;
    }

    /** Switches one active fault off. */
    public void remove(Chaos chaos) {
        control.removeChaos(chaos.key());
    }

    public ObjectProperty<Fault> faultProperty() {
        return fault;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public StringProperty triggerProperty() {
        return trigger;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<String> targets() {
        return targets;
    }

    public ObservableList<Chaos> active() {
        return active;
    }
}
