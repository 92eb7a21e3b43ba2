package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tickguard.persist.Database;
import dev.tickguard.persist.TickStore;
import dev.tickguard.persist.TickWrites;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache is handed to the database's writer once a tick for all the steps whose result
 * changed (issue 19, tick overhead: one enqueue, not one per step), and a restart reads every one back.
 */
class ResultCacheSavedInOneHandOffTest {
    @TempDir
    Path dir;

    @Test
    void everyChangedResultOfATickIsSavedInOneHandOffAndReadBackAfterARestart() throws Exception {
        Instant at = Instant.parse("2026-12-07T00:00:00Z");
        try (Database db = Database.open(dir)) {
            TickWrites writes = new TickWrites(db, null);
            ResultCache cache = new ResultCache();
            cache.put("monologue", TextNode.valueOf("thinking"), at);
            cache.put("goal_selection", IntNode.valueOf(7), at.plusSeconds(1));
            cache.put("curiosity", TextNode.valueOf("why?"), at.plusSeconds(2));
            cache.saveChanged(writes);
            assertThat(db.flush(10_000)).isTrue();
        }
        try (Database db = Database.open(dir)) {
            ResultCache back = ResultCache.load(new TickStore(db));
            assertThat(back.get("monologue").orElseThrow().value().asText()).isEqualTo("thinking");
            assertThat(back.get("goal_selection").orElseThrow().value().asInt()).isEqualTo(7);
            assertThat(back.get("goal_selection").orElseThrow().producedAt()).isEqualTo(at.plusSeconds(1));
            assertThat(back.get("curiosity").orElseThrow().value().asText()).isEqualTo("why?");
        }
    }
}
