package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade-and-damage suite: every file of a data folder of the file-based version (before the
 * database), damaged in each way a crash, a disk or a person can damage it. For each, Tickguard
 * starts (or refuses with exit 2 and one clear line), imports what it can read into the database
 * (issue 19; the old files renamed {@code *.imported}, byte for byte, damaged bytes included), says
 * what it skipped, and runs the next tick with the next number. The plugin choices and the
 * self-modification parameters are imported too (whole JSON documents: a damaged one is set aside as
 * {@code *.bad} with one line and nothing is imported from it); the lock is set aside when damaged.
 *
 * <p>Runs in-process through {@link Main#run} with the LLM breakers forced open: ticks take
 * milliseconds and still run every step that touches a state file.
 *
 * <p>"Unreadable": tests run as root in CI, where {@code chmod 000} does not stop a read. So the
 * unreadable case puts a named pipe in the file's place (opening it would block forever: the
 * worst kind of unreadable) and, when not root, also takes away the read permission of the real
 * file ({@link #permissionDenied}).
 */
class DataFolderDamageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int SEEDED_TICKS = 5;
    static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path dir;

    /** A state file and where it lives in the data folder. */
    enum StateFile {
        JOURNAL("logs/ticks.jsonl", true, true),
        EPISODES("memory/episodes.jsonl", true, true),
        VECTORS("memory/vectors.jsonl", true, true),
        CACHE("state/results-cache.json", false, true),
        CHECKPOINT("state/checkpoint.json", false, true),
        PARAMETERS("sandbox/self_modification/parameters.json", false, false),
        PLUGIN_CHOICES("state/plugins.json", false, false),
        LOCK("tickguard.lock", false, false);

        final String path;
        final boolean jsonLines;
        /** Imported into the database at the first start, then renamed {@code *.imported}. */
        final boolean imported;

        StateFile(String path, boolean jsonLines, boolean imported) {
            this.path = path;
            this.jsonLines = jsonLines;
            this.imported = imported;
        }
    }

    /** Ways a file gets damaged. */
    enum Damage { TRUNCATED, GARBAGE, INVALID_UTF8, DIRECTORY, UNREADABLE }

    static Stream<Arguments> everyFileAndDamage() {
        List<Arguments> out = new ArrayList<>();
        for (StateFile f : StateFile.values()) {
            for (Damage d : Damage.values()) {
                out.add(Arguments.of(f, d));
            }
        }
        return out.stream();
    }

    record Run(int exit, String out, String err) {
    }

    static Run start(Path data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--headless", "--ollama", "http://127.0.0.1:9", "--chaos",
                        "force-open:ollama:chat", "--chaos", "force-open:ollama:embed", "--ticks", "1", "--interval", "0",
                        "--data", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyFileAndDamage")
    void startsOrRefusesClearlyLosesNothingAndNumberingContinues(StateFile file, Damage damage) throws Exception {
        seed();
        Path target = dir.resolve(file.path);
        byte[] before = damage(target, damage);

        Run r = start(dir);

        if (r.exit() != 0) {
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.err().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("tickguard: ").doesNotContain("Exception").contains(dir.toString());
            return;
        }
        assertThat(r.err()).as(r.err()).isEmpty();
        assertThat(r.out()).doesNotContain("\tat ").doesNotContain("Exception in thread").doesNotContain("MalformedInput");

        // Numbering continues: the next tick is SEEDED_TICKS + 1, whatever was damaged.
        List<String> journal = Files.readAllLines(dir.resolve(StateFile.JOURNAL.path), StandardCharsets.ISO_8859_1);
        assertThat(journal).hasSize(1);
        assertThat(JSON.readTree(journal.get(0)).get("tick").asLong()).isEqualTo(SEEDED_TICKS + 1);
        assertThat(DbQuery.column(dir, "SELECT max(tick) FROM ticks")).containsExactly(SEEDED_TICKS + 1);
        assertThat(r.out()).contains("imported the file-based data folder");

        // Nothing silently lost: the damaged bytes are kept (renamed or set aside), and said so.
        assertKept(file, target, damage, before, r.out());
        // The files that were not damaged were imported whole and kept as they were.
        for (StateFile other : StateFile.values()) {
            if (other != file && other.jsonLines) {
                assertThat(Files.readString(imported(dir.resolve(other.path)))).contains(seedLine(other, 1));
            }
        }
        if (file != StateFile.EPISODES) {
            assertThat(DbQuery.column(dir, "SELECT count(*) FROM episodes WHERE tick <= " + SEEDED_TICKS))
                    .containsExactly(SEEDED_TICKS);
        }
        if (file != StateFile.JOURNAL) {
            assertThat(DbQuery.column(dir, "SELECT count(*) FROM ticks WHERE tick <= " + SEEDED_TICKS))
                    .containsExactly(SEEDED_TICKS);
        }
        // The two settings files, when not the damaged one, are in the database and renamed.
        if (file != StateFile.PLUGIN_CHOICES) {
            assertThat(DbQuery.column(dir, "SELECT value FROM settings WHERE name = 'plugin_choices'").toString())
                    .contains("example-weather");
            assertThat(imported(dir.resolve(StateFile.PLUGIN_CHOICES.path))).exists();
        }
        if (file != StateFile.PARAMETERS) {
            assertThat(DbQuery.column(dir, "SELECT value FROM settings WHERE name = 'step_state:self_modification'")
                    .toString()).contains("\"caution_level\":0.4");
            assertThat(imported(dir.resolve(StateFile.PARAMETERS.path))).exists();
        }
    }

    // ------------------------------------------------------------------ seeding and damaging

    /** A data folder as five ticks leave it. */
    void seed() throws Exception {
        StringBuilder journal = new StringBuilder();
        StringBuilder episodes = new StringBuilder();
        StringBuilder vectors = new StringBuilder();
        for (int t = 1; t <= SEEDED_TICKS; t++) {
            journal.append(seedLine(StateFile.JOURNAL, t)).append('\n');
            episodes.append(seedLine(StateFile.EPISODES, t)).append('\n');
            vectors.append(seedLine(StateFile.VECTORS, t)).append('\n');
        }
        write(StateFile.JOURNAL, journal.toString());
        write(StateFile.EPISODES, episodes.toString());
        write(StateFile.VECTORS, vectors.toString());
        write(StateFile.CHECKPOINT, "{\"last_tick\":" + SEEDED_TICKS + ",\"saved_at\":\"2026-11-28T10:00:00Z\"}");
        write(StateFile.CACHE, "{\"format\":1,\"steps\":{\"monologue\":{\"produced_at\":\"2026-11-28T10:00:00Z\","
                + "\"value\":{\"text\":\"cached thought é\"}}}}");
        write(StateFile.PARAMETERS, "{\"caution_level\":0.4,\"curiosity_level\":0.6,\"verbosity\":0.5}");
        write(StateFile.PLUGIN_CHOICES, "{\"disabled_plugins\":[\"example-weather\"],\"disabled_steps\":[],"
                + "\"approved\":[],\"quarantined\":{}}");
        // A lock file left by a Tickguard that was killed: only information, no OS lock behind it.
        write(StateFile.LOCK, "{\"pid\":999999,\"started_at\":\"2026-11-28T09:00:00Z\"}\n");
    }

    static String seedLine(StateFile f, int t) {
        return switch (f) {
            case JOURNAL -> "{\"tick\":" + t + ",\"started_at\":\"2026-11-28T10:0" + t + ":00Z\",\"mode\":\"NORMAL\",\"skipped\":false,"
                    + "\"note\":\"tick número " + t + "\"}";
            case EPISODES -> "{\"time\":\"2026-11-28T10:0" + t + ":00Z\",\"tick\":" + t + ",\"step\":\"action\","
                    + "\"text\":\"episode " + t + " – observed\",\"outcome\":\"done\"}";
            case VECTORS -> "{\"key\":\"tick-" + t + "/monologue\",\"text\":\"thought " + t + "\",\"vector\":[0." + t
                    + ",0.5,0.25]}";
            default -> throw new IllegalArgumentException(f.name());
        };
    }

    void write(StateFile f, String text) throws Exception {
        Path p = dir.resolve(f.path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Damages the file; returns its bytes after the damage (null if it is no longer a file). */
    static byte[] damage(Path p, Damage d) throws Exception {
        byte[] good = Files.readAllBytes(p);
        switch (d) {
            case TRUNCATED -> Files.write(p, Arrays.copyOf(good, good.length / 2 + 3));
            case GARBAGE -> {
                // JSON lines: a garbage line among good ones; a JSON document: garbage instead of it.
                String text = new String(good, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                String garbage = "#~ %%% not json at all {{{";
                Files.writeString(p, nl > 0 && nl < text.length() - 1
                        ? text.substring(0, nl + 1) + garbage + "\n" + text.substring(nl + 1) : garbage);
            }
            case INVALID_UTF8 -> {
                // A lone continuation byte and a truncated sequence inside otherwise fine JSON text.
                byte[] bad = Arrays.copyOf(good, good.length + 4);
                int at = indexOf(good, (byte) '"', 2);
                System.arraycopy(good, at + 1, bad, at + 5, good.length - at - 1);
                bad[at + 1] = (byte) 0x80;
                bad[at + 2] = (byte) 0xC3;
                bad[at + 3] = (byte) 0x28;
                bad[at + 4] = (byte) 0xFF;
                Files.write(p, bad);
            }
            case DIRECTORY -> {
                Files.delete(p);
                Files.createDirectories(p.resolve("inside"));
                Files.writeString(p.resolve("inside/keep.txt"), "someone's file");
                return null;
            }
            case UNREADABLE -> {
                org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"),
                        "named pipes in the file system need a Unix");
                Files.delete(p);
                Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).start();
                assertThat(mkfifo.waitFor()).isZero();
                return null;
            }
            default -> throw new IllegalArgumentException(d.name());
        }
        return Files.readAllBytes(p);
    }

    static int indexOf(byte[] a, byte b, int nth) {
        for (int i = 0, seen = 0; i < a.length; i++) {
            if (a[i] == b && ++seen == nth) {
                return i;
            }
        }
        throw new IllegalStateException("no " + nth + "th " + (char) b);
    }

    // ------------------------------------------------------------------ checks

    static Path imported(Path p) {
        return p.resolveSibling(p.getFileName() + ".imported");
    }

    void assertKept(StateFile file, Path target, Damage damage, byte[] damaged, String log) throws Exception {
        if (file.imported) {
            Path kept = imported(target);
            if (damage == Damage.DIRECTORY) {
                assertThat(Files.readString(kept.resolve("inside/keep.txt"))).isEqualTo("someone's file");
            } else if (damage == Damage.UNREADABLE) {
                assertThat(Files.exists(kept, LinkOption.NOFOLLOW_LINKS)).as("renamed: " + kept).isTrue();
            } else {
                assertThat(Files.readAllBytes(kept)).isEqualTo(damaged);
            }
            assertThat(log).contains("skipped");
            return;
        }
        Path bad = target.resolveSibling(target.getFileName() + ".bad");
        Path damagedLines = target.resolveSibling(target.getFileName() + ".damaged");
        if (damage == Damage.DIRECTORY) {
            assertThat(Files.readString(bad.resolve("inside/keep.txt"))).isEqualTo("someone's file");
            assertThat(log).contains(target.toString()).contains("directory");
            return;
        }
        if (damage == Damage.UNREADABLE) {
            assertThat(Files.exists(bad, LinkOption.NOFOLLOW_LINKS)).as("set aside: " + bad).isTrue();
            assertThat(log).contains(target.getFileName().toString()).contains("not a regular file");
            return;
        }
        if (file == StateFile.LOCK) {
            // Only information about the last holder: rewritten by the new holder, nothing to keep.
            assertThat(JSON.readTree(target.toFile()).get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            return;
        }
        if (file.jsonLines) {
            // Every line of the damaged file is either still in the file or kept in <name>.damaged.
            byte[] now = Files.readAllBytes(target);
            byte[] kept = Files.exists(damagedLines) ? Files.readAllBytes(damagedLines) : new byte[0];
            for (byte[] line : lines(damaged)) {
                boolean inFile = indexOf(now, line) >= 0;
                boolean aside = indexOf(kept, line) >= 0;
                assertThat(inFile || aside).as("line kept: " + new String(line, StandardCharsets.ISO_8859_1)).isTrue();
            }
            if (file != StateFile.JOURNAL || damage == Damage.TRUNCATED) {
                assertThat(log).contains(target.toString()).contains("WARN");
            }
            return;
        }
        // A JSON document: set aside whole, byte for byte.
        assertThat(Files.readAllBytes(bad)).isEqualTo(damaged);
        assertThat(log).contains(target.getFileName().toString()).contains("damaged").contains("moved to");
    }

    static List<byte[]> lines(byte[] all) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                if (i > start) {
                    out.add(Arrays.copyOfRange(all, start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static List<JsonNode> jsonLines(Path p) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            assertThat(n.isObject()).as(p + ": " + line).isTrue();
            out.add(n);
        }
        return out;
    }

    /** Without root, a file we may not read: set aside like any other unreadable file. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filesReadAtStart")
    void permissionDenied(StateFile file) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(ROOT, "root reads a file whatever its permissions; "
                + "the named-pipe case of the main test covers unreadable files there");
        seed();
        Path target = dir.resolve(file.path);
        byte[] content = Files.readAllBytes(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("---------"));
        Run r = start(dir);
        assertThat(r.exit()).as(r.err()).isZero();
        Path kept = imported(target);
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllBytes(kept)).isEqualTo(content);
        assertThat(r.out()).contains("skipped");
    }

    static Stream<StateFile> filesReadAtStart() {
        return Stream.of(StateFile.EPISODES, StateFile.VECTORS, StateFile.CACHE, StateFile.CHECKPOINT);
    }
}
