package dev.tickguard.engine;

import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickCounts;
import dev.tickguard.events.TickRecord;
import dev.tickguard.persist.TickStore;
import dev.tickguard.persist.TickWrites;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What to do at start with a tick the previous process was running when it died (kill -9, a power
 * cut, an OOM kill): resume it under its number, with the steps that had ended restored (their
 * records and results; not run again), or, if it was resumed once already or is older than the
 * limit, close it as aborted ("process died") with the steps it has. A stopped process (SIGTERM,
 * Ctrl+C) journals its tick as it stops, so it leaves nothing to resume.
 */
final class TickResume {
    private static final Logger LOG = Logger.getLogger(TickResume.class.getName());
    /** A closed tick's {@code abort_reason}. */
    static final String PROCESS_DIED = "process died";

    /** A tick to resume: its number and the steps already done, by id. */
    record Plan(long tick, Instant startedAt, Map<String, TickStore.FinishedStep> restored) {
        /** The restored result of a step, or null if it must run. */
        StepResult restored(String stepId) {
            TickStore.FinishedStep f = restored.get(stepId);
            return f == null ? null : new StepResult(f.result(), f.record());
        }
    }

    private TickResume() {
    }

    /**
     * Looks for an interrupted tick; closes it (journaled as aborted) or plans its resumption, which is
     * marked in the database (and waited for) first, so a tick is resumed at most once.
     *
     * @return the tick to resume first, if any
     */
    static Optional<Plan> atStart(TickStore store, TickWrites writes, Duration maxAge, Instant now) {
        Optional<TickStore.Interrupted> found;
        try {
            found = store.interrupted();
            if (found.isPresent()) {
                // Only a bug leaves more than one; each is closed so it never lingers as "running".
                for (long stale : store.staleRunning(found.get().tick())) {
                    writes.finished(aborted(stale, found.get().startedAt(), found.get().mode(), List.of()));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warning("cannot read the interrupted tick from the database (" + e.getMessage() + "); not resumed");
            return Optional.empty();
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        TickStore.Interrupted t = found.get();
        List<StepRecord> done = new ArrayList<>();
        t.steps().values().forEach(s -> done.add(s.record()));
        Duration age = Duration.between(t.startedAt(), now);
        String why = t.resumedBefore() ? "it was resumed once already"
                : age.compareTo(maxAge) > 0 ? "it started " + age.toSeconds() + " s ago (limit: persistence.resume_max_age_sec = "
                + maxAge.toSeconds() + ")" : null;
        if (why != null) {
            LOG.warning("[Tickguard] tick " + t.tick() + " was interrupted when the process died; closed as aborted, not resumed: " + why);
            writes.finished(aborted(t.tick(), t.startedAt(), t.mode(), done));
            return Optional.empty();
        }
        if (!writes.markResumed(t.tick())) {
            LOG.warning("[Tickguard] tick " + t.tick() + " was interrupted when the process died; cannot mark it resumed in "
                    + "the database (" + writes.database().writeProblem() + "), so it is closed as aborted");
            writes.finished(aborted(t.tick(), t.startedAt(), t.mode(), done));
            return Optional.empty();
        }
        LOG.info("[Tickguard] resuming tick " + t.tick() + ", interrupted when the process died: " + t.steps().size()
                + " step(s) restored " + t.steps().keySet() + ", the rest run now");
        return Optional.of(new Plan(t.tick(), t.startedAt(), t.steps()));
    }

    private static TickRecord aborted(long tick, Instant startedAt, dev.tickguard.spi.SystemMode mode, List<StepRecord> steps) {
        long duration = 0;
        for (StepRecord s : steps) {
            duration = Math.max(duration, s.startMs() + s.durationMs());
        }
        return new TickRecord(tick, startedAt, duration, mode, false, null, PROCESS_DIED, TickCounts.of(steps), Map.of(),
                steps, 0);
    }
}
