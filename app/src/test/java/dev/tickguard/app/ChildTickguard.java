package dev.tickguard.app;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts Tickguard in a child JVM on the test's own class and module path, its output going to a log file. */
final class ChildTickguard {
    private ChildTickguard() {
    }

    static Process start(Path log, List<String> args) throws Exception {
        return start(log, List.of(), args);
    }

    /** @param jvm extra JVM options (e.g. {@code -Dglass.platform=Monocle} for a window without a display) */
    static Process start(Path log, List<String> jvm, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cp = new ArrayList<>();
        for (String key : List.of("jdk.module.path", "java.class.path")) {
            String v = System.getProperty(key);
            if (v != null && !v.isBlank()) {
                cp.add(v);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", String.join(File.pathSeparator, cp)));
        cmd.addAll(jvm);
        cmd.add("dev.tickguard.app.Main");
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
