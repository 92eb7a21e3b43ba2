package dev.tickguard.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ResultJsonTest {
    @Test
    void aValueIsWrittenAsTheSameTextAsAGivenString() {
        ObjectNode v = JsonNodeFactory.instance.objectNode().put("thought", "hi");
        ResultJson lazy = ResultJson.of(v);

        assertThat(lazy.text()).isEqualTo("{\"thought\":\"hi\"}");
        assertThat(lazy.truncated()).isFalse();
        assertThat(lazy.fullLength()).isEqualTo(16);
        assertThat(lazy).isEqualTo(ResultJson.of("{\"thought\":\"hi\"}"));
    }

    @Test
    void aLongValueIsCutAtTheCapWithItsFullLength() {
        ObjectNode v = JsonNodeFactory.instance.objectNode().put("x", "y".repeat(ResultJson.MAX_CHARS));
        ResultJson r = ResultJson.of(v);

        assertThat(r.truncated()).isTrue();
        assertThat(r.text()).hasSize(ResultJson.MAX_CHARS);
        assertThat(r.fullLength()).isEqualTo(ResultJson.MAX_CHARS + 8);
    }

    /** Later steps see the same node, and a step may reuse it next tick: the text is what the step returned. */
    @Test
    void theTextIsTheValueAsReturnedEvenIfTheNodeChangesLater() {
        ObjectNode v = JsonNodeFactory.instance.objectNode().put("goal", "observe");
        ResultJson r = ResultJson.of(v);
        v.put("goal", "changed by a later step");
        v.putArray("more");

        assertThat(r.text()).isEqualTo("{\"goal\":\"observe\"}");
    }

    /** A step may keep changing the value it returned from another thread: a text saying so, never an exception. */
    @Test
    void aValueChangedWhileItIsCopiedGivesAnExplanationNotAnException() throws Exception {
        ObjectNode v = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < 1_000; i++) {
            v.put("k" + i, i);
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread mutator = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                v.put("m" + (i % 5_000), i);
                v.remove("m" + ((i + 2_500) % 5_000));
            }
        });
        mutator.start();
        try {
            for (int i = 0; i < 200; i++) {
                String text = ResultJson.of(v).text();
                assertThat(text).startsWith(text.startsWith("{") ? "{" : "\"result could not be copied");
            }
        } finally {
            stop.set(true);
            mutator.join();
        }
    }
}
