package dev.tickguard.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads a data folder's database the way a user's {@code sqlite3} would: its own read-only connection (app tests). */
final class DbQuery {
    private DbQuery() {
    }

    /** The numbers of the finished ('done') ticks, in order. */
    static List<Long> ticks(Path dataDir) throws SQLException {
        List<Long> out = new ArrayList<>();
        for (Object o : column(dataDir, "SELECT tick FROM ticks WHERE state = 'done' ORDER BY tick")) {
            out.add(((Number) o).longValue());
        }
        return out;
    }

    /** Every finished tick's journal line as the database rebuilds it, by tick. */
    static java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> journal(Path dataDir) throws Exception {
        java.util.Map<Long, com.fasterxml.jackson.databind.JsonNode> out = new java.util.TreeMap<>();
        try (dev.tickguard.persist.Database db = dev.tickguard.persist.Database.openForReading(dataDir)) {
            new dev.tickguard.persist.TickStore(db).forEachTick(0, r -> out.put(r.tick(), dev.tickguard.persist.JournalJson.tick(r)));
        }
        return out;
    }

    /** The first column of every row of a query. */
    static List<Object> column(Path dataDir, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + dataDir.resolve("tickguard.db") + "?mode=ro");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<Object> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getObject(1));
            }
            return out;
        }
    }

    /** {@code PRAGMA integrity_check}'s answer ("ok" when sound). */
    static String integrity(Path dataDir) throws SQLException {
        return String.valueOf(column(dataDir, "PRAGMA integrity_check").get(0));
    }
}
