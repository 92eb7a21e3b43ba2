package dev.tickguard.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.ControlFixture.TestStep;
import dev.tickguard.events.ResultJson;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.spi.StepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tick history survives a restart (from the database), with results; each step's result is kept, capped. */
class HistoryReloadTest {
    @TempDir
    Path dir;

    @Test
    void tickHistoryReloadsFromTheDatabaseWithResultsAfterARestart() throws Exception {
        try (ControlFixture first = new ControlFixture(dir, Duration.ZERO, TestStep.seq("a", 1))) {
            first.control.addChaos(Chaos.parse("fail:a,every=2"));
            for (int i = 0; i < 5; i++) {
                first.engine.runTick();
            }
            await().until(() -> first.control.histories().ticks().size() == 5);
        }
        // The journal mirror is derived: damage in it does not touch the history.
        Files.writeString(dir.resolve("logs/ticks.jsonl"), "{\"tick\":6,\"started", StandardOpenOption.APPEND);

        try (ControlFixture second = new ControlFixture(dir, Duration.ZERO, TestStep.seq("a", 1))) {
            var reloaded = second.control.histories().ticks();
            assertThat(reloaded).extracting(t -> t.record().tick()).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(reloaded).allSatisfy(t -> assertThat(t.seq()).isZero());
            assertThat(reloaded.get(1).record().steps().get(0).outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(reloaded.get(1).record().steps().get(0).error()).contains("made to fail");
            assertThat(second.control.snapshot().engine().lastTick()).isEqualTo(5);
            assertThat(reloaded.get(0).results().get("a").text()).contains("\"step\":\"a\"");

            second.engine.runTick();
            await().until(() -> second.control.histories().ticks().size() == 6);
            TickEntry newest = second.control.histories().ticks().get(5);
            assertThat(newest.record().tick()).isEqualTo(6);
            assertThat(newest.seq()).isPositive();
            assertThat(newest.results().get("a").text()).contains("\"step\":\"a\"");
        }
    }

    @Test
    void aLargeResultIsCutAndMarked() throws Exception {
        TestStep big = new TestStep("big", dev.tickguard.spi.Priority.IMPORTANT, dev.tickguard.spi.Phase.SEQUENTIAL, 1) {
            @Override
            public JsonNode run(StepContext context) {
                return JsonNodeFactory.instance.objectNode().put("text", "x".repeat(40_000));
            }
        };
        try (ControlFixture f = new ControlFixture(dir, Duration.ZERO, big, TestStep.seq("small", 2))) {
            f.engine.runTick();
            await().until(() -> f.control.histories().ticks().size() == 1);
            TickEntry t = f.control.histories().ticks().get(0);
            ResultJson cut = t.results().get("big");
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.text()).hasSize(ResultJson.MAX_CHARS);
            assertThat(cut.fullLength()).isGreaterThan(40_000);
            assertThat(t.results().get("small").truncated()).isFalse();
        }
    }
}
