package dev.tickguard.health;

import dev.tickguard.persist.Database;

/**
 * Whether the data folder's database takes writes. Not critical: the ticks go on while the disk is
 * full or read-only (their records wait in memory and are written when it takes writes again), but
 * the health says why and how many records wait, so the dashboard shows it.
 */
public final class DatabaseCheck implements HealthCheck {
    private final Database db;

    public DatabaseCheck(Database db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "data folder";
    }

    @Override
    public boolean critical() {
        return false;
    }

    @Override
    public Reading check() {
        String problem = db.writeProblem();
        long lost = db.droppedWrites();
        if (problem != null) {
            return Reading.failing("the data folder cannot be written: " + db.file() + " (" + problem + "); "
                    + db.pendingWrites() + " change(s) wait in memory" + (lost > 0 ? ", " + lost + " lost" : ""));
        }
        return lost > 0 ? Reading.failing(lost + " change(s) were lost while " + db.file() + " could not be written")
                : Reading.ok(db.file() + " writable");
    }
}
