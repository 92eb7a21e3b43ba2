package dev.tickguard.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Critical when the disk holding the data folder has less free space than the minimum. */
public final class DiskCheck implements HealthCheck {
    private final Path dataDir;
    private final long minFreeBytes;

    public DiskCheck(Path dataDir, long minFreeMb) {
        this.dataDir = dataDir;
        this.minFreeBytes = minFreeMb << 20;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Reading check() throws IOException {
        Files.createDirectories(dataDir);
        long free = Files.getFileStore(dataDir).getUsableSpace();
        String detail = (free >> 20) + " MB free in " + dataDir;
        return free < minFreeBytes ? Reading.failing(detail + " (minimum " + (minFreeBytes >> 20) + " MB)")
                : Reading.ok(detail);
    }
}
