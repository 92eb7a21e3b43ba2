package dev.tickguard.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a tick resumed after a crash re-runs the step that was running, and the step before it
 * may have been re-run too with another answer (its result was not yet committed). The action step
 * still leaves one note for the run (its run key), not a second note under the new answer's name.
 */
class ActionWritesOneNotePerRunTest {
    @TempDir
    Path dir;

    JsonNode writeNote(long tick, String target, String body) throws Exception {
        TestStepContext ctx = TestStepContext.builder("action").tick(tick).llm(new ScriptedLlm().answer(body))
                .sandbox(dir).output("goal_selection", Json.obj().put("goal", "g").put("reasoning", "r")
                        .put("action_type", "write_note").put("risk_level", "low").put("target", target))
                .build();
        return new ActionStep().run(ctx);
    }

    private long notes() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("notes"))) {
            return s.count();
        }
    }

    @Test
    void aRepeatedRunReplacesItsOwnNoteInsteadOfWritingASecond() throws Exception {
        assertThat(writeNote(7, "First plan", "one").get("file").asText()).isEqualTo("notes/first-plan.md");
        // The same run again (resumed), its input changed meanwhile: the same file, replaced.
        JsonNode again = writeNote(7, "Another plan", "two");
        assertThat(again.get("file").asText()).isEqualTo("notes/first-plan.md");
        assertThat(notes()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("notes/first-plan.md"))).contains("two");
        // Another tick is another run: its own note.
        assertThat(writeNote(8, "Another plan", "three").get("file").asText()).isEqualTo("notes/another-plan.md");
        assertThat(notes()).isEqualTo(2);
    }

    @Test
    void theRunRecordIsHiddenFromTheAgentsListing() throws Exception {
        writeNote(3, "A", "x");
        JsonNode observed = new ActionStep().run(TestStepContext.builder("action").tick(4).sandbox(dir).build());
        assertThat(observed.get("files").toString()).doesNotContain(".runs").doesNotContain("3-action");
    }
}
