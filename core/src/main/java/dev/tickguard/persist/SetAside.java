package dev.tickguard.persist;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Moves a damaged state file (or whatever sits where a state file belongs: a folder, a pipe) out
 * of the way, so that Tickguard starts fresh without losing it: it is renamed {@code <name>.bad},
 * or {@code <name>.bad-2}, {@code -3}, ... if an earlier one is still there (never overwritten).
 */
public final class SetAside {
    private static final Logger LOG = Logger.getLogger(SetAside.class.getName());

    private SetAside() {
    }

    /**
     * Renames {@code file} beside itself and logs one warning: "{@code file} is damaged
     * ({@code why}); moved to ...; {@code then}".
     *
     * @param why what is wrong with it, e.g. "not a regular file"
     * @param then what happens instead, e.g. "starting with an empty cache"
     * @return where it went
     * @throws DataFolderException if it cannot be moved (then Tickguard must not start)
     */
    public static Path setAside(Path file, String why, String then) {
        for (int i = 1; ; i++) {
            Path bad = file.resolveSibling(file.getFileName() + (i == 1 ? ".bad" : ".bad-" + i));
            if (Files.exists(bad, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                // No REPLACE_EXISTING: a name taken meanwhile fails and we try the next one.
                Files.move(file, bad);
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (IOException e) {
                throw new DataFolderException(file + " is damaged (" + why + ") and cannot be moved aside: "
                        + DataFolderException.reason(e), e);
            }
            LOG.warning(file + " is damaged (" + why + "); moved to " + bad.getFileName() + "; " + then);
            return bad;
        }
    }

    /**
     * Why {@code file} cannot be a state file, or {@code null} if it is a regular file or missing.
     * Checked before opening, so that a pipe in its place cannot block the start.
     */
    public static String notARegularFile(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isRegularFile(file)) {
            return null;
        }
        if (!Files.exists(file)) {
            return "a broken symbolic link";
        }
        return Files.isDirectory(file) ? "a directory, not a file" : "not a regular file";
    }
}
