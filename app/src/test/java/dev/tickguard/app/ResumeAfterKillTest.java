package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.app.simulator.OllamaSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: kills a real Tickguard (a child JVM, headless, back-to-back ticks) with SIGKILL at random
 * points between and inside steps, restarts it on the same data folder, again and again. The LLM is
 * a simulator in this JVM, so it outlives each kill and counts the requests of every step run (the
 * run key each request carries). After the last restart: every tick the kills interrupted was resumed
 * once under its number with exactly the steps that had been committed restored, and no restored
 * step's LLM call was made again; every tick number is in the database once and none is left
 * running; the journal mirror has no tick twice; no episode and no note was written twice; and
 * {@code PRAGMA integrity_check} says ok.
 *
 * <p>The random points come from a seed printed in the test output; {@code -Dtickguard.killSeed=N}
 * replays one.
 */
class ResumeAfterKillTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long SEED = Long.getLong("tickguard.killSeed", System.nanoTime());
    static final int ROUNDS = 5;

    @TempDir
    Path dir;

    /** What a kill left: the tick it interrupted, the steps committed by then, and the calls made so far. */
    record Kill(long tick, boolean resumedBefore, List<String> committed, Map<String, Long> calls) {
    }

    @Test
    void sigkillMidTickResumesItOnceAndRepeatsNoFinishedStep() throws Exception {
        System.out.println("ResumeAfterKillTest seed " + SEED + " (replay: -Dtickguard.killSeed=" + SEED + ")");
        Random random = new Random(SEED);
        Path data = dir.resolve("data");
        // Steps of 20-200 ms: a tick takes about a second, so kills land between and inside steps.
        OllamaSimulator.Settings settings = new OllamaSimulator.Settings(SEED, Duration.ZERO, Duration.ofMillis(20),
                Duration.ofMillis(1), 64, List.of("llama3.2", "nomic-embed-text"));
        List<Kill> kills = new ArrayList<>();
        try (OllamaSimulator sim = OllamaSimulator.start(settings)) {
            for (int round = 0; round < ROUNDS; round++) {
                Path log = dir.resolve("child-" + round + ".log");
                Process child = ChildTickguard.start(log, List.of("--headless", "--ollama", sim.url(), "--interval", "0",
                        "--data", data.toString()));
                try {
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                            .until(() -> !child.isAlive() || Files.readString(log).contains("Executing"));
                    assertThat(child.isAlive()).as(Files.readString(log)).isTrue();
                    Thread.sleep(random.nextInt(2500));
                    child.destroyForcibly();
                    assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("child ended").isTrue();
                } finally {
                    child.destroyForcibly();
                }
                kills.add(afterKill(data, sim));
            }
            // A last start that runs to the end: it resumes (or closes) what the last kill left.
            Path log = dir.resolve("child-last.log");
            Process last = ChildTickguard.start(log, List.of("--headless", "--ollama", sim.url(), "--interval", "0",
                    "--ticks", "2", "--data", data.toString()));
            assertThat(last.waitFor(2, TimeUnit.MINUTES)).as("last child ended").isTrue();
            assertThat(last.exitValue()).as(Files.readString(log)).isZero();
            check(data, kills, sim.requestsByRun());
        }
    }

    private static Kill afterKill(Path data, OllamaSimulator sim) throws Exception {
        List<Object> running = DbQuery.column(data, "SELECT tick FROM ticks WHERE state = 'running'");
        assertThat(running).as("at most one tick in progress").hasSizeLessThanOrEqualTo(1);
        if (running.isEmpty()) {
            return new Kill(0, false, List.of(), sim.requestsByRun());
        }
        long tick = ((Number) running.get(0)).longValue();
        boolean resumed = ((Number) DbQuery.column(data, "SELECT resumed FROM ticks WHERE tick = " + tick).get(0)).intValue() != 0;
        List<String> committed = new ArrayList<>();
        for (Object o : DbQuery.column(data, "SELECT step FROM step_runs WHERE tick = " + tick + " ORDER BY seq")) {
            committed.add((String) o);
        }
        return new Kill(tick, resumed, committed, sim.requestsByRun());
    }

    private static void check(Path data, List<Kill> kills, Map<String, Long> calls) throws Exception {
        assertThat(DbQuery.integrity(data)).isEqualTo("ok");
        List<Long> ticks = DbQuery.ticks(data);
        assertThat(DbQuery.column(data, "SELECT count(*) FROM ticks WHERE state = 'running'")).containsExactly(0);
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).as("tick numbers 1..n, each once: " + ticks).isEqualTo(i + 1L);
        }
        Map<Long, JsonNode> lines = DbQuery.journal(data);
        int resumedSeen = 0;
        for (Kill k : kills) {
            if (k.tick() == 0) {
                continue;
            }
            JsonNode line = lines.get(k.tick());
            assertThat(line).as("tick " + k.tick() + " journaled").isNotNull();
            if (k.resumedBefore()) {
                // Killed again while resumed: closed as aborted at the next start, never resumed twice.
                assertThat(line.path("abort_reason").asText()).as(line.toString()).isEqualTo("process died");
                continue;
            }
            if (line.path("abort_reason").asText().equals("process died")) {
                // Resumed by the next child, which was killed too before the tick ended: that is the next kill.
                continue;
            }
            resumedSeen++;
            assertThat(line.path("resumed").asBoolean()).as(line.toString()).isTrue();
            List<String> restored = new ArrayList<>();
            line.path("restored").forEach(n -> restored.add(n.asText()));
            assertThat(restored).as("tick " + k.tick() + ": the steps committed before the kill are restored")
                    .containsExactlyInAnyOrderElementsOf(k.committed());
            for (String step : restored) {
                String key = k.tick() + "/" + step;
                assertThat(calls.getOrDefault(key, 0L)).as("LLM calls of restored run " + key + " after the kill")
                        .isEqualTo(k.calls().getOrDefault(key, 0L));
            }
        }
        System.out.println("ResumeAfterKillTest: " + kills.size() + " kills, " + resumedSeen + " ticks resumed and checked, "
                + ticks.size() + " ticks");
        // The mirror: a tick at most once (a kill between the commit and its line can leave one out).
        List<Long> mirrored = new ArrayList<>();
        for (String l : Files.readAllLines(data.resolve("logs/ticks.jsonl"), StandardCharsets.UTF_8)) {
            try {
                mirrored.add(JSON.readTree(l).get("tick").asLong());
            } catch (Exception torn) {
                // A line torn by a kill is ended at the next start; readers skip it.
            }
        }
        assertThat(mirrored).doesNotHaveDuplicates();
        // One episode per tick (after_action), however often a tick was resumed.
        assertThat(DbQuery.column(data, "SELECT tick FROM episodes GROUP BY tick HAVING count(*) > 1")).isEmpty();
        // One note per run: every note file is named by exactly one run's record.
        Path box = data.resolve("sandbox/action");
        Set<String> named = new HashSet<>();
        if (Files.isDirectory(box.resolve(".runs"))) {
            try (Stream<Path> s = Files.list(box.resolve(".runs"))) {
                for (Path p : s.toList()) {
                    named.add(Files.readString(p).trim());
                }
            }
        }
        if (Files.isDirectory(box.resolve("notes"))) {
            try (Stream<Path> s = Files.list(box.resolve("notes"))) {
                for (Path p : s.filter(p -> !p.getFileName().toString().endsWith(".tmp")).toList()) {
                    assertThat(named).as("note " + p.getFileName() + " belongs to a run").contains("notes/" + p.getFileName());
                }
            }
        }
    }
}
