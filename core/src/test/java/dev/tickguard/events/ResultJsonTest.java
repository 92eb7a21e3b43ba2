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

    /** A step may keep changing the value it returned: the reader gets a text saying so, not an exception. */
    @Test
    void aValueChangedWhileItIsWrittenGivesAnExplanationNotAnException() throws Exception {
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
                assertThat(text).startsWith(text.startsWith("{") ? "{" : "\"result could not be written");
            }
        } finally {
            stop.set(true);
            mutator.join();
        }
    }
}
