package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.config.TickguardConfig;
import java.net.URI;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scrapes /metrics over HTTP during a run with chaos and checks the figures against the journal. */
class MetricsScrapeTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? ([0-9.eE+-]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String scrape(int port) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/metrics").toURL()
                .openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        try (InputStream in = c.getInputStream()) {
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(c.getContentType()).startsWith("text/plain");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    /** Every sample of one metric: labels text (e.g. {@code {outcome="completed"}}) to value. */
    private static Map<String, Double> samples(String body, String metric) {
        Map<String, Double> out = new HashMap<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches() && m.group(1).equals(metric)) {
                out.put(m.group(2) == null ? "" : m.group(2), Double.parseDouble(m.group(3)));
            }
        }
        return out;
    }

    private static double sum(Map<String, Double> samples, String labelPart) {
        return samples.entrySet().stream().filter(e -> e.getKey().contains(labelPart)).mapToDouble(Map.Entry::getValue)
                .sum();
    }

    @Test
    void scrapedFiguresMatchTheJournal() throws Exception {
        Path config = Files.createDirectories(dir).resolve("roomy.yaml");
        Files.writeString(config, "budgets: {critical_sec: 120, important_sec: 60, optional_sec: 60}\n"
                + "steps: {meta_cognition: {timeout_sec: 1}}\n");
        RunOptions cli = RunOptions.parse(new String[]{"--headless", "--simulator", "--interval", "0", "--data",
                dir.toString(), "--config", config.toString(), "--metrics-port", "0", "--chaos", "fail:curiosity",
                "--chaos", "force-open:ollama:embed", "--chaos", "hang:meta_cognition"});
        TickguardConfig cfg = TickguardRuntime.configFrom(cli);
        assertThat(cfg.metrics().host()).isEqualTo("127.0.0.1");
        try (TickguardRuntime rt = TickguardRuntime.create(cfg, cli)) {
            int port = rt.metricsPort();
            assertThat(port).isPositive();
            var done = rt.engine.stopAfter(3);
            rt.control.start();

            // During the run: the endpoint answers, with the JVM metrics and the breaker forced open.
            await().atMost(60, TimeUnit.SECONDS).until(() -> rt.control.engine().lastTick() >= 1);
            String during = scrape(port);
            assertThat(during).contains("# TYPE tickguard_ticks_total counter", "jvm_memory_used_bytes",
                    "# TYPE tickguard_tick_duration_seconds histogram");
            assertThat(samples(during, "tickguard_breaker_state")).containsEntry("{breaker=\"ollama:embed\"}", 4.0);

            done.get(120, TimeUnit.SECONDS);
            Path journalFile = dir.resolve("logs/ticks.jsonl");
            await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(journalFile)
                    && Files.readAllLines(journalFile).size() == 3);
            await().atMost(30, TimeUnit.SECONDS).until(() ->
                    samples(scrape(port), "tickguard_ticks_total").values().stream().mapToDouble(d -> d).sum() == 3);
            String after = scrape(port);

            List<JsonNode> journal = new ArrayList<>();
            for (String line : Files.readAllLines(journalFile)) {
                journal.add(JSON.readTree(line));
            }
            long completed = journal.stream().filter(t -> !t.get("skipped").asBoolean() && t.get("abort_reason").isNull())
                    .count();
            assertThat(samples(after, "tickguard_ticks_total").getOrDefault("{outcome=\"completed\"}", 0.0))
                    .isEqualTo((double) completed);
            int fallbacks = journal.stream().mapToInt(t -> t.get("counts").get("fallbacks").asInt()).sum();
            Map<String, Double> runs = samples(after, "tickguard_step_runs_total");
            assertThat(sum(runs, "outcome=\"fallback\"")).isEqualTo((double) fallbacks).isPositive();
            assertThat(sum(runs, "step=\"curiosity\"")).isEqualTo(3.0);
            assertThat(sum(runs, "cause=\"timeout\"")).isEqualTo(1.0); // meta_cognition hangs once, then is still hung
            Map<String, Double> states = samples(after, "tickguard_breaker_state");
            JsonNode lastBreakers = journal.get(2).get("breakers");
            lastBreakers.fields().forEachRemaining(b -> assertThat(states.get("{breaker=\"" + b.getKey() + "\"}"))
                    .as(b.getKey()).isEqualTo(number(b.getValue().asText())));
            assertThat(samples(after, "tickguard_abandoned_threads")).containsEntry("", 1.0);
            assertThat(samples(after, "tickguard_chaos_active")).containsEntry("", 3.0);
            assertThat(samples(after, "tickguard_llm_calls_total").get("{endpoint=\"embed\",result=\"refused\"}"))
                    .isPositive();
            assertThat(samples(after, "tickguard_llm_calls_total").get("{endpoint=\"embed\",result=\"success\"}"))
                    .isZero();
        }
    }

    private static double number(String journalLabel) {
        return switch (journalLabel) {
            case "closed" -> 0;
            case "open" -> 1;
            case "half_open" -> 2;
            case "forced_closed" -> 3;
            case "forced_open" -> 4;
            default -> throw new IllegalArgumentException(journalLabel);
        };
    }
}
