package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7.3: a damaged checkpoint is set aside and the tick number continues from the journal's
 * last good line; a tick number is never used twice, even when the checkpoint is behind.
 */
class DamagedCheckpointTest {
    @TempDir
    Path dir;

    Path checkpoint() {
        return dir.resolve("state/checkpoint.json");
    }

    Path journal() throws Exception {
        Path j = dir.resolve("logs/ticks.jsonl");
        Files.createDirectories(j.getParent());
        Files.createDirectories(checkpoint().getParent());
        Files.writeString(j, "{\"tick\":41}\n{\"tick\":42,\"steps\":[]}\ngarbage after the last good line\n");
        return j;
    }

    @Test
    void aGarbageCheckpointIsSetAsideAndNumberingContinuesFromTheJournal() throws Exception {
        Path j = journal();
        Files.writeString(checkpoint(), "{\"last_tick\": 4");
        try (LogCapture log = new LogCapture()) {
            assertThat(Checkpoint.lastTick(checkpoint(), j)).isEqualTo(42);
            assertThat(log.all()).contains("checkpoint.json is damaged (not JSON); moved to checkpoint.json.bad; "
                    + "tick numbers continue after the journal's last tick (42)");
        }
        assertThat(Files.readString(dir.resolve("state/checkpoint.json.bad"))).isEqualTo("{\"last_tick\": 4");
    }

    @Test
    void aCheckpointThatIsAFolderOrHasNoNumberIsSetAside() throws Exception {
        Path j = journal();
        Files.createDirectories(checkpoint());
        assertThat(Checkpoint.lastTick(checkpoint(), j)).isEqualTo(42);
        assertThat(dir.resolve("state/checkpoint.json.bad")).isDirectory();
        Files.writeString(checkpoint(), "{\"last_tick\":\"many\"}");
        assertThat(Checkpoint.lastTick(checkpoint(), j)).isEqualTo(42);
        assertThat(dir.resolve("state/checkpoint.json.bad-2")).hasContent("{\"last_tick\":\"many\"}");
    }

    @Test
    void aCheckpointBehindTheJournalNeverMakesATickNumberComeBack() throws Exception {
        Path j = journal();
        Checkpoint.save(checkpoint(), new Checkpoint(40, null));
        assertThat(Checkpoint.lastTick(checkpoint(), j)).isEqualTo(42);
        Checkpoint.save(checkpoint(), new Checkpoint(50, null));
        assertThat(Checkpoint.lastTick(checkpoint(), j)).isEqualTo(50);
    }

    @Test
    void theLastGoodLineIsFoundBehindALongTornTail() throws Exception {
        Path j = journal();
        Files.writeString(j, "x".repeat(300_000), java.nio.file.StandardOpenOption.APPEND);
        assertThat(JsonLines.lastGood(j)).get().extracting(n -> n.get("tick").asLong()).isEqualTo(42L);
    }

    /** Regression (hostile pass): last_tick 9223372036854775807 was taken, and the next tick was numbered negative. */
    @Test
    void aTickNumberAtTheEndOfTheRangeIsDamage() throws Exception {
        Path j = journal();
        Files.writeString(checkpoint(), "{\"last_tick\": 9223372036854775807}");
        assertThat(Checkpoint.lastTick(checkpoint(), j)).isEqualTo(42);
        assertThat(dir.resolve("state/checkpoint.json.bad")).exists();

        Files.writeString(j, "{\"tick\":9223372036854775807}\n");
        Files.deleteIfExists(checkpoint()); // set aside just above
        assertThat(Checkpoint.lastTick(checkpoint(), j)).isZero();
    }
}
