package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.engine.ResultCache;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression (issue 17.8): bytes after a state file's JSON value were dropped silently; they are damage. */
class TrailingBytesAreDamageTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointWithTrailingBytesIsSetAsideWithAWarning() throws Exception {
        Path cp = Files.createDirectories(dir.resolve("state")).resolve("checkpoint.json");
        Files.writeString(cp, "{\"last_tick\": 7} {\"last_tick\": 9}");
        try (LogCapture log = new LogCapture()) {
            assertThat(Checkpoint.load(cp).lastTick()).isZero();
            assertThat(log.all()).contains("checkpoint.json is damaged (not JSON); moved to checkpoint.json.bad");
        }
        assertThat(dir.resolve("state/checkpoint.json.bad")).hasContent("{\"last_tick\": 7} {\"last_tick\": 9}");
    }

    @Test
    void aResultCacheWithTrailingBytesIsSetAside() throws Exception {
        Path file = Files.createDirectories(dir.resolve("state")).resolve("results-cache.json");
        Files.writeString(file, "{\"steps\":{}}garbage");
        try (LogCapture log = new LogCapture()) {
            ResultCache.load(file);
            assertThat(log.all()).contains("results-cache.json is damaged");
        }
        assertThat(dir.resolve("state/results-cache.json.bad")).exists();
    }

    @Test
    void aWellFormedCheckpointStillLoads() throws Exception {
        Path cp = Files.createDirectories(dir.resolve("state")).resolve("checkpoint.json");
        Files.writeString(cp, "{\"last_tick\": 7}\n");
        assertThat(Checkpoint.load(cp).lastTick()).isEqualTo(7);
    }
}
