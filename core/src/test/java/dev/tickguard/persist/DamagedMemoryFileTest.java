package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.memory.FileMemory;
import dev.tickguard.spi.Episode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7.1: a damaged memory file never stops the start. A line that is not UTF-8 or not JSON is
 * skipped with a warning (and kept aside); a memory file that is a folder or cannot be read is set
 * aside like the cache.
 */
class DamagedMemoryFileTest {
    @TempDir
    Path dir;

    static final String GOOD = "{\"time\":\"2026-11-28T10:00:00Z\",\"tick\":1,\"step\":\"action\",\"text\":\"kept é\","
            + "\"outcome\":\"done\"}\n";

    @Test
    void aLineThatIsNotUtf8IsSkippedWithAWarningAndKeptAside() throws Exception {
        Path mem = Files.createDirectories(dir.resolve("memory"));
        byte[] bad = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
        Files.write(mem.resolve("episodes.jsonl"), concat(GOOD.getBytes(java.nio.charset.StandardCharsets.UTF_8), bad));
        try (LogCapture log = new LogCapture()) {
            FileMemory m = new FileMemory(mem);
            assertThat(m.recentEpisodes(5)).extracting(Episode::text).containsExactly("kept é");
            assertThat(log.all()).contains("episodes.jsonl").contains("line 2: not UTF-8 text");
        }
        assertThat(Files.readAllBytes(mem.resolve("episodes.jsonl.damaged"))).isEqualTo(bad);
        assertThat(Files.readString(mem.resolve("episodes.jsonl"))).isEqualTo(GOOD);
    }

    @Test
    void aMemoryFileThatIsAFolderIsSetAsideAndTheMemoryStartsEmpty() throws Exception {
        Path mem = Files.createDirectories(dir.resolve("memory"));
        Files.createDirectories(mem.resolve("vectors.jsonl/inside"));
        try (LogCapture log = new LogCapture()) {
            FileMemory m = new FileMemory(mem);
            m.storeEmbedding("tick-1/monologue", "t", new float[] {1, 0});
            assertThat(log.all()).contains("vectors.jsonl is damaged (a directory, not a file); moved to vectors.jsonl.bad");
        }
        assertThat(mem.resolve("vectors.jsonl.bad/inside")).isDirectory();
        assertThat(Files.readString(mem.resolve("vectors.jsonl"))).contains("tick-1/monologue");
    }

    @Test
    void aNamedPipeInPlaceOfAMemoryFileDoesNotBlockTheStart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"),
                "named pipes in the file system need a Unix");
        Path mem = Files.createDirectories(dir.resolve("memory"));
        Process p = new ProcessBuilder("mkfifo", mem.resolve("episodes.jsonl").toString()).start();
        assertThat(p.waitFor()).isZero();
        FileMemory m = new FileMemory(mem);
        m.record(new Episode(Instant.now(), 1, "action", "after the pipe", "done"));
        assertThat(Files.isRegularFile(mem.resolve("episodes.jsonl"))).isTrue();
        assertThat(Files.exists(mem.resolve("episodes.jsonl.bad"))).isTrue();
    }

    @Test
    void theHighestTickInMemoryIsKnownSoItIsNeverReused() throws Exception {
        Path mem = Files.createDirectories(dir.resolve("memory"));
        Files.writeString(mem.resolve("episodes.jsonl"), GOOD);
        Files.writeString(mem.resolve("vectors.jsonl"), "{\"key\":\"tick-7/monologue\",\"text\":\"a\",\"vector\":[1]}\n");
        assertThat(new FileMemory(mem).lastTick()).isEqualTo(7);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
