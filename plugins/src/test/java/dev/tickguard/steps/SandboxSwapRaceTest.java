package dev.tickguard.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickguard.spi.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link swapped in between the sandbox's check and its use: the check and the use are one
 * operation on an open folder handle, so the swap is refused (or the original is used), and
 * nothing outside is ever read or written.
 */
class SandboxSwapRaceTest {
    @TempDir
    Path dir;

    @Test
    void notesFolderSwappedForALinkWhileTheModelWritesTheNoteIsRefused() throws Exception {
        Path box = Files.createDirectories(dir.resolve("sandbox"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(box.resolve("notes"));
        ScriptedLlm llm = new ScriptedLlm().answer((Supplier<String>) () -> {
            try {
                // While the step waits for the model, notes/ becomes a link to a folder outside.
                Files.move(box.resolve("notes"), box.resolve("notes-old"));
                Files.createSymbolicLink(box.resolve("notes"), outside);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return "pwned";
        });
        TestStepContext ctx = TestStepContext.builder("action").llm(llm).sandbox(box)
                .output("goal_selection", Json.obj().put("goal", "g").put("reasoning", "r")
                        .put("action_type", "write_note").put("risk_level", "low").put("target", "plan"))
                .build();
        JsonNode w = new ActionStep().run(ctx);
        assertThat(w.get("status").asText()).isEqualTo("refused");
        assertThat(w.get("reason").asText()).contains("symbolic link");
        try (var s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void aFileFlippedBetweenPlainAndLinkNeverYieldsTheOutsideContent() throws Exception {
        Path root = Files.createDirectories(dir.resolve("sandbox"));
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        Path plain = Files.writeString(dir.resolve("plain.tmp"), "harmless");
        Sandbox box = new Sandbox(root);
        Path target = root.resolve("flip.txt");
        Files.copy(plain, target);
        AtomicBoolean stop = new AtomicBoolean();
        Thread flipper = new Thread(() -> {
            int i = 0;
            while (!stop.get()) {
                try {
                    Path next = root.resolve(".next");
                    Files.deleteIfExists(next);
                    if (i++ % 2 == 0) {
                        Files.createSymbolicLink(next, secret);
                    } else {
                        Files.createLink(next, plain);
                        Files.delete(next);
                        Files.copy(plain, next);
                    }
                    Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (Exception ignored) {
                    // racing with ourselves on purpose
                }
            }
        });
        flipper.start();
        int plainReads = 0;
        try {
            for (int n = 0; n < 3000; n++) {
                try {
                    String text = box.read("flip.txt");
                    assertThat(text).isEqualTo("harmless");
                    plainReads++;
                } catch (Sandbox.EscapeException | java.io.IOException refused) {
                    // a link (or a half-swapped name) was refused: that is the point
                }
            }
        } finally {
            stop.set(true);
            flipper.join();
        }
        assertThat(plainReads).as("some reads hit the plain file").isPositive();
    }
}
