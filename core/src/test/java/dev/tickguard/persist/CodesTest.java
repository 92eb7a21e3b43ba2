package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.spi.Priority;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 (size): the numbers the runs table stores are those the codes table names, and every value
 * of each enumeration has one (a new value without a code and a migration fails here, not in a write).
 */
class CodesTest {
    @TempDir
    Path dir;

    @Test
    void everyValueHasACodeAndTheCodesTableNamesEachAsTheJournalDoes() throws Exception {
        assertThat(Codes.OUTCOMES).containsExactlyInAnyOrder(StepOutcome.values());
        assertThat(Codes.PRIORITIES).containsExactlyInAnyOrder(Priority.values());
        assertThat(Codes.CAUSES).containsExactlyInAnyOrder(StepCause.values());
        assertThat(Codes.FALLBACKS).containsExactlyInAnyOrder(FallbackSource.values());
        try (Database db = Database.open(dir)) {
            db.flush(10_000);
        }
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < Codes.CAUSES.size(); i++) {
            expected.add("cause " + i + " " + Codes.CAUSES.get(i).label());
        }
        for (int i = 0; i < Codes.FALLBACKS.size(); i++) {
            expected.add("fallback " + i + " " + Codes.FALLBACKS.get(i).label());
        }
        for (int i = 0; i < Codes.OUTCOMES.size(); i++) {
            expected.add("outcome " + i + " " + Codes.OUTCOMES.get(i).name());
        }
        for (int i = 0; i < Codes.PRIORITIES.size(); i++) {
            expected.add("priority " + i + " " + Codes.PRIORITIES.get(i).name());
        }
        assertThat(DbAssert.column(dir, "SELECT kind || ' ' || code || ' ' || name FROM codes ORDER BY kind, code"))
                .containsExactlyElementsOf(expected);
    }
}
