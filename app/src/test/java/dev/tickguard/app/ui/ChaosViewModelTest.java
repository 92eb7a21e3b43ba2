package dev.tickguard.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.app.ui.ChaosViewModel.Fault;
import dev.tickguard.chaos.Chaos;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the chaos form builds the {@link Chaos} value with its factories from typed fields; no
 * spec text is assembled and parsed again (an ArchUnit rule in {@link DashboardUsesOnlyTheControlApiTest}
 * keeps {@code Chaos.parse} out of the dashboard). Forcing a breaker closed is one of its faults.
 */
class ChaosViewModelTest {
    private final FakeControl control = new FakeControl();
    private final ObservableList<Chaos> active = FXCollections.observableArrayList();
    private final ChaosViewModel form = new ChaosViewModel(control, active);
    private final Set<Fault> tried = EnumSet.noneOf(Fault.class);

    private Chaos send(Fault fault, String target, String value, String trigger) {
        tried.add(fault);
        form.faultProperty().set(fault);
        form.targetProperty().set(target);
        form.valueProperty().set(value);
        form.triggerProperty().set(trigger);
        assertThat(form.add()).as(form.errorProperty().get()).isTrue();
        return control.chaosSent.get(control.chaosSent.size() - 1);
    }

    @Test
    void everyFaultIsBuiltWithTheFactories() {
        assertThat(send(Fault.FORCE_OPEN, "ollama:chat", "", "")).isEqualTo(Chaos.forceOpen("ollama:chat"));
        assertThat(send(Fault.FORCE_CLOSED, "ollama:chat", "", "")).isEqualTo(Chaos.forceClosed("ollama:chat"));
        assertThat(send(Fault.FAIL, "action", "", "every=3"))
                .isEqualTo(Chaos.stepFail("action", Chaos.Trigger.everyNth(3)));
        assertThat(send(Fault.HANG, "curiosity", "", "always"))
                .isEqualTo(Chaos.stepHang("curiosity", Chaos.Trigger.ALWAYS));
        assertThat(send(Fault.SLOW, "monologue", " 250 ", "p=0.5"))
                .isEqualTo(Chaos.stepSlow("monologue", Duration.ofMillis(250), Chaos.Trigger.probability(0.5)));
        assertThat(send(Fault.OLLAMA_DOWN, null, "", "")).isEqualTo(Chaos.ollamaDown());
        assertThat(send(Fault.OLLAMA_LATENCY, null, "100-900", ""))
                .isEqualTo(Chaos.ollamaLatency(Duration.ofMillis(100), Duration.ofMillis(900)));
        assertThat(send(Fault.OLLAMA_LATENCY, null, "40", ""))
                .isEqualTo(Chaos.ollamaLatency(Duration.ofMillis(40), Duration.ofMillis(40)));
        assertThat(send(Fault.OLLAMA_FAIL_RATE, null, "0.3", "")).isEqualTo(Chaos.ollamaFailRate(0.3));
        assertThat(send(Fault.OLLAMA_BUSY_RATE, null, "1", "")).isEqualTo(Chaos.ollamaBusyRate(1));
        assertThat(send(Fault.OLLAMA_MALFORMED, null, "", "")).isEqualTo(Chaos.ollamaMalformed());
        assertThat(send(Fault.OLLAMA_CUT_STREAM, null, "", "")).isEqualTo(Chaos.ollamaCutStream());
        assertThat(send(Fault.OLLAMA_HANG, null, "", "")).isEqualTo(Chaos.ollamaHang());
        assertThat(tried).as("every fault the form offers").containsExactlyInAnyOrder(Fault.values());
        assertThat(Fault.FORCE_CLOSED.needsTarget()).isTrue();
        assertThat(Fault.FORCE_CLOSED).hasToString("force-closed");
    }

    @Test
    void aBadFieldNamesTheFaultAndSendsNothing() {
        form.faultProperty().set(Fault.SLOW);
        form.targetProperty().set("monologue");
        form.valueProperty().set("fast");
        assertThat(form.add()).isFalse();
        assertThat(form.errorProperty().get()).isEqualTo("slow: 'fast' is not a whole number of milliseconds");

        form.valueProperty().set("10");
        form.triggerProperty().set("often");
        assertThat(form.add()).isFalse();
        assertThat(form.errorProperty().get()).startsWith("slow: 'often' is not a trigger");

        form.faultProperty().set(Fault.OLLAMA_LATENCY);
        form.valueProperty().set("900-100");
        assertThat(form.add()).isFalse();
        assertThat(form.errorProperty().get()).contains("ollama-latency: ", "ends below its start");
        assertThat(control.calls).isEmpty();
    }

    @Test
    void anActiveFaultOfTheSameKeyIsChanged() {
        active.add(Chaos.stepSlow("monologue", Duration.ofMillis(10), Chaos.Trigger.ALWAYS));
        send(Fault.SLOW, "monologue", "20", "");
        send(Fault.FORCE_CLOSED, "step:monologue", "", "");
        assertThat(control.calls).containsExactly("change slow:monologue=20", "add force-closed:step:monologue");
    }
}
