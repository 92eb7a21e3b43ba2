package dev.tickguard.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the plugins in the plugins folder and says which of them changed since they were last
 * applied (pf4j's {@code PluginRepository}, plus the settling). A change counts only once the
 * plugin's files have looked the same on two looks in a row: a JAR still being copied must never be
 * loaded half-written, and the file system offers no reliable "copy finished" signal.
 *
 * <p>Not thread-safe (it remembers the last look): called on the plugin manager thread
 * ({@code tickguard-plugins}).
 */
final class PluginFolder {
    /** What one look found about a plugin source. */
    enum Change {
        /** As applied. */
        SAME,
        /** New or changed, and the same as on the look before: apply it. */
        SETTLED,
        /** New or changed since the look before (or seen for the first time): wait for the next look. */
        CHANGING
    }

    record Found(PluginSource source, String print, Change change) {
    }

    /**
     * @param present every plugin source in the folder, by name
     * @param gone names of applied plugins no longer in the folder
     */
    record Look(List<Found> present, List<String> gone) {
        Set<String> names() {
            Set<String> out = new HashSet<>();
            present.forEach(f -> out.add(f.source().name()));
            return out;
        }
    }

    private final Path dir;
    /** The print of each changed source on the last look, to see whether it has stopped changing. */
    private final Map<String, String> lastSeen = new HashMap<>();

    PluginFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Lists the folder and compares it with what is applied.
     *
     * @param applied the {@link PluginSource#fingerprint()} of every applied plugin, by name
     * @param initial true at start: take every file as it is (nobody is expected to be copying then)
     */
    Look look(Map<String, String> applied, boolean initial) throws IOException {
        return compare(PluginSource.list(dir), PluginSource::fingerprint, applied, initial);
    }

    /** The part of {@link #look} that reads no files. */
    Look compare(List<PluginSource> found, Function<PluginSource, String> printOf, Map<String, String> applied,
                 boolean initial) {
        Set<String> names = new HashSet<>();
        found.forEach(s -> names.add(s.name()));
        List<String> gone = new ArrayList<>();
        for (String name : applied.keySet()) {
            if (!names.contains(name)) {
                gone.add(name);
                lastSeen.remove(name);
            }
        }
        List<Found> present = new ArrayList<>();
        for (PluginSource s : found) {
            String print = printOf.apply(s);
            String old = applied.get(s.name());
            Change change;
            if (old != null && old.equals(print)) {
                change = Change.SAME;
            } else if (initial || print.equals(lastSeen.put(s.name(), print))) {
                change = Change.SETTLED;
            } else {
                change = Change.CHANGING;
            }
            present.add(new Found(s, print, change));
        }
        return new Look(List.copyOf(present), List.copyOf(gone));
    }
}
