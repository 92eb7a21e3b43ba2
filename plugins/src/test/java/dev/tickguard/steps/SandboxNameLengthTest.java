package dev.tickguard.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names at the file-system limit work; one byte over is refused with a clear reason, not an I/O error. */
class SandboxNameLengthTest {
    @TempDir
    Path dir;

    @Test
    void aNameOf255BytesIsWrittenAndReadBackAnd256IsRefused() throws Exception {
        Sandbox box = new Sandbox(dir.resolve("sandbox"));
        String longest = "n".repeat(Sandbox.MAX_NAME_BYTES);
        box.write("notes/" + longest, "at the limit");
        assertThat(box.read("notes/" + longest)).isEqualTo("at the limit");
        assertThatThrownBy(() -> box.write("notes/" + longest + "x", "over"))
                .isInstanceOf(Sandbox.EscapeException.class).hasMessageContaining("longer than 255 bytes");
        // Multi-byte characters count in bytes: 128 x 2 bytes = 256.
        assertThatThrownBy(() -> box.read("é".repeat(128))).hasMessageContaining("longer than 255 bytes");
    }

    @Test
    void writeNoteWithATitleAtAndOverTheLimit() throws Exception {
        ScriptedLlm llm = new ScriptedLlm().answer("ok").answer("never asked");
        String atLimit = "t".repeat(Sandbox.MAX_NAME_BYTES - ".md".length());
        JsonNode w = new ActionStep().run(writeNote(1, atLimit, llm));
        assertThat(w.get("status").asText()).isEqualTo("done");
        assertThat(Files.readString(dir.resolve("sandbox/notes/" + atLimit + ".md"))).contains("ok");

        // Another tick's run (a repeated run of the same tick would replace its own note: ActionWritesOneNotePerRunTest).
        JsonNode over = new ActionStep().run(writeNote(2, atLimit + "t", llm));
        assertThat(over.get("status").asText()).isEqualTo("refused");
        assertThat(over.get("reason").asText()).contains("longer than 255 bytes");
    }

    private TestStepContext writeNote(long tick, String title, ScriptedLlm llm) {
        return TestStepContext.builder("action").tick(tick).llm(llm).sandbox(dir.resolve("sandbox"))
                .output("goal_selection", Json.obj().put("goal", "g").put("action_type", "write_note").put("target", title))
                .build();
    }
}
