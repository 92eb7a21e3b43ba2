package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.TickRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 (size), item 5: the journal mirror {@code logs/ticks.jsonl} is rebuilt from the database
 * when it is missing or damaged, catches up on ticks a crash left out of it, and is rotated so it does
 * not grow a second copy of a year of records.
 */
class MirrorRepairTest {
    @TempDir
    Path dir;

    private Path mirror() {
        return dir.resolve("logs/ticks.jsonl");
    }

    /** Five ticks in the database and in the mirror; their journal lines. */
    private List<String> seed() throws Exception {
        List<String> lines = new ArrayList<>();
        try (Database db = Database.open(dir); TickJournal m = new TickJournal(mirror())) {
            TickWrites w = new TickWrites(db, m);
            for (long t = 1; t <= 5; t++) {
                TickRecord r = TickRowsTest.richTick(t);
                TickRowsTest.write(w, r);
                lines.add(JournalJson.tick(r).toString());
            }
            assertThat(db.flush(30_000)).isTrue();
        }
        assertThat(Files.readAllLines(mirror())).containsExactlyElementsOf(lines);
        return lines;
    }

    /** Opens the data folder again as Tickguard does (database, mirror, writes) and waits for the writer. */
    private void reopen() throws Exception {
        try (Database db = Database.open(dir); TickJournal m = new TickJournal(mirror())) {
            new TickWrites(db, m);
            assertThat(db.flush(30_000)).isTrue();
        }
    }

    @Test
    void aMissingMirrorIsRebuiltFromTheDatabase() throws Exception {
        List<String> lines = seed();
        Files.delete(mirror());
        reopen();
        assertThat(Files.readAllLines(mirror())).containsExactlyElementsOf(lines);
    }

    @Test
    void aMirrorWhoseLastLineIsNotAJournalLineIsSetAsideAndRebuilt() throws Exception {
        List<String> lines = seed();
        Files.writeString(mirror(), "\u0000\u0000garbage from a bad disk\n", StandardOpenOption.APPEND);
        reopen();
        assertThat(Files.readAllLines(mirror())).containsExactlyElementsOf(lines);
        assertThat(Files.readString(dir.resolve("logs/ticks.jsonl.bad"), StandardCharsets.ISO_8859_1)).contains("garbage");
    }

    @Test
    void ticksTheMirrorMissedAfterACrashAreAppended() throws Exception {
        List<String> lines = seed();
        // A kill between the commit of ticks 4 and 5 and their lines: the mirror ends at tick 3, torn.
        Files.writeString(mirror(), String.join("\n", lines.subList(0, 3)) + "\n" + lines.get(3).substring(0, 40));
        reopen();
        List<String> now = Files.readAllLines(mirror());
        assertThat(now.subList(0, 3)).containsExactlyElementsOf(lines.subList(0, 3));
        assertThat(now.get(3)).isEqualTo(lines.get(3).substring(0, 40)); // the torn line, ended (readers skip it)
        assertThat(now.subList(4, now.size())).containsExactlyElementsOf(lines.subList(3, 5));
    }

    @Test
    void aMirrorInStepWithTheDatabaseIsLeftAsItIs() throws Exception {
        List<String> lines = seed();
        reopen();
        assertThat(Files.readAllLines(mirror())).containsExactlyElementsOf(lines);
        assertThat(dir.resolve("logs/ticks.jsonl.bad")).doesNotExist();
    }

    @Test
    void aFullMirrorIsRotatedToDotOne() throws Exception {
        try (TickJournal m = new TickJournal(mirror(), 10_000)) {
            for (long t = 1; t <= 10; t++) {
                m.append(TickRowsTest.richTick(t));
            }
        }
        List<String> rotated = Files.readAllLines(dir.resolve("logs/ticks.jsonl.1"));
        List<String> current = Files.readAllLines(mirror());
        assertThat(Files.size(mirror())).isLessThanOrEqualTo(10_000);
        assertThat(rotated).isNotEmpty();
        assertThat(rotated.size() + current.size()).isLessThanOrEqualTo(10).isGreaterThan(current.size());
        assertThat(current.get(current.size() - 1)).isEqualTo(JournalJson.tick(TickRowsTest.richTick(10)).toString());
    }
}
