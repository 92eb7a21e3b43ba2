package dev.tickguard.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.persist.DataFolderException;
import dev.tickguard.persist.Database;
import dev.tickguard.persist.JournalJson;
import dev.tickguard.persist.TickStore;
import dev.tickguard.spi.SystemMode;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tickguard history}: prints the retained ticks from the database for scripts, newest first,
 * as JSON lines (the journal's line format) or CSV (one row per step run). Reads while Tickguard
 * runs in the same data folder; writes nothing there.
 */
@Command(name = "history", sortOptions = false, usageHelpWidth = 110,
        description = "Prints the ticks kept in the data folder's database, newest first: one JSON line per tick "
                + "(the journal's format) or one CSV row per step run. Works while Tickguard runs.")
final class HistoryCommand implements Subcommand {
    private static final String CSV_HEADER =
            "tick,started_at,mode,tick_duration_ms,resumed,step,priority,phase,outcome,cause,fallback,duration_ms,"
                    + "timeout_ms,error";

    @Option(names = "--data", paramLabel = "DIR", description = "the data folder (default ~/.tickguard)")
    Path data;

    @Option(names = "--since", paramLabel = "TIME", description = "only ticks started at or after TIME: "
            + TimeArgument.FORMS)
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "only ticks started before TIME")
    String until;

    @Option(names = "--step", paramLabel = "ID", description = "only ticks with a run of this step")
    String step;

    @Option(names = "--outcome", paramLabel = "OUTCOME",
            description = "only ticks with a step (or --step) of this outcome: SUCCESS, FALLBACK, SKIPPED, FAILED")
    String outcome;

    @Option(names = "--cause", paramLabel = "CAUSE",
            description = "only ticks with a step (or --step) of this cause, e.g. timeout, dependency_open")
    String cause;

    @Option(names = "--mode", paramLabel = "MODE", description = "only ticks run in NORMAL, DEGRADED, RECOVERY or EMERGENCY")
    String mode;

    @Option(names = "--limit", paramLabel = "N", description = "print at most N ticks (default: all)")
    String limit;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl (default) or csv")
    String format = "jsonl";

    @Option(names = "--results", description = "jsonl: add each step's result JSON (\"results\": {step: value})")
    boolean results;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Override
    public int run(InputStream in, PrintStream out, PrintStream err) throws UsageException {
        boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> false;
            case "csv" -> true;
            default -> throw new UsageException("--format: '" + format + "' is not jsonl or csv");
        };
        Instant now = Instant.now();
        TickStore.Query q = new TickStore.Query(null,
                since == null ? null : TimeArgument.parse("--since", since, now),
                until == null ? null : TimeArgument.parse("--until", until, now),
                mode == null ? null : mode(mode),
                step, outcome == null ? null : outcome.toUpperCase(Locale.ROOT), cause, TickStore.MAX_PAGE);
        long max = limit == null ? Long.MAX_VALUE : OptionValues.positiveLong("--limit", limit);
        Path dir = data != null ? data : TickguardConfig.defaultDataDir();
        try {
            SqliteLibrary.load(dir);
        } catch (DataFolderException e) {
            throw new UsageException(e.getMessage());
        }
        try (Database db = Database.openForReading(dir)) {
            TickStore store = new TickStore(db);
            if (csv) {
                out.println(CSV_HEADER);
            }
            long printed = 0;
            while (printed < max) {
                List<TickStore.Entry> page = store.page(q);
                for (TickStore.Entry e : page) {
                    if (printed++ == max) {
                        break;
                    }
                    if (csv) {
                        csvRows(e.record(), out);
                    } else {
                        out.println(jsonLine(e));
                    }
                }
                if (page.size() < q.limit()) {
                    break;
                }
                q = q.before(page.get(page.size() - 1).record().tick());
            }
            out.flush();
            return out.checkError() ? 1 : 0;
        } catch (DataFolderException e) {
            throw new UsageException(e.getMessage());
        } catch (SQLException e) {
            err.println("tickguard: cannot read the history from " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    private String jsonLine(TickStore.Entry e) {
        ObjectNode line = JournalJson.tick(e.record());
        if (results) {
            ObjectNode r = line.putObject("results");
            e.results().forEach((id, json) -> r.putRawValue(id, new com.fasterxml.jackson.databind.util.RawValue(json)));
            if (!e.resultsKept()) {
                line.put("results_kept", false); // older than persistence.keep_results_days: not an empty result
            }
        }
        return line.toString();
    }

    private static void csvRows(TickRecord t, PrintStream out) {
        for (StepRecord s : t.steps()) {
            out.println(String.join(",", String.valueOf(t.tick()), t.startedAt().toString(), t.mode().name(),
                    String.valueOf(t.durationMs()), String.valueOf(t.resumed()), Csv.field(s.id()),
                    s.priority().name(), String.valueOf(s.phase().number()), s.outcome().name(),
                    s.cause() == null ? "" : s.cause().label(), s.fallback() == null ? "" : s.fallback().label(),
                    String.valueOf(s.durationMs()), String.valueOf(s.timeoutMs()), Csv.field(s.error())));
        }
    }

    private static SystemMode mode(String v) throws UsageException {
        try {
            return SystemMode.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mode: '" + v + "' is not NORMAL, DEGRADED, RECOVERY or EMERGENCY");
        }
    }
}
