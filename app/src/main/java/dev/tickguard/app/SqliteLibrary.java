package dev.tickguard.app;

import dev.tickguard.persist.DataFolderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Where sqlite-jdbc unpacks its native library, decided once by the launcher (core sets no JVM-wide
 * property): the data folder's {@code native/} unless the user chose ({@code -Dorg.sqlite.lib.path}
 * for an unpacked copy, {@code -Dorg.sqlite.tmpdir}). The shared temp folder is often mounted
 * {@code noexec}, and is shared with other users; a data folder that cannot take the library (full,
 * {@code noexec}) falls back to the temp folder, sqlite-jdbc's own default.
 */
final class SqliteLibrary {
    private static final Logger LOG = Logger.getLogger(SqliteLibrary.class.getName());
    private static boolean loaded;

    private SqliteLibrary() {
    }

    /**
     * Loads the library (once per JVM).
     *
     * @throws DataFolderException if it can be loaded from neither place: one line saying what to do
     */
    static synchronized void load(Path dataDir) {
        if (loaded) {
            return;
        }
        if (System.getProperty("org.sqlite.lib.path") != null || System.getProperty("org.sqlite.tmpdir") != null) {
            loaded = true; // the user's choice; a failure shows at the first connection, naming the file
            return;
        }
        Path dir = dataDir.resolve("native");
        try {
            Files.createDirectories(dir);
            System.setProperty("org.sqlite.tmpdir", dir.toAbsolutePath().toString());
            org.sqlite.SQLiteJDBCLoader.initialize();
            loaded = true;
            return;
        } catch (Exception e) {
            LOG.fine("cannot unpack the SQLite library into " + dir + " (" + e + "); using the temp folder");
            // A part-written copy would only take the space that is missing.
            try (java.util.stream.Stream<Path> left = Files.list(dir)) {
                for (Path p : left.filter(p -> p.getFileName().toString().startsWith("sqlite-")).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // Best effort: the folder is not ours to insist on.
            }
        }
        System.clearProperty("org.sqlite.tmpdir");
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
            loaded = true;
        } catch (Exception e) {
            throw new DataFolderException("cannot load SQLite's native library (unpacked into " + dir + " and "
                    + System.getProperty("java.io.tmpdir") + "): " + e.getMessage()
                    + "; set -Dorg.sqlite.lib.path to a folder holding libsqlitejdbc", e);
        }
    }
}
