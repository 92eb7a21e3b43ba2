package dev.tickguard.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.events.FallbackSource;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.persist.Database;
import dev.tickguard.config.PersistenceSettings;
import dev.tickguard.events.BreakerState;
import dev.tickguard.persist.TickRows;
import dev.tickguard.persist.TickStore;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.SystemMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The history at scale: a database of {@code BENCH_TICKS} (default 1,000,000) ticks of 12 steps, as
 * Tickguard writes them (same schema, same code: TickRows), one tick a minute, with results for the
 * newest persistence.keep_results_days only (what retention leaves). Measures its size on
 * disk, a timeline page (100 ticks with results: the newest, and at random depths) p50/p99, a
 * filtered page, {@code tickguard history --format jsonl} throughput (the real command, a child
 * process), and how long opening the database takes at start-up (the quick check included).
 */
final class History {
    private static final String[] STEPS = {"monologue", "semantic_context", "goal_selection", "action", "after_action",
        "curiosity", "self_modification", "belief_system", "contradiction_resolver", "time_perception",
        "social_interaction", "meta_cognition"};
    private static final Instant T0 = Instant.parse("2025-12-06T00:00:00Z");

    private History() {
    }

    static ObjectNode run() throws Exception {
        int ticks = Integer.parseInt(System.getenv().getOrDefault("BENCH_TICKS", "1000000"));
        Path dir = Files.createTempDirectory("tickguard-history-bench");
        ObjectNode out = Bench.JSON.createObjectNode();
        out.put("ticks", ticks);
        out.put("steps_per_tick", STEPS.length);

        try (Database created = Database.open(dir)) {
            created.flush(10_000); // the schema, as Tickguard creates it
        }
        // Results only for the ticks persistence.keep_results_days keeps (at one tick a minute).
        int keepResultsTicks = Math.min(ticks, PersistenceSettings.defaults().keepResultsDays() * 1_440);
        out.put("ticks_with_results", keepResultsTicks);
        long t = System.nanoTime();
        fill(dir.resolve(Database.FILE), ticks, keepResultsTicks);
        out.put("fill_s", Bench.round((System.nanoTime() - t) / 1e9));
        long bytes = Files.size(dir.resolve(Database.FILE));
        out.put("db_mb", Bench.round(bytes / 1e6));
        out.put("bytes_per_tick", bytes / ticks);
        ObjectNode tables = bytesByTable(dir.resolve(Database.FILE));
        out.set("bytes_by_table", tables);
        // A year of one tick a minute: the records scale with the ticks, the results stay those of the kept days.
        long results = tables.path("step_results").asLong() + tables.path("sqlite_autoindex_step_results_1").asLong();
        double perRecord = (bytes - results) / (double) ticks;
        out.put("record_bytes_per_tick", Math.round(perRecord));
        out.put("result_bytes_per_tick_with_results", keepResultsTicks == 0 ? 0 : results / keepResultsTicks);
        out.put("mb_per_year_at_one_tick_a_minute", Bench.round((perRecord * 525_600 + results) / 1e6));

        // Start-up: what Tickguard's start does with the file (open, check, migrate), then the last tick.
        long[] opens = new long[3];
        for (int i = 0; i < opens.length; i++) {
            long s = System.nanoTime();
            try (Database db = Database.open(dir)) {
                new TickStore(db).lastTick();
            }
            opens[i] = System.nanoTime() - s;
        }
        out.put("open_ms_p50", Bench.quantile(opens, 0.5, 1e6));

        try (Database db = Database.openForReading(dir)) {
            TickStore store = new TickStore(db);
            Random rnd = new Random(42);
            long[] newest = new long[200];
            long[] deep = new long[200];
            long[] filtered = new long[50];
            for (int i = 0; i < 20; i++) {
                store.page(TickStore.Query.newest(100)); // warm-up
            }
            for (int i = 0; i < newest.length; i++) {
                long s = System.nanoTime();
                check(store.page(TickStore.Query.newest(100)), 100);
                newest[i] = System.nanoTime() - s;
            }
            for (int i = 0; i < deep.length; i++) {
                long before = 101 + rnd.nextInt(ticks - 100);
                long s = System.nanoTime();
                check(store.page(TickStore.Query.newest(100).before(before)), 100);
                deep[i] = System.nanoTime() - s;
            }
            for (int i = 0; i < filtered.length; i++) {
                long before = 1_000 + rnd.nextInt(ticks - 1_000);
                long s = System.nanoTime();
                List<TickStore.Entry> page = store.page(new TickStore.Query(before, null, null, null, "goal_selection",
                        "FALLBACK", null, 100));
                filtered[i] = System.nanoTime() - s;
                if (page.size() < 20 || page.stream().anyMatch(e -> e.record().steps().get(2).outcome() != StepOutcome.FALLBACK)) {
                    throw new IllegalStateException("the filtered page before " + before + " is wrong: " + page.size() + " ticks");
                }
            }
            out.put("page_p50_ms", Bench.quantile(newest, 0.5, 1e6));
            out.put("page_p99_ms", Bench.quantile(newest, 0.99, 1e6));
            out.put("deep_page_p50_ms", Bench.quantile(deep, 0.5, 1e6));
            out.put("deep_page_p99_ms", Bench.quantile(deep, 0.99, 1e6));
            out.put("filtered_page_p50_ms", Bench.quantile(filtered, 0.5, 1e6));
            out.put("filtered_page_p99_ms", Bench.quantile(filtered, 0.99, 1e6));
        }

        // The real command, as a script would run it, over the newest 100,000 ticks.
        int exported = Math.min(ticks, 100_000);
        Path launcher = Path.of(System.getProperty("bench.root", ".")).resolve("tickguard");
        long s = System.nanoTime();
        Process p = new ProcessBuilder(launcher.toString(), "history", "--data", dir.toString(), "--limit",
                Integer.toString(exported)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("tickguard history failed: exit " + (p.isAlive() ? "none" : p.exitValue()));
        }
        double secs = (System.nanoTime() - s) / 1e9;
        out.put("history_jsonl_ticks", exported);
        out.put("history_jsonl_s", Bench.round(secs));
        out.put("history_jsonl_ticks_per_s", Math.round(exported / secs));
        out.put("load_average_at_end", Bench.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage()));
        deleteTree(dir);
        return out;
    }

    /** A page of {@code n} ticks of 12 steps, each with its 12 results or marked as no longer having them. */
    private static void check(List<TickStore.Entry> page, int n) {
        for (TickStore.Entry e : page) {
            if (e.record().steps().size() != STEPS.length
                    || e.results().size() != (e.resultsKept() ? STEPS.length : 0)) {
                throw new IllegalStateException("tick " + e.record().tick() + ": " + e.record().steps().size()
                        + " steps, " + e.results().size() + " results, kept " + e.resultsKept());
            }
        }
        if (page.size() != n) {
            throw new IllegalStateException("a page of " + page.size() + " ticks, not " + n);
        }
    }

    /**
     * Writes the ticks the way Tickguard does (TickRows, as the database's writer calls it: each step's
     * run with its result as it ends, then the tick's row), in big transactions. Results only for the
     * newest {@code keepResultsTicks} ticks, as persistence.keep_results_days leaves them; the breakers a
     * tick ends with are the built-in steps' and the LLM's, one opening now and then.
     */
    private static void fill(Path file, int ticks, int keepResultsTicks) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = OFF"); // setting up, not measured
            }
            c.setAutoCommit(false);
            Random rnd = new Random(7);
            Map<String, BreakerState> breakers = new TreeMap<>();
            for (String id : STEPS) {
                breakers.put("step:" + id, BreakerState.CLOSED);
            }
            breakers.put("ollama:chat", BreakerState.CLOSED);
            breakers.put("ollama:embed", BreakerState.CLOSED);
            for (int n = 1; n <= ticks; n++) {
                Instant at = T0.plusSeconds(60L * n);
                if (rnd.nextInt(500) == 0) { // a breaker opens or closes every few hours
                    String b = "step:" + STEPS[rnd.nextInt(STEPS.length)];
                    breakers.put(b, breakers.get(b) == BreakerState.CLOSED ? BreakerState.OPEN : BreakerState.CLOSED);
                }
                boolean withResults = n > ticks - keepResultsTicks;
                List<StepRecord> steps = new ArrayList<>(STEPS.length);
                long start = 0;
                for (int i = 0; i < STEPS.length; i++) {
                    boolean fell = rnd.nextInt(10) == 0;
                    long ms = fell ? 0 : 200 + rnd.nextInt(3_000);
                    StepRecord sr = new StepRecord(STEPS[i], i < 5 ? Priority.CRITICAL : Priority.OPTIONAL,
                            i < 5 ? Phase.SEQUENTIAL : Phase.PARALLEL, start, ms, 30_000,
                            fell ? StepOutcome.FALLBACK : StepOutcome.SUCCESS, fell ? StepCause.TIMEOUT : null,
                            fell ? FallbackSource.CACHE : null, fell ? "timed out after 30000 ms" : null, false);
                    steps.add(sr);
                    String result = result(sr.id(), n, rnd);
                    TickRows.run(c, n, n + "/" + sr.id(), i, sr, withResults ? result : null);
                    start += i < 5 ? ms : 0;
                }
                TickRecord r = new TickRecord(n, at, start + 800, SystemMode.NORMAL, false, null, null,
                        TickCounts.of(steps), breakers, steps, 0, false, List.of(), "all healthy");
                TickRows.start(c, n, at, SystemMode.NORMAL, "all healthy");
                TickRows.finish(c, r, (i, sr) -> true, List.of());
                if (n % 5_000 == 0 || n == ticks) {
                    try (Statement st = c.createStatement()) { // what retention marks when it drops results
                        st.execute("INSERT OR REPLACE INTO settings(name, value) VALUES ('results_from_tick', '"
                                + (ticks - keepResultsTicks + 1) + "')");
                    }
                    c.commit();
                }
            }
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    /** Bytes by table and index (SQLite's dbstat), where the file's size goes; empty if this SQLite lacks dbstat. */
    private static ObjectNode bytesByTable(Path file) {
        ObjectNode out = Bench.JSON.createObjectNode();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement st = c.createStatement();
             java.sql.ResultSet r = st.executeQuery("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")) {
            while (r.next()) {
                out.put(r.getString(1), r.getLong(2));
            }
        } catch (java.sql.SQLException e) {
            out.put("unavailable", e.getMessage());
        }
        return out;
    }

    /** A result of the size the built-in steps produce (a few hundred characters of JSON). */
    private static String result(String step, int tick, Random rnd) {
        return "{\"step\":\"" + step + "\",\"tick\":" + tick + ",\"text\":\"Looking around, I see a pattern in recent "
                + "episodes number " + rnd.nextInt(1_000_000) + ", and nothing urgent is happening; the last goal "
                + "was to observe the environment and record what changed since the previous tick.\","
                + "\"confidence\":0." + rnd.nextInt(100) + ",\"tokens\":" + rnd.nextInt(400) + "}";
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
