package dev.tickguard.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One plugin in the plugins folder: a JAR file, or a folder holding the plugin's JAR (named like
 * the folder, or the only JAR in it) and the libraries it ships in {@code lib/}.
 *
 * @param name the file or folder name, how the user sees it
 * @param jar the plugin's own JAR, or {@code null} if a folder has none (then {@code problem} says why)
 * @param libraries the JARs in the folder's {@code lib/}, sorted by name
 * @param problem why the folder is not a usable plugin, or {@code null}
 */
record PluginSource(String name, Path location, Path jar, List<Path> libraries, String problem) {

    PluginSource {
        libraries = List.copyOf(libraries);
    }

    /** Every JAR this plugin loads: its own first, then its libraries. */
    List<Path> jars() {
        List<Path> out = new ArrayList<>();
        if (jar != null) {
            out.add(jar);
        }
        out.addAll(libraries);
        return out;
    }

    /** The id a plugin without a descriptor gets: its name without {@code .jar}. */
    String fallbackId() {
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    /**
     * The plugins in a folder, sorted by name. Hidden files and names that say the file is still
     * being written ({@code .tmp}, {@code .part}, {@code .crdownload}, {@code ~}...) are skipped.
     * A missing folder holds none.
     */
    static List<PluginSource> list(Path dir) throws IOException {
        List<PluginSource> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !isTemporary(p.getFileName().toString())).sorted().toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (Files.isDirectory(p)) {
                out.add(folder(p));
            } else if (name.toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(p)) {
                out.add(new PluginSource(name, p, p, List.of(), null));
            }
        }
        return out;
    }

    private static PluginSource folder(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        List<Path> top = jarsIn(dir);
        List<Path> libs = jarsIn(dir.resolve("lib"));
        Path named = dir.resolve(name + ".jar");
        if (top.contains(named)) {
            return new PluginSource(name, dir, named, libs, null);
        }
        if (top.size() == 1) {
            return new PluginSource(name, dir, top.get(0), libs, null);
        }
        String problem = top.isEmpty()
                ? "folder holds no plugin JAR: put the plugin's JAR in " + name + "/ and its libraries in " + name + "/lib/"
                : "folder holds " + top.size() + " JARs and none is named " + name + ".jar: keep one JAR in "
                + name + "/ (or name the plugin's own " + name + ".jar) and move libraries to " + name + "/lib/";
        return new PluginSource(name, dir, null, libs, problem);
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return !isTemporary(n) && n.toLowerCase(Locale.ROOT).endsWith(".jar") && Files.isRegularFile(p);
            }).sorted().toList();
        }
    }

    /** Names copy tools and editors use while a file is still being written. */
    static boolean isTemporary(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith(".") || n.endsWith("~") || n.endsWith(".tmp") || n.endsWith(".part")
                || n.endsWith(".partial") || n.endsWith(".crdownload") || n.endsWith(".download") || n.endsWith(".swp")
                || n.endsWith(".filepart");
    }

    /**
     * What the plugin's files look like now: names, sizes and modification times. Two equal prints
     * taken a poll apart mean nobody is writing the plugin any more.
     */
    String fingerprint() {
        StringBuilder b = new StringBuilder(name);
        try {
            b.append('|').append(Files.getLastModifiedTime(location).toMillis());
            for (Path p : jars()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                b.append('|').append(location.relativize(p)).append(':').append(a.size()).append(':')
                        .append(a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            b.append("|unreadable:").append(e.getMessage());
        }
        return b.toString();
    }
}
