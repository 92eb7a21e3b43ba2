package dev.tickguard.app.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import dev.tickguard.persist.TickJournal;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Writes the timeline's ticks to a file (issue 18 item 4, one-click export): JSON lines, one tick per
 * line with its steps, exactly the journal's lines (so one reader reads both); or CSV, one step per row, for a spreadsheet. The file is
 * written beside the target and moved into place, so a failed export never leaves half a file.
 */
final class TickExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CSV_HEADER = "tick,started_at,mode,skipped,step,phase,priority,outcome,cause,fallback,"
            + "start_ms,duration_ms,timeout_ms,abandoned,error";

    private TickExport() {
    }

    /** CSV if the file name ends in .csv, else JSON lines. */
    static void write(List<TickRecord> ticks, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    csv(ticks, w);
                } else {
                    jsonLines(ticks, w);
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One line per tick, exactly as the journal writes it ({@code TickJournal.toJson}): one format to read. */
    static void jsonLines(List<TickRecord> ticks, Writer w) throws IOException {
        for (TickRecord t : ticks) {
            w.write(JSON.writeValueAsString(TickJournal.toJson(t)));
            w.write('\n');
        }
    }

    static void csv(List<TickRecord> ticks, Writer w) throws IOException {
        w.write(CSV_HEADER);
        w.write('\n');
        for (TickRecord t : ticks) {
            String head = t.tick() + "," + t.startedAt() + "," + t.mode() + "," + t.skipped() + ",";
            if (t.steps().isEmpty()) {
                w.write(head + ",,,,,,,,,," + cell(t.skipReason()) + "\n");
            }
            for (StepRecord s : t.steps()) {
                w.write(head + cell(s.id()) + "," + s.phase().number() + "," + s.priority() + "," + s.outcome() + ","
                        + (s.cause() == null ? "" : s.cause().label()) + ","
                        + (s.fallback() == null ? "" : s.fallback().label()) + "," + s.startMs() + "," + s.durationMs()
                        + "," + s.timeoutMs() + "," + s.abandoned() + "," + cell(s.error()) + "\n");
            }
        }
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")
                ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
