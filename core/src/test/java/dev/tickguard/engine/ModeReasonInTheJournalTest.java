package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.persist.DbAssert;
import dev.tickguard.spi.Priority;
import dev.tickguard.time.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 (size), item 5: a tick's journal line (the mirror and the database's) says why the system
 * was in its mode, in the badge's words (the health monitor's reason when the tick started).
 */
class ModeReasonInTheJournalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theJournalLineCarriesTheModesReasonAsTheBadgeSaysIt() throws Exception {
        String reason;
        try (TickEngine engine = Engines.engine(Engines.config(dir), TimeSource.system(),
                FakeStep.seq("monologue", Priority.CRITICAL, 1))) {
            reason = engine.health().reason();
            engine.runTick();
        }
        assertThat(reason).isNotBlank();
        List<String> lines = Files.readAllLines(dir.resolve("logs/ticks.jsonl"));
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.get("mode_reason").asText()).isEqualTo(reason);
        assertThat(DbAssert.journal(dir).get(1L).get("mode_reason").asText()).isEqualTo(reason);
        assertThat(DbAssert.column(dir, "SELECT mode_reason FROM ticks WHERE tick = 1")).containsExactly(reason);
    }
}
