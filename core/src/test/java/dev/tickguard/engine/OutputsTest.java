package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsTest {
    @Test
    void aViewKeepsTheOutputsPresentWhenItWasMadeInArrivalOrder() {
        Outputs outputs = new Outputs(3);
        outputs.add("monologue", IntNode.valueOf(1));
        Map<String, JsonNode> first = outputs.view();
        outputs.add("goal", IntNode.valueOf(2));
        Map<String, JsonNode> both = outputs.view();

        assertThat(first).containsExactly(Map.entry("monologue", IntNode.valueOf(1)));
        assertThat(first.get("goal")).isNull();
        assertThat(first.containsKey("goal")).isFalse();
        assertThat(both.keySet()).containsExactly("monologue", "goal");
        assertThat(both.get("goal")).isEqualTo(IntNode.valueOf(2));
        Map<String, JsonNode> same = new LinkedHashMap<>();
        same.put("monologue", IntNode.valueOf(1));
        same.put("goal", IntNode.valueOf(2));
        assertThat(both).isEqualTo(same).hasSameHashCodeAs(same);
    }

    @Test
    void aStepCannotChangeTheOutputsItIsShown() {
        Outputs outputs = new Outputs(2);
        outputs.add("monologue", IntNode.valueOf(1));
        Map<String, JsonNode> view = outputs.view();

        assertThatThrownBy(() -> view.put("x", IntNode.valueOf(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.remove("monologue")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(view::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> view.entrySet().iterator().next().setValue(IntNode.valueOf(9)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(outputs.view()).hasSize(1);
        assertThat(new Outputs(1).view()).isEmpty();
    }
}
