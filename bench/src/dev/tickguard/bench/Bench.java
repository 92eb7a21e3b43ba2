package dev.tickguard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Entry point of {@code bench/run NAME}: runs one benchmark, prints and writes its JSON. */
public final class Bench {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.SEVERE);
        for (var h : Logger.getLogger("").getHandlers()) {
            h.setLevel(Level.SEVERE);
        }
        ObjectNode result = switch (args[0]) {
            case "tick-overhead" -> TickOverhead.run();
            case "soak" -> Soak.run();
            case "llm-overhead" -> LlmOverhead.run();
            case "llm-pool" -> LlmPool.run();
            case "ui-storm" -> UiStorm.run();
            case "plugin-reload" -> PluginReload.run();
            case "remote-steps" -> RemoteStepsBench.run();
            case "history" -> History.run();
            default -> throw new IllegalArgumentException("unknown benchmark '" + args[0]
                    + "' (tick-overhead, soak, llm-overhead, plugin-reload, ui-storm, remote-steps, history)");
        };
        result.put("benchmark", args[0]);
        result.put("java", System.getProperty("java.version"));
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("jvm_options", System.getenv().getOrDefault("BENCH_JVM_OPTIONS", "as given"));
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
        Files.writeString(Path.of(args[1]), text + "\n");
        System.out.println(text);
        System.exit(0);
    }

    /** The q-quantile (0..1) of nanosecond samples, in the given unit divisor. */
    static double quantile(long[] nanos, double q, double unit) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int idx = (int) Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
        return round(s[idx] / unit);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
