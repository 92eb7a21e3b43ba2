package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.memory.FileMemory;
import dev.tickguard.spi.Episode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7.2: a JSON-lines file left without its final newline by a crash is repaired before the
 * first append, so the next record is not glued onto the torn line and lost with it.
 */
class TornLineRepairTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aTornLastLineIsCutOffKeptAsideAndTheNextAppendIsReadable() throws Exception {
        Path f = dir.resolve("ticks.jsonl");
        Files.writeString(f, "{\"tick\":1}\n{\"tick\":2,\"started");
        try (LogCapture log = new LogCapture()) {
            JsonLines.repairTail(f);
            assertThat(log.all()).contains(f.toString()).contains("torn");
        }
        JsonLines.append(f, JSON.createObjectNode().put("tick", 3));
        assertThat(Files.readAllLines(f)).containsExactly("{\"tick\":1}", "{\"tick\":3}");
        assertThat(Files.readString(JsonLines.damagedFile(f))).isEqualTo("{\"tick\":2,\"started\n");
    }

    @Test
    void aCompleteLastLineThatOnlyLacksItsNewlineIsTerminatedNotCut() throws Exception {
        Path f = dir.resolve("ticks.jsonl");
        Files.writeString(f, "{\"tick\":1}\n{\"tick\":2}");
        JsonLines.repairTail(f);
        JsonLines.append(f, JSON.createObjectNode().put("tick", 3));
        assertThat(Files.readAllLines(f)).containsExactly("{\"tick\":1}", "{\"tick\":2}", "{\"tick\":3}");
        assertThat(JsonLines.damagedFile(f)).doesNotExist();
    }

    @Test
    void aFileThatIsOneLongTornLineIsEmptiedAndKept() throws Exception {
        Path f = dir.resolve("ticks.jsonl");
        byte[] junk = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        Files.write(f, junk);
        JsonLines.repairTail(f);
        assertThat(Files.size(f)).isZero();
        assertThat(Files.size(JsonLines.damagedFile(f))).isEqualTo(junk.length + 1);
    }

    @Test
    void theJournalRepairsBeforeItsFirstRecord() throws Exception {
        Path f = dir.resolve("logs/ticks.jsonl");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\"tick\":1}\n{\"tick\":2,\"sta");
        new TickJournal(f).close();
        assertThat(Files.readString(f)).isEqualTo("{\"tick\":1}\n");
    }

    @Test
    void memoryFilesRepairBeforeTheirFirstAppend() throws Exception {
        Path mem = Files.createDirectories(dir.resolve("memory"));
        Files.writeString(mem.resolve("episodes.jsonl"), "{\"time\":\"2026-11-28T10:00:00Z\",\"tick\":1,\"step\":\"action\","
                + "\"text\":\"one\",\"outcome\":\"done\"}\n{\"time\":\"2026-11-28T10:01:00Z\",\"tick\":2,\"st");
        Files.writeString(mem.resolve("vectors.jsonl"), "{\"key\":\"tick-1/monologue\",\"text\":\"a\",\"vector\":[1,0]}\n{\"key\":\"ti");
        FileMemory m = new FileMemory(mem);
        m.record(new Episode(Instant.parse("2026-11-28T10:02:00Z"), 3, "action", "three", "done"));
        m.storeEmbedding("tick-3/monologue", "c", new float[] {0, 1});

        FileMemory again = new FileMemory(mem);
        assertThat(again.recentEpisodes(10)).extracting(Episode::text).containsExactly("three", "one");
        assertThat(again.nearest(new float[] {0, 1}, 1)).first().extracting(h -> h.key()).isEqualTo("tick-3/monologue");
        assertThat(again.vectorCount()).isEqualTo(2);
        assertThat(Files.readString(mem.resolve("episodes.jsonl.damaged"))).contains("\"tick\":2,\"st");
        assertThat(Files.readString(mem.resolve("vectors.jsonl.damaged"))).contains("{\"key\":\"ti");
        assertThat(List.of(Files.readAllLines(mem.resolve("episodes.jsonl")).size())).containsExactly(2);
    }
}
