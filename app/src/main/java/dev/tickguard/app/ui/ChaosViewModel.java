package dev.tickguard.app.ui;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.TickguardControl;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chaos panel: pick a fault, its target and its value, add it; the active faults with a remove
 * button each. Input is checked with the same parser as {@code --chaos}, so the message on a bad
 * value is the command line's. FX thread only.
 */
public final class ChaosViewModel {
    /** The faults the panel offers, with what each needs. */
    public enum Fault {
        FORCE_OPEN("force-open", "breaker", null, "Hold a breaker open: its calls go to fallbacks."),
        FAIL("fail", "step", null, "Make a step throw on every run."),
        HANG("hang", "step", null, "Make a step never return (its thread is abandoned at the deadline)."),
        SLOW("slow", "step", "delay ms", "Delay a step by this many milliseconds per run."),
        OLLAMA_DOWN("ollama-down", null, null, "Every call to Ollama fails to connect."),
        OLLAMA_LATENCY("ollama-latency", null, "ms or ms-ms", "Add latency (a range gives jitter) to every call."),
        OLLAMA_FAIL_RATE("ollama-fail-rate", null, "0..1", "Fail this share of calls with HTTP 500."),
        OLLAMA_BUSY_RATE("ollama-busy-rate", null, "0..1", "Answer this share of calls with 503 server busy."),
        OLLAMA_MALFORMED("ollama-malformed", null, null, "Answer with malformed JSON."),
        OLLAMA_CUT_STREAM("ollama-cut-stream", null, null, "Cut streamed answers in the middle."),
        OLLAMA_HANG("ollama-hang", null, null, "Calls hang until the read timeout.");

        final String prefix;
        final String target;
        final String value;
        final String help;

        Fault(String prefix, String target, String value, String help) {
            this.prefix = prefix;
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
            return prefix;
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

    /** The spec the form describes, as {@code --chaos} would spell it. */
    String specText() {
        Fault f = fault.get();
        StringBuilder b = new StringBuilder(f.prefix);
        if (f.needsTarget()) {
            b.append(':').append(target.get() == null ? "" : target.get());
            if (f.needsValue()) {
                b.append('=').append(value.get() == null ? "" : value.get().trim());
            }
        } else if (f.needsValue()) {
            b.append(':').append(value.get() == null ? "" : value.get().trim());
        }
        String t = trigger.get() == null ? "" : trigger.get().trim();
        if (f.takesTrigger() && !t.isEmpty()) {
            b.append(',').append(t);
        }
        return b.toString();
    }

    /**
     * Adds the fault the form describes, or changes the active one of the same kind and target. A bad
     * value shows one line (the same words as {@code --chaos}) and changes nothing. The banner shows
     * the fault when its ChaosChanged event arrives, in the next frame.
     */
    public boolean add() {
        Chaos chaos;
        try {
            chaos = Chaos.parse(specText());
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
