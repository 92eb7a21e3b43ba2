package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless launcher end to end, against the built-in simulator, with and without chaos. */
class HeadlessEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<JsonNode> journal() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("logs/ticks.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static JsonNode step(JsonNode tick, String id) {
        return StreamSupport.stream(tick.get("steps").spliterator(), false)
                .filter(s -> s.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void threeRealTicksAgainstTheSimulator() throws Exception {
        // Roomy budgets: a busy CI machine must not push a step past its budget and into a fallback.
        Path config = Files.createDirectories(dir).resolve("roomy.yaml");
        Files.writeString(config, "budgets: {critical_sec: 120, important_sec: 60, optional_sec: 60}\n");
        Run r = run("--headless", "--simulator", "--ticks", "3", "--interval", "0", "--data", dir.toString(),
                "--config", config.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("[HeavyTick #1] Executing critical step 'monologue' (timeout=30s)")
                .containsPattern("\\[HeavyTick #1\\] Step 'monologue' completed successfully \\(\\d+ms\\)")
                .contains("[HeavyTick #3] Completed. Critical: 4, Important: 4, Optional: 4, Fallbacks: 0, Skipped: 0")
                .containsPattern("\\[HeavyTick #3\\] Ollama: (\\d+)/\\1 calls this tick, 100\\.00% success, p50 \\d+ms, p95 \\d+ms; 0 refused by breaker; run total (\\d+)/\\2 calls")
                .contains("Goal (StrategyEngine): '");
        List<JsonNode> ticks = journal();
        assertThat(ticks).hasSize(3);
        assertThat(ticks.get(2).get("steps")).hasSize(12);
        assertThat(ticks.get(2).get("counts").get("fallbacks").asInt()).isZero();
    }

    @Test
    void ollamaDownTicksCompleteOnFallbacksBreakersOpenModeDegraded() throws Exception {
        Run r = run("--headless", "--simulator", "--ticks", "3", "--interval", "0", "--data", dir.toString(),
                "--chaos", "ollama-down");
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> ticks = journal();
        assertThat(ticks).hasSize(3);
        JsonNode last = ticks.get(2);
        assertThat(last.get("skipped").asBoolean()).isFalse();
        assertThat(last.get("mode").asText()).isEqualTo("DEGRADED");
        assertThat(last.get("breakers").get("ollama:chat").asText()).isEqualTo("open");
        assertThat(last.get("breakers").get("ollama:embed").asText()).isEqualTo("open");
        // Every step that needs the LLM fell back, and each fallback is counted.
        assertThat(last.get("counts").get("fallbacks").asInt()).isEqualTo(11);
        assertThat(step(last, "goal_selection").get("fallback").asText()).isEqualTo("custom");
        assertThat(step(last, "curiosity").get("outcome").asText()).isEqualTo("FALLBACK");
        assertThat(r.out()).contains("[CircuitBreaker:ollama:chat] CLOSED -> OPEN")
                .contains("[HealthMonitor] Mode NORMAL -> DEGRADED");
    }

    @Test
    void hangingGoalSelectionIsAbandonedAndActionUsesTheFallbackGoal() throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("test-config.yaml");
        Files.writeString(config, "steps:\n  goal_selection:\n    timeout_sec: 2\n");
        Run r = run("--headless", "--simulator", "--ticks", "1", "--interval", "0", "--data", dir.toString(),
                "--config", config.toString(), "--chaos", "hang:goal_selection");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode tick = journal().get(0);
        JsonNode goal = step(tick, "goal_selection");
        assertThat(goal.get("cause").asText()).isEqualTo("timeout");
        assertThat(goal.get("timeout_ms").asInt()).isEqualTo(2000);
        assertThat(goal.get("abandoned").asBoolean()).isTrue();
        assertThat(goal.get("fallback").asText()).isEqualTo("custom");
        assertThat(step(tick, "action").get("outcome").asText()).isEqualTo("SUCCESS");
        // The result cache is in the database (issue 19).
        JsonNode cached = JSON.readTree((String) DbQuery.column(dir, "SELECT value FROM result_cache WHERE step = 'action'").get(0));
        assertThat(cached.path("goal").asText()).isEqualTo("observe the environment");
        assertThat(r.out()).contains("Step 'goal_selection' ignored its deadline");
    }

    @Test
    void unreachableOllamaIsExplainedOnceAndTicksRunOnFallbacks() throws Exception {
        Run r = run("--headless", "--ollama", "http://127.0.0.1:9", "--ticks", "2", "--interval", "0",
                "--data", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String notice = "Ollama is not reachable at http://127.0.0.1:9";
        // The notice once; the mode's reason says the same root cause first, in the same words (issue 18).
        assertThat(r.out().split(java.util.regex.Pattern.quote("[Ollama] " + notice), -1)).hasSize(2);
        assertThat(r.out()).contains("Mode NORMAL -> DEGRADED: " + notice + ": start it with `ollama serve`");
        assertThat(r.out()).contains("or run Tickguard with --simulator");
        assertThat(journal()).hasSize(2);
        assertThat(journal().get(1).get("counts").get("fallbacks").asInt()).isGreaterThan(0);
    }

    @Test
    void badArgumentsAndConfigExitTwoWithOneClearLine() throws Exception {
        Run bad = run("--headless", "--ticks", "zero");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("tickguard: --ticks: 'zero' is not a whole number");

        Run chaos = run("--headless", "--chaos", "melt:monologue");
        assertThat(chaos.exit()).isEqualTo(2);
        assertThat(chaos.err().lines()).hasSize(1);

        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "tick:\n  interval_sec: 60\nbudgets:\n  optional_sec: -3\n");
        Run cfg = run("--headless", "--config", config.toString(), "--data", dir.toString());
        assertThat(cfg.exit()).isEqualTo(2);
        assertThat(cfg.err().strip()).isEqualTo("tickguard: " + config
                + ":4: budgets.optional_sec: must be between 0 and 86400 seconds, got -3");
        assertThat(cfg.err()).doesNotContain("Exception").doesNotContain("\tat ");

        Run step = run("--headless", "--simulator", "--data", dir.resolve("other").toString(), "--chaos", "hang:nosuch");
        assertThat(step.exit()).isEqualTo(2);
        assertThat(step.err()).startsWith("tickguard: --chaos hang:nosuch: no step named 'nosuch'; steps: monologue");
    }
}
