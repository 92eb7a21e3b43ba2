package dev.tickguard.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the launcher in-process and keeps what it printed. */
record CliRun(int exit, String out, String err) {
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** One tick with the LLM breakers forced open: milliseconds, and every state file touched. */
    static CliRun oneQuickTick(String data, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--headless", "--ollama",
                "http://127.0.0.1:9", "--chaos", "force-open:ollama:chat", "--chaos", "force-open:ollama:embed",
                "--ticks", "1", "--interval", "0", "--data", data));
        args.addAll(java.util.List.of(more));
        return of(args.toArray(String[]::new));
    }
}
