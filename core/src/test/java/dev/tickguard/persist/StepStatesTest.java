package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tickguard.spi.StepState;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's durable state in the database: kept across restarts, applied once per run key, no late writes. */
class StepStatesTest {
    @TempDir
    Path dir;

    /** What a counting step does in one run: reads the count and writes it plus one. */
    private static int countOnce(StepState s) {
        int next = s.get("count").map(n -> n.asInt()).orElse(0) + 1;
        s.put("count", IntNode.valueOf(next));
        return next;
    }

    @Test
    void theStateSurvivesARestartAndEachTickBuildsOnTheLast() {
        try (Database db = Database.open(dir)) {
            StepStates states = new StepStates(db);
            assertThat(countOnce(states.forRun("counter", 1, "1/counter", () -> false))).isEqualTo(1);
            // The next tick reads the write at once, before it is committed (the writer may still hold it).
            assertThat(countOnce(states.forRun("counter", 2, "2/counter", () -> false))).isEqualTo(2);
        }
        try (Database db = Database.open(dir)) {
            assertThat(countOnce(new StepStates(db).forRun("counter", 3, "3/counter", () -> false))).isEqualTo(3);
        }
    }

    /**
     * The resume after a crash while the step ran: its write of the first attempt is on disk, the
     * run is repeated under the same key, and must not apply its change a second time.
     */
    @Test
    void aRunRepeatedUnderItsKeyStartsFromTheStateBeforeItsFirstAttempt() {
        try (Database db = Database.open(dir)) {
            StepStates states = new StepStates(db);
            countOnce(states.forRun("counter", 1, "1/counter", () -> false));
            assertThat(countOnce(states.forRun("counter", 2, "2/counter", () -> false))).isEqualTo(2);
        } // "killed" after tick 2's step wrote, before its record: the tick is resumed
        try (Database db = Database.open(dir)) {
            StepStates states = new StepStates(db);
            assertThat(countOnce(states.forRun("counter", 2, "2/counter", () -> false)))
                    .as("the repeated run sees 1, not its own 2").isEqualTo(2);
            assertThat(countOnce(states.forRun("counter", 2, "2/counter", () -> false))).isEqualTo(2);
            assertThat(countOnce(states.forRun("counter", 3, "3/counter", () -> false))).isEqualTo(3);
        }
    }

    @Test
    void aCancelledRunCannotWriteAndAnOlderTickCannotOverwriteANewerOne() {
        try (Database db = Database.open(dir)) {
            StepStates states = new StepStates(db);
            AtomicBoolean cancelled = new AtomicBoolean();
            StepState late = states.forRun("s", 5, "5/s", cancelled::get);
            late.put("a", TextNode.valueOf("in time"));
            cancelled.set(true);
            assertThatThrownBy(() -> late.put("a", TextNode.valueOf("too late"))).isInstanceOf(CancellationException.class)
                    .hasMessageContaining("5/s was cancelled");
            assertThat(late.get("a")).contains(TextNode.valueOf("in time"));

            StepState old = states.forRun("s", 4, "4/s", () -> false);
            assertThatThrownBy(() -> old.put("a", TextNode.valueOf("old"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tick 4 cannot change the state a run of tick 5 wrote");
            assertThat(states.forRun("s", 6, "6/s", () -> false).get("a")).contains(TextNode.valueOf("in time"));
        }
    }

    @Test
    void aStateBeyondTheLimitIsRefusedAndChangesNothing() {
        try (Database db = Database.open(dir)) {
            StepState s = new StepStates(db).forRun("big", 1, "1/big", () -> false);
            s.put("small", TextNode.valueOf("x"));
            assertThatThrownBy(() -> s.put("huge", TextNode.valueOf("y".repeat(StepState.MAX_BYTES))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the 65536");
            assertThat(s.keys()).containsExactly("small");
            assertThat(db.flush(10_000)).isTrue(); // a new StepStates reads what is committed (as at a restart)
            assertThat(new StepStates(db).forRun("big", 2, "2/big", () -> false).keys()).containsExactly("small");
        }
    }

    @Test
    void aDamagedRowIsKeptAsideAndTheStepStartsEmpty() throws Exception {
        try (Database db = Database.open(dir)) {
            db.submit(c -> Database.exec(c, "INSERT INTO settings(name, value) VALUES ('step_state:s', '{oops')"));
            assertThat(db.flush(10_000)).isTrue();
        }
        try (Database db = Database.open(dir); LogCapture log = new LogCapture()) {
            StepState s = new StepStates(db).forRun("s", 1, "1/s", () -> false);
            assertThat(s.keys()).isEmpty();
            assertThat(log.all()).contains("the state of step 's'").contains("is damaged (not JSON)")
                    .contains("kept as settings row 'step_state:s.bad'");
            s.put("a", IntNode.valueOf(1));
            assertThat(db.flush(10_000)).isTrue();
            assertThat(DbAssert.column(dir, "SELECT value FROM settings WHERE name = 'step_state:s.bad'"))
                    .containsExactly("{oops");
        }
    }
}
