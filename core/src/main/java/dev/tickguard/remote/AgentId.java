package dev.tickguard.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The agent's identity on a broker: a random id made once per data folder and kept in
 * {@code <data>/state/agent-id}. It prefixes every run key ({@code <id>:<tick>/<step>}), so agents
 * sharing a broker (each with its own data folder, each counting ticks from 1) never share a key,
 * and an agent restarted on the same folder keeps its id (its tick numbers go on, never reused).
 */
public final class AgentId {
    private static final Pattern FORM = Pattern.compile("[a-z0-9]{4,32}");

    private AgentId() {
    }

    /** The folder's agent id, made (12 hex digits) and saved on first use; a damaged file is replaced. */
    public static synchronized String of(Path dataDir) throws IOException {
        Path f = dataDir.resolve("state").resolve("agent-id");
        if (Files.isRegularFile(f)) {
            String id = Files.readString(f, StandardCharsets.UTF_8).trim();
            if (FORM.matcher(id).matches()) {
                return id;
            }
        }
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling("agent-id.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return id;
    }
}
