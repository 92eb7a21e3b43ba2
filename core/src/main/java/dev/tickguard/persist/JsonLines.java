package dev.tickguard.persist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The append-only JSON-lines files of the data folder (journal, episodes, vectors): one JSON object
 * per line, each appended whole. A crash can leave the last line torn (no final newline); other
 * damage (a disk error, a hand edit) can leave lines that are not UTF-8 or not JSON. This class is
 * the one place that knows how to read such a file and make it safe to append to again.
 *
 * <p>Damaged bytes are never dropped silently: they are moved to {@code <name>.damaged} beside the
 * file, with a warning naming the file, the line and what is wrong.
 */
public final class JsonLines {
    private static final Logger LOG = Logger.getLogger(JsonLines.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 64 * 1024;
    /** Warnings name at most this many damaged lines; the rest are counted. */
    private static final int NAMED_LINES = 3;
    /** A longer "line" at the end of a file is damage, not a record that lost its newline. */
    private static final int MAX_LINE = 4 * 1024 * 1024;

    private JsonLines() {
    }

    /**
     * Reads every good line of a file that is read whole at start-up (the memory files), and
     * leaves the file clean for appending: damaged lines (not UTF-8 text, not a JSON object, a torn
     * last line) are moved to {@code <name>.damaged} and the file is rewritten without them; a file
     * that is not a regular file or cannot be read is set aside. A missing file has no lines.
     *
     * @throws DataFolderException if a damaged file can be neither repaired nor set aside
     */
    public static List<JsonNode> load(Path file) {
        if (!prepared(file)) {
            return List.of();
        }
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            SetAside.setAside(file, "cannot be read: " + DataFolderException.reason(e), "starting a new one");
            return List.of();
        }
        List<JsonNode> good = new ArrayList<>();
        ByteArrayOutputStream kept = new ByteArrayOutputStream(all.length);
        ByteArrayOutputStream damaged = new ByteArrayOutputStream();
        List<String> problems = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < all.length) {
            int nl = indexOf(all, (byte) '\n', start);
            boolean torn = nl < 0;
            int end = torn ? all.length : nl;
            lineNo++;
            byte[] line = Arrays.copyOfRange(all, start, end);
            start = end + 1;
            if (isBlank(line)) {
                continue;
            }
            String problem = null;
            JsonNode n = null;
            try {
                n = parse(line);
            } catch (CharacterCodingException e) {
                problem = "not UTF-8 text";
            } catch (IOException e) {
                problem = torn ? "torn: cut off mid-write" : "not a JSON object";
            }
            if (problem == null) {
                good.add(n);
                kept.writeBytes(line);
                kept.write('\n');
            } else {
                problems.add("line " + lineNo + ": " + problem);
                damaged.writeBytes(line);
                damaged.write('\n');
            }
        }
        boolean missingNewline = all.length > 0 && all[all.length - 1] != '\n';
        if (!problems.isEmpty() || missingNewline) {
            rewrite(file, kept.toByteArray(), damaged.toByteArray(), problems);
        }
        return good;
    }

    /**
     * Makes an append-only file that is not read whole (the journal) safe to append to: a torn last
     * line is cut off and moved to {@code <name>.damaged} (or, if it is a complete object that only
     * lacks its newline, terminated); a file that is not a regular file is set aside. Cheap: reads only
     * the end of the file. An I/O error while repairing (a full disk, a read-only mount) says nothing
     * about what was already written: the file is left as it is and the error thrown, never taken for
     * damage.
     *
     * @throws IOException if the tail cannot be read or mended now (try again later)
     * @throws DataFolderException if something that is not a regular file is in its place and cannot be set aside
     */
    public static void repairTail(Path file) throws IOException {
        if (!prepared(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long from = lastNewline(ch, size) + 1;
            if (from == size) {
                return;
            }
            long length = size - from;
            if (length <= MAX_LINE && isObject(read(ch, from, (int) length))) {
                ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
                ch.force(true);
                LOG.warning(file + ": the last line had no newline (interrupted write); terminated it");
                return;
            }
            try (FileChannel out = FileChannel.open(damagedFile(file), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                long done = 0;
                while (done < length) {
                    done += ch.transferTo(from + done, length - done, out);
                }
                out.write(ByteBuffer.wrap(new byte[] {'\n'}));
                out.force(true);
            }
            ch.truncate(from);
            ch.force(true);
            LOG.warning(file + ": the last line (" + length + " bytes) was torn by an interrupted write; "
                    + "moved to " + damagedFile(file).getFileName());
        }
    }

    /**
     * The last line of the file that is a JSON object, reading backwards from the end (damaged
     * lines are skipped). Empty if there is none, or the file cannot be read.
     */
    public static Optional<JsonNode> lastGood(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = ch.size();
            byte[] carry = new byte[0];
            boolean tooLong = false;
            while (pos > 0) {
                int len = (int) Math.min(CHUNK, pos);
                pos -= len;
                byte[] head = read(ch, pos, len);
                byte[] chunk = Arrays.copyOf(head, head.length + carry.length);
                System.arraycopy(carry, 0, chunk, head.length, carry.length);
                int end = chunk.length;
                for (int i = chunk.length - 1; i >= 0; i--) {
                    if (chunk[i] == '\n') {
                        Optional<JsonNode> n = tooLong ? Optional.empty() : object(Arrays.copyOfRange(chunk, i + 1, end));
                        if (n.isPresent()) {
                            return n;
                        }
                        tooLong = false;
                        end = i;
                    }
                }
                carry = Arrays.copyOfRange(chunk, 0, end);
                if (carry.length > MAX_LINE) {
                    // No record is this long: skip the rest of this line without holding it.
                    tooLong = true;
                    carry = new byte[0];
                }
            }
            return tooLong ? Optional.empty() : object(carry);
        } catch (IOException e) {
            LOG.warning("cannot read " + file + ": " + DataFolderException.reason(e));
            return Optional.empty();
        }
    }

    /** Appends one object as one line, in one write, creating the file (and its folder) if needed. */
    public static void append(Path file, JsonNode n) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, line(n), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** One object as the bytes of one line, newline included. */
    public static byte[] line(JsonNode n) throws IOException {
        byte[] json = JSON.writeValueAsBytes(n);
        byte[] out = Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    /** Where damaged lines of {@code file} are kept. */
    public static Path damagedFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".damaged");
    }

    /** False if there is nothing to read: the file is missing, or was not a file and is now set aside. */
    private static boolean prepared(Path file) {
        String notAFile = SetAside.notARegularFile(file);
        if (notAFile != null) {
            SetAside.setAside(file, notAFile, "starting a new one");
            return false;
        }
        return Files.exists(file);
    }

    private static void rewrite(Path file, byte[] kept, byte[] damaged, List<String> problems) {
        try {
            if (damaged.length > 0) {
                saveDamaged(file, damaged);
            }
            AtomicFiles.write(file, kept);
        } catch (IOException e) {
            throw new DataFolderException(file + " has damaged lines and cannot be repaired: "
                    + DataFolderException.reason(e), e);
        }
        if (problems.isEmpty()) {
            LOG.warning(file + ": the last line had no newline (interrupted write); terminated it");
            return;
        }
        String named = String.join("; ", problems.subList(0, Math.min(NAMED_LINES, problems.size())));
        String more = problems.size() > NAMED_LINES ? " and " + (problems.size() - NAMED_LINES) + " more" : "";
        LOG.warning(file + ": skipped " + problems.size() + " damaged line(s) (" + named + more + "); moved to "
                + damagedFile(file).getFileName());
    }

    private static void saveDamaged(Path file, byte[] bytes) throws IOException {
        byte[] out = bytes;
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            out = Arrays.copyOf(bytes, bytes.length + 1);
            out[bytes.length] = '\n';
        }
        Files.write(damagedFile(file), out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static JsonNode parse(byte[] line) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        JsonNode n = JSON.readTree(text);
        if (n == null || !n.isObject()) {
            throw new IOException("not an object");
        }
        return n;
    }

    private static boolean isObject(byte[] line) {
        return object(line).isPresent();
    }

    private static Optional<JsonNode> object(byte[] line) {
        if (isBlank(line)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(line));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The position of the last newline before {@code size}, or -1. */
    private static long lastNewline(FileChannel ch, long size) throws IOException {
        long pos = size;
        while (pos > 0) {
            int len = (int) Math.min(CHUNK, pos);
            pos -= len;
            byte[] chunk = read(ch, pos, len);
            for (int i = len - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    return pos + i;
                }
            }
        }
        return -1;
    }

    private static byte[] read(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
