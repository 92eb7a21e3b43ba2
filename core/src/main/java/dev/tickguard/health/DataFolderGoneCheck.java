package dev.tickguard.health;

import dev.tickguard.persist.Database;

/**
 * Whether the data folder and its database are still the ones Tickguard opened (issue 17 D4). An
 * {@code rm -rf} of the data folder while Tickguard runs left it writing into deleted files, unnoticed,
 * while a second Tickguard could start on the new, empty folder. Critical: the system goes to
 * EMERGENCY (ticks are skipped, saying why) until Tickguard is restarted on the folder as it is now.
 */
public final class DataFolderGoneCheck implements HealthCheck {
    private final Database db;

    public DataFolderGoneCheck(Database db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "data folder identity";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Reading check() {
        String problem = db.identityProblem();
        return problem == null ? Reading.ok(db.file() + " is the file opened at start")
                : Reading.failing(problem + "; nothing is kept from now on: restart Tickguard");
    }
}
