package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SIGTERM the shutdown hook closes the runtime while the main thread, woken because the engine
 * stopped, closes it too. The second close used to run ahead and close the journal before the
 * stopped tick was written, while the checkpoint still counted that tick (now: the database holds it, none left 'running'). Here the tick takes a
 * while to end (a step that ignores interrupts, with a 1 s abandonment grace), so the race is
 * certain, not lucky.
 */
class TwoClosesJournalTheStoppedTickTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSecondCloseWaitsAndTheStoppedTickIsJournaledAndNotLeftRunning() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("config.yaml"), "tick:\n  abandon_grace_sec: 1\n");
        RunOptions cli = RunOptions.parse(new String[] {"--headless", "--simulator", "--interval", "0",
            "--data", data.toString(), "--chaos", "hang:monologue"});
        TickguardRuntime rt = TickguardRuntime.create(TickguardRuntime.configFrom(cli), cli);
        CountDownLatch running = new CountDownLatch(1);
        rt.bus.subscribe("test", e -> {
            if (e instanceof dev.tickguard.events.TickEvent.StepStarted) {
                running.countDown();
            }
        });
        rt.control.start();
        assertThat(running.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        List<Thread> closers = new ArrayList<>();
        for (String name : List.of("shutdown-hook", "main")) {
            Thread t = new Thread(rt::close, name);
            closers.add(t);
            t.start();
        }
        for (Thread t : closers) {
            t.join(30_000);
            assertThat(t.isAlive()).as(t.getName() + " still closing").isFalse();
        }

        List<JsonNode> journal = new ArrayList<>();
        for (String line : Files.readAllLines(data.resolve("logs/ticks.jsonl"))) {
            journal.add(JSON.readTree(line));
        }
        assertThat(journal).isNotEmpty();
        JsonNode last = journal.get(journal.size() - 1);
        assertThat(last.path("abort_reason").asText()).isEqualTo("engine stopping");
        // The database holds the same ticks, none left 'running' (nothing for the next start to resume).
        assertThat(DbQuery.ticks(data)).containsExactlyElementsOf(
                journal.stream().map(n -> n.path("tick").asLong()).toList());
        assertThat(DbQuery.column(data, "SELECT count(*) FROM ticks WHERE state = 'running'"))
                .containsExactly(0);
    }
}
