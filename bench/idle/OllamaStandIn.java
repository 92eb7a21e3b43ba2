import dev.tickguard.app.simulator.OllamaSimulator;

/**
 * The Ollama bench/idle-window's dashboard talks to: Tickguard's simulator (the demo's latencies, seed 42)
 * in a process of its own, as a real Ollama is, so that the figures are the window's process alone.
 * `--simulator` would run the same simulator inside the measured process, where its HTTP server's own
 * timers (the JDK server's dispatcher wakes every second) would count as the window's
 * (BENCH_SIMULATOR=in-process measures that way). Prints its URL on the first line, then serves until killed.
 * Run by the source launcher on the module path with the app's jars (--add-modules dev.tickguard.app).
 */
public class OllamaStandIn {
    public static void main(String[] args) throws Exception {
        OllamaSimulator sim = OllamaSimulator.start(OllamaSimulator.Settings.demo(42));
        System.out.println(sim.url());
        System.out.flush();
        Thread.currentThread().join(); // serves on its own threads until the bench kills it
    }
}
