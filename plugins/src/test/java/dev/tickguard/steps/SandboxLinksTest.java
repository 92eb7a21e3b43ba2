package dev.tickguard.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic and hard links placed in the action sandbox never lead the step to an outside file:
 * not by name, not as analyze's default file, not in observe's listing, not through a folder.
 */
class SandboxLinksTest {
    @TempDir
    Path dir;
    Path box;
    Path secret;

    @BeforeEach
    void outsideSecret() throws Exception {
        secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        box = Files.createDirectories(dir.resolve("sandbox"));
    }

    JsonNode act(String type, String target, ScriptedLlm llm) throws Exception {
        TestStepContext ctx = TestStepContext.builder("action").llm(llm).sandbox(dir.resolve("sandbox"))
                .output("goal_selection", Json.obj().put("goal", "g").put("reasoning", "r").put("action_type", type)
                        .put("risk_level", "low").put("target", target))
                .build();
        return new ActionStep().run(ctx);
    }

    /** Records what the model was shown, so a test can check the secret never reached it. */
    static final class Witness extends ScriptedLlm {
        final StringBuilder prompts = new StringBuilder();

        @Override
        public String chat(String system, String prompt) throws dev.tickguard.spi.LlmException {
            prompts.append(prompt).append('\n');
            return "a summary";
        }
    }

    @Test
    void analyzeWithNoTargetSkipsASymlinkAndAHardLinkAndPicksAPlainFile() throws Exception {
        Files.createSymbolicLink(box.resolve("0-link.txt"), secret);
        Files.createLink(box.resolve("1-hard.txt"), secret);
        Files.writeString(box.resolve("2-plain.txt"), "plain");
        Witness llm = new Witness();
        JsonNode a = act("analyze", "", llm);
        assertThat(a.get("file").asText()).isEqualTo("2-plain.txt");
        assertThat(llm.prompts.toString()).doesNotContain("top secret");
    }

    @Test
    void analyzeWithNoTargetAndOnlyLinksPicksTheStepsOwnReadme() throws Exception {
        Files.createSymbolicLink(box.resolve("0-link.txt"), secret);
        Files.createLink(box.resolve("1-hard.txt"), secret);
        Witness llm = new Witness();
        JsonNode a = act("analyze", "", llm);
        assertThat(a.get("file").asText()).isEqualTo("README.md");
        assertThat(llm.prompts.toString()).doesNotContain("top secret");
    }

    @Test
    void aHardLinkToAnOutsideFileIsRefusedByName() throws Exception {
        Files.createLink(box.resolve("hard.txt"), secret);
        Witness llm = new Witness();
        JsonNode a = act("analyze", "hard.txt", llm);
        assertThat(a.get("status").asText()).isEqualTo("refused");
        assertThat(a.get("reason").asText()).contains("hard link");
        assertThat(llm.prompts.toString()).isEmpty();
    }

    @Test
    void observeListsNeitherLinksNorHardLinksNorWhatIsBehindALinkedFolder() throws Exception {
        Files.createSymbolicLink(box.resolve("link.txt"), secret);
        Files.createLink(box.resolve("hard.txt"), secret);
        Files.createSymbolicLink(box.resolve("outdir"), dir);
        Files.writeString(box.resolve("mine.txt"), "12345");
        JsonNode o = act("observe", "", new ScriptedLlm());
        assertThat(o.get("files").toString()).contains("\"mine.txt\"").contains("README.md")
                .doesNotContain("link.txt").doesNotContain("hard.txt").doesNotContain("secret").doesNotContain("outdir");
        assertThat(o.get("files").findValues("bytes").stream().map(JsonNode::asLong))
                .doesNotContain((long) "top secret".length());
    }

    @Test
    void aLinkedFolderIsRefusedForReadingAndWriting() throws Exception {
        Files.createSymbolicLink(box.resolve("outdir"), dir);
        assertThat(act("analyze", "outdir/secret.txt", new Witness()).get("reason").asText()).contains("symbolic link");
        JsonNode w = act("write_note", "outdir/evil.md", new ScriptedLlm().answer("pwned"));
        assertThat(w.get("status").asText()).isEqualTo("refused");
        assertThat(dir.resolve("evil.md")).doesNotExist();
    }

    @Test
    void aNoteWrittenOverASymlinkReplacesTheLinkNotItsTarget() throws Exception {
        Files.createDirectories(box.resolve("notes"));
        Files.createSymbolicLink(box.resolve("notes/plan.md"), secret);
        JsonNode w = act("write_note", "plan", new ScriptedLlm().answer("my plan"));
        assertThat(w.get("status").asText()).isEqualTo("done");
        assertThat(Files.readString(secret)).isEqualTo("top secret");
        assertThat(Files.isSymbolicLink(box.resolve("notes/plan.md"))).isFalse();
        assertThat(Files.readString(box.resolve("notes/plan.md"))).contains("my plan");
    }
}
