package dev.tickguard.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The action step can never reach outside its sandbox. */
class SandboxTest {
    @TempDir
    Path dir;

    JsonNode act(String type, String target, ScriptedLlm llm) throws Exception {
        TestStepContext ctx = TestStepContext.builder("action").llm(llm).sandbox(dir.resolve("sandbox"))
                .output("goal_selection", Json.obj().put("goal", "g").put("reasoning", "r").put("action_type", type)
                        .put("risk_level", "low").put("target", target))
                .build();
        return new ActionStep().run(ctx);
    }

    @Test
    void dotDotAbsoluteAndSymlinkEscapesAreRefusedAndRecorded() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "top secret");
        assertThat(act("analyze", "../secret.txt", new ScriptedLlm()).get("status").asText()).isEqualTo("refused");
        assertThat(act("analyze", secret.toString(), new ScriptedLlm()).get("reason").asText()).contains("absolute path");
        assertThat(act("write_note", "../../evil", new ScriptedLlm().answer("pwned")).get("status").asText()).isEqualTo("refused");

        Path box = dir.resolve("sandbox");
        Files.createDirectories(box);
        Files.createSymbolicLink(box.resolve("link.txt"), secret);
        Files.createSymbolicLink(box.resolve("outdir"), dir);
        JsonNode viaLink = act("analyze", "link.txt", new ScriptedLlm());
        assertThat(viaLink.get("status").asText()).isEqualTo("refused");
        assertThat(viaLink.get("reason").asText()).contains("symbolic link");
        assertThat(act("write_note", "outdir/new.md", new ScriptedLlm().answer("x")).get("status").asText())
                .isEqualTo("refused");
        assertThat(Files.exists(dir.resolve("new.md"))).isFalse();
        assertThat(Files.readString(secret)).isEqualTo("top secret");
    }

    @Test
    void analyzeReadsACappedFileAndWriteNoteWritesInside() throws Exception {
        Path box = dir.resolve("sandbox");
        Files.createDirectories(box);
        Files.writeString(box.resolve("big.txt"), "line\n".repeat(100_000));
        JsonNode a = act("analyze", "big.txt", new ScriptedLlm().answer("A long file of lines."));
        assertThat(a.get("status").asText()).isEqualTo("done");
        assertThat(a.get("lines").asLong()).isLessThanOrEqualTo(Sandbox.MAX_READ_BYTES / 5 + 1);

        JsonNode w = act("write_note", "Plans for Tomorrow", new ScriptedLlm().answer("Look at the README."));
        assertThat(w.get("file").asText()).isEqualTo("notes/plans-for-tomorrow.md");
        assertThat(Files.readString(box.resolve("notes/plans-for-tomorrow.md"))).contains("Look at the README.");

        JsonNode huge = act("write_note", "huge", new ScriptedLlm().answer("x".repeat(Sandbox.MAX_WRITE_BYTES + 1)));
        assertThat(huge.get("status").asText()).isEqualTo("refused");
        assertThat(huge.get("reason").asText()).contains("cap");
    }

    @Test
    void observeListsTheSandbox() throws Exception {
        JsonNode o = act("observe", "", new ScriptedLlm());
        assertThat(o.get("files").toString()).contains("README.md");
    }
}
