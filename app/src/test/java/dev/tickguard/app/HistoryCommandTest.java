package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19: {@code tickguard history} prints the retained ticks for scripts, as JSON lines or CSV. */
class HistoryCommandTest {
    @TempDir
    static Path dir;
    static String data;

    @BeforeAll
    static void threeTicks() {
        data = dir.resolve("data").toString();
        CliRun run = CliRun.of("--headless", "--ollama", "http://127.0.0.1:9", "--chaos", "force-open:ollama:chat",
                "--chaos", "force-open:ollama:embed", "--ticks", "3", "--interval", "0", "--data", data);
        assertThat(run.exit()).as(run.err()).isZero();
    }

    @Test
    void jsonLinesAreTheJournalsLinesNewestFirst() throws Exception {
        CliRun r = CliRun.of("history", "--data", data);
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        JsonNode newest = json.readTree(lines.get(0));
        assertThat(newest.get("tick").asLong()).isEqualTo(3);
        assertThat(newest.get("steps")).hasSize(12);
        assertThat(json.readTree(lines.get(2)).get("tick").asLong()).isEqualTo(1);
        assertThat(newest.has("results")).isFalse();
    }

    @Test
    void resultsAreAddedOnRequest() throws Exception {
        CliRun r = CliRun.of("history", "--data", data, "--limit", "1", "--results");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(r.out().lines().findFirst().orElseThrow());
        assertThat(line.get("results").size()).isPositive();
    }

    @Test
    void csvHasOneRowPerStepRunAndFiltersApply() {
        CliRun r = CliRun.of("history", "--data", data, "--format", "csv", "--step", "monologue", "--limit", "2");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> rows = r.out().lines().toList();
        assertThat(rows.get(0)).startsWith("tick,started_at,mode,");
        assertThat(rows).hasSize(1 + 2 * 12);
        assertThat(rows.get(1)).startsWith("3,");
        assertThat(CliRun.of("history", "--data", data, "--since", "1d").out().lines()).hasSize(3);
        assertThat(CliRun.of("history", "--data", data, "--until", "2000-01-01").out()).isEmpty();
    }

    @Test
    void mistakesAreOneLineNamingTheValue() {
        CliRun format = CliRun.of("history", "--data", data, "--format", "xml");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err().strip()).isEqualTo("tickguard: --format: 'xml' is not jsonl or csv");
        CliRun since = CliRun.of("history", "--data", data, "--since", "yesterday");
        assertThat(since.exit()).isEqualTo(2);
        assertThat(since.err().strip()).startsWith("tickguard: --since: 'yesterday' is not a time; use ");
        CliRun none = CliRun.of("history", "--data", dir.resolve("nothing-here").toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err().strip()).startsWith("tickguard: no Tickguard database in ").doesNotContain("Exception");
    }

    @Test
    void aFileThatIsNotADatabaseIsNamed() throws Exception {
        Path other = dir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        java.nio.file.Files.writeString(other.resolve("tickguard.db"), "not a database at all, just text\n".repeat(200));
        CliRun r = CliRun.of("history", "--data", other.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("tickguard: cannot read " + other.resolve("tickguard.db")).doesNotContain("Exception");
        assertThat(java.nio.file.Files.readString(other.resolve("tickguard.db"))).startsWith("not a database");
    }
}
