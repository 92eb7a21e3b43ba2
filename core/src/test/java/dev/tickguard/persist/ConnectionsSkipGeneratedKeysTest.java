package dev.tickguard.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** Guards the storm's garbage: the driver must not look for generated keys, which nothing here reads. */
class ConnectionsSkipGeneratedKeysTest {
    @TempDir
    Path dir;

    @Test
    void writerAndReaderConnectionsDoNotLookForGeneratedKeys() throws Exception {
        Path file = dir.resolve("t.db");
        try (Connection w = DatabaseFile.writer(file)) {
            Database.exec(w, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)", "INSERT INTO t (v) VALUES ('x')");
            assertThat(w.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys()).isFalse();
            try (Connection r = DatabaseFile.reader(file)) {
                assertThat(r.unwrap(SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys()).isFalse();
            }
        }
    }
}
