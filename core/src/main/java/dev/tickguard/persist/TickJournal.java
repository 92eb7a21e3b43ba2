package dev.tickguard.persist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Appends one JSON object per finished or skipped tick to {@code <data>/logs/ticks.jsonl}. Each
 * line is written whole and flushed, so a crash loses at most the tick in progress. Subscribe it to
 * the bus; close it on exit.
 */
public final class TickJournal implements Consumer<TickEvent>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickJournal.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private OutputStream out;
    private boolean writeFailed;
    private final RepeatedWarning cannotWrite = new RepeatedWarning(LOG);

    /**
     * Opens (appending) the journal file, creating its folder. A torn last line left by a crash is
     * repaired first, so the next record is not glued onto it (see {@link JsonLines#repairTail}).
     */
    public TickJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            JsonLines.repairTail(file);
        } catch (IOException e) {
            // A full disk or a read-only mount now: the journal is kept as it is; the first write mends it.
            writeFailed = true;
            LOG.warning("cannot check the end of journal " + file + " now (" + DataFolderException.reason(e)
                    + "); it is kept as it is and mended before the next record");
        }
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The journal's path. */
    public Path file() {
        return file;
    }

    @Override
    public void accept(TickEvent event) {
        TickRecord r = event instanceof TickEvent.TickFinished f ? f.record()
                : event instanceof TickEvent.TickSkipped s ? s.record() : null;
        if (r != null) {
            write(r);
        }
    }

    private synchronized void write(TickRecord r) {
        if (out == null) {
            return;
        }
        try {
            if (writeFailed) {
                // A failed write may have left part of a line: mend the end before the next one.
                JsonLines.repairTail(file);
                writeFailed = false;
            }
            out.write(JsonLines.line(toJson(r)));
            out.flush();
            cannotWrite.clear();
        } catch (IOException | RuntimeException e) {
            writeFailed = true;
            cannotWrite.warn("cannot write journal " + file + " (tick " + r.tick() + " is not journaled): "
                    + (e instanceof IOException io ? DataFolderException.reason(io) : e.toString()));
        }
    }

    /** The journal form of a tick record. */
    public static ObjectNode toJson(TickRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("tick", r.tick());
        n.put("started_at", r.startedAt().toString());
        n.put("duration_ms", r.durationMs());
        n.put("mode", r.mode().name());
        n.put("skipped", r.skipped());
        n.put("skip_reason", r.skipReason());
        n.put("abort_reason", r.abortReason());
        n.put("critical_overrun_ms", r.criticalOverrunMs());
        ObjectNode counts = n.putObject("counts");
        counts.put("critical", r.counts().critical());
        counts.put("important", r.counts().important());
        counts.put("optional", r.counts().optional());
        counts.put("fallbacks", r.counts().fallbacks());
        counts.put("skipped", r.counts().skipped());
        ObjectNode breakers = n.putObject("breakers");
        for (Map.Entry<String, BreakerState> e : r.breakers().entrySet()) {
            breakers.put(e.getKey(), e.getValue().label());
        }
        ArrayNode steps = n.putArray("steps");
        for (StepRecord s : r.steps()) {
            ObjectNode o = steps.addObject();
            o.put("id", s.id());
            o.put("priority", s.priority().name());
            o.put("phase", s.phase().number());
            o.put("start_ms", s.startMs());
            o.put("duration_ms", s.durationMs());
            o.put("timeout_ms", s.timeoutMs());
            o.put("outcome", s.outcome().name());
            o.put("cause", s.cause() == null ? null : s.cause().label());
            o.put("fallback", s.fallback() == null ? null : s.fallback().label());
            o.put("error", s.error());
            o.put("abandoned", s.abandoned());
            if (s.ranOn() != null) {
                o.put("ran_on", s.ranOn());
            }
        }
        return n;
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warning("cannot close journal " + file + ": " + e.getMessage());
            }
            out = null;
        }
    }
}
