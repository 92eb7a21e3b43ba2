package dev.tickguard.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.TestStepContext;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each step refuses answers it cannot use, so the engine's fallback chain takes over. */
class StepValidationTest {
    @TempDir
    Path dir;

    /** A context for one run of the step with this id, its sandbox in the test's folder. */
    private TestStepContext.Builder context(String stepId, Llm llm) {
        return TestStepContext.builder(stepId).llm(llm).sandbox(dir.resolve("sandbox"));
    }

    @Test
    void goalSelectionNeedsAKnownActionAndRisk() throws Exception {
        ScriptedLlm llm = new ScriptedLlm()
                .answer("{\"candidates\":[{\"goal\":\"explore files\",\"why\":\"new\"}]}")
                .answer("{\"goal\":\"explore files\",\"reasoning\":\"new\",\"action_type\":\"rm -rf\",\"risk_level\":\"low\",\"target\":\"\"}");
        TestStepContext ctx = context("goal_selection", llm).build();
        assertThatThrownBy(() -> new GoalSelectionStep().run(ctx)).isInstanceOf(InvalidAnswerException.class)
                .hasMessageContaining("action_type").hasMessageContaining("rm -rf");

        llm.answer("{\"candidates\":[{\"goal\":\"explore files\",\"why\":\"new\"}]}")
                .answer("{\"goal\":\"explore files\",\"reasoning\":\"new\",\"action_type\":\"analyze\",\"risk_level\":\"LOW\",\"target\":\"README.md\"}");
        JsonNode goal = new GoalSelectionStep().run(ctx);
        assertThat(goal.get("action_type").asText()).isEqualTo("analyze");
        assertThat(goal.get("risk_level").asText()).isEqualTo("low");
    }

    @Test
    void goalFallbackIsTheNotes() {
        JsonNode d = new GoalSelectionStep().fallback(null, new RuntimeException()).orElseThrow();
        assertThat(d.toString()).isEqualTo("{\"goal\":\"observe the environment\",\"action_type\":\"observe\",\"risk_level\":\"low\"}");
    }

    @Test
    void curiosityFallbackIsTheNotes() {
        assertThat(new CuriosityStep().safeDefault().toString())
                .isEqualTo("{\"questions\":[],\"reason\":\"Curiosity engine unavailable\"}");
    }

    @Test
    void monologueFallbackIsTheNotes() {
        assertThat(new MonologueStep().safeDefault().get("text").asText())
                .isEqualTo("Observing the current state of the system and the environment.");
    }

    @Test
    void beliefsOutOfRangeAreRefused() {
        ScriptedLlm llm = new ScriptedLlm().answer("{\"beliefs\":[{\"statement\":\"x\",\"confidence\":7}]}");
        assertThatThrownBy(() -> new BeliefSystemStep().run(context("belief_system", llm).build()))
                .isInstanceOf(InvalidAnswerException.class).hasMessageContaining("outside 0.0..1.0");
    }

    @Test
    void malformedShapesAreRefused() {
        ScriptedLlm llm = new ScriptedLlm().answer("{\"questions\":\"not a list\",\"reason\":\"x\"}")
                .answer("{\"should_send\":\"yes\",\"audience\":\"user\",\"message\":\"hi\"}")
                .answer("{\"assessment\":\"ok\",\"confidence\":0.5,\"adjust\":\"explode\"}");
        assertThatThrownBy(() -> new CuriosityStep().run(context("curiosity", llm).build()))
                .isInstanceOf(InvalidAnswerException.class);
        assertThatThrownBy(() -> new SocialInteractionStep().run(context("social_interaction", llm).build()))
                .isInstanceOf(InvalidAnswerException.class);
        assertThatThrownBy(() -> new MetaCognitionStep().run(context("meta_cognition", llm).build()))
                .isInstanceOf(InvalidAnswerException.class);
    }

    @Test
    void selfModificationStaysWithinSafeBounds() throws Exception {
        ScriptedLlm llm = new ScriptedLlm().answer("{\"changes\":[{\"parameter\":\"caution_level\",\"value\":0.0,"
                + "\"reason\":\"yolo\"},{\"parameter\":\"root_access\",\"value\":1,\"reason\":\"why not\"}]}");
        TestStepContext ctx = context("self_modification", llm).build();
        JsonNode out = new SelfModificationStep().run(ctx);
        assertThat(out.get("applied").get(0).get("to").asDouble()).isEqualTo(0.4);
        assertThat(out.get("rejected").get(0).get("parameter").asText()).isEqualTo("root_access");
        assertThat(SelfModificationStep.load(ctx.state())).containsEntry("caution_level", 0.4);
    }

    @Test
    void afterActionFallbackStillRecordsTheEpisode() {
        TestStepContext ctx = context("after_action", new ScriptedLlm()).tick(9)
                .output("action", Json.obj().put("goal", "observe").put("action_type", "observe").put("status", "done"))
                .build();
        JsonNode out = new AfterActionStep().fallback(ctx, new RuntimeException("llm down")).orElseThrow();
        assertThat(out.get("recorded").asBoolean()).isTrue();
        assertThat(ctx.memory().recentEpisodes(1).get(0).tick()).isEqualTo(9);
        assertThat(ctx.memory().recentEpisodes(1).get(0).outcome()).isEqualTo("done");
    }
}
