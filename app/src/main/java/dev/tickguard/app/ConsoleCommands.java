package dev.tickguard.app;

import dev.tickguard.chaos.Chaos;
import dev.tickguard.control.BreakerStatus;
import dev.tickguard.control.EngineStatus;
import dev.tickguard.control.LlmEndpointStats;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.BreakerMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The headless runner's typed commands ({@code status}, {@code chaos add ...}, {@code breaker
 * force-open NAME}, {@code run}, {@code quit}, ...), one per line on standard input, carried out
 * through the control API like any other front end. Reading stops quietly at the end of the input,
 * so a closed or redirected stdin ({@code < /dev/null}, CI) simply means "no commands".
 *
 * <p>Threads: lines are read and carried out on its own daemon thread {@code tickguard-stdin}, which
 * blocks on standard input and ends at its end; it never keeps the process alive.
 */
final class ConsoleCommands {
    static final String HELP = """
            Commands (one per line):
              status                         engine, mode, breakers that are not closed, chaos, LLM calls
              run                            start a tick now (also while paused)
              pause | resume                 stop / restart starting ticks on schedule
              interval SECONDS               change the time between tick starts
              chaos add SPEC                 switch a fault on, e.g. chaos add slow:goal_selection=3000,p=0.5
              chaos change SPEC              change an active fault (same kind and target)
              chaos remove KEY               switch one off, e.g. chaos remove slow:goal_selection
              chaos list | chaos clear       show the active faults | switch them all off
              breaker force-open NAME        hold a breaker open (e.g. ollama:chat, step:monologue)
              breaker force-closed NAME      hold it closed: every call goes through, none counted
              breaker auto NAME              let the calls decide again
              breakers | breaker list        every breaker
              plugins | plugin list          every plugin and its state (LOADED, FAILED, DISABLED, QUARANTINED)
              plugin enable ID               switch a plugin on again (also lets a quarantined one out)
              plugin disable ID              switch a plugin off (remembered across restarts)
              quit                           stop (a running tick is cut short and journaled), exit
              help                           this text
            SPEC is one of: %s
            """.formatted(Chaos.FORMS);

    /** Bad lines in a row after which stdin is taken for something else than a keyboard. */
    static final int UNUSABLE_IN_A_ROW = 3;

    private final TickguardControl control;
    private final PrintStream out;
    private final Runnable quit;

    /**
     * @param quit what {@code quit} does (ends the headless run)
     */
    ConsoleCommands(TickguardControl control, PrintStream out, Runnable quit) {
        this.control = control;
        this.out = out;
        this.quit = quit;
    }

    /** Reads commands from {@code in} on a daemon thread until its end. */
    Thread start(InputStream in) {
        Thread t = new Thread(() -> readAll(in), "tickguard-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void readAll(InputStream in) {
        TypedLines lines = new TypedLines(in);
        int unusable = 0;
        try (in) {
            TypedLines.Line line;
            while ((line = lines.next()) != null) {
                if (line.isText()) {
                    unusable = 0;
                    answer(execute(line.text()));
                } else if (++unusable >= UNUSABLE_IN_A_ROW) {
                    // Not typed text (a binary file piped in, or stdin closed and its descriptor reused for
                    // a file of the JVM's): say so once and stop listening; the run goes on.
                    answer("typed commands off: standard input is not typed text");
                    return;
                } else {
                    answer(line.tooLong() ? "error: line longer than " + TypedLines.MAX_BYTES + " bytes ignored"
                            : "error: line ignored: not UTF-8 text");
                }
            }
        } catch (IOException e) {
            // stdin closed under us or unreadable: no more commands, the run goes on.
        }
    }

    private void answer(String text) {
        if (!text.isEmpty()) {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        }
    }

    /**
     * The process's standard input, or an empty stream when it was closed at launch ({@code <&-}): then
     * descriptor 0 is reused by the JVM for one of its own files, which must not be read as commands.
     */
    static InputStream stdin() {
        Path fd0 = Path.of("/proc/self/fd/0");
        try {
            if (Files.isSymbolicLink(fd0)) {
                Path target = Files.readSymbolicLink(fd0);
                String t = target.toString();
                if (target.startsWith(Path.of(System.getProperty("java.home"))) || t.endsWith(".jar")
                        || t.endsWith(".jsa") || t.endsWith("/modules")) {
                    return InputStream.nullInputStream();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cannot tell (not Linux, no /proc): read it; the text check in readAll still guards.
        }
        return System.in;
    }

    /** Carries out one command line and returns what to print (empty for a blank line). */
    String execute(String line) {
        String[] w = line.trim().split("\\s+");
        if (w[0].isEmpty()) {
            return "";
        }
        // "quit now" must not quit: a word the command does not take is a mistake, not decoration.
        String extra = unexpected(w);
        if (extra != null) {
            return extra;
        }
        try {
            return switch (w[0].toLowerCase(Locale.ROOT)) {
                case "help", "?" -> HELP.stripTrailing();
                case "status" -> status();
                case "run" -> {
                    control.runNow();
                    yield "ok: a tick starts as soon as possible";
                }
                case "pause" -> {
                    control.pause();
                    yield "ok: paused (run still starts a tick)";
                }
                case "resume" -> {
                    control.resume();
                    yield "ok: resumed";
                }
                case "interval" -> interval(w);
                case "chaos" -> chaos(w);
                // "breaker list" and "plugin list" as well, the way "chaos list" reads.
                case "breaker" -> isList(w) ? breakers() : breaker(w);
                case "breakers" -> breakers();
                case "plugins" -> plugins();
                case "plugin" -> isList(w) ? plugins() : plugin(w);
                case "quit", "exit" -> {
                    quit.run();
                    yield "ok: quitting";
                }
                default -> "error: unknown command '" + w[0] + "' (type help)";
            };
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    /** What each command takes after its name: how many words, in words. */
    private record Takes(int words, String what) {
    }

    private static final Takes NOTHING = new Takes(0, "nothing");
    private static final java.util.Map<String, Takes> TAKES = java.util.Map.ofEntries(
            java.util.Map.entry("help", NOTHING), java.util.Map.entry("?", NOTHING),
            java.util.Map.entry("status", NOTHING), java.util.Map.entry("run", NOTHING),
            java.util.Map.entry("pause", NOTHING), java.util.Map.entry("resume", NOTHING),
            java.util.Map.entry("breakers", NOTHING), java.util.Map.entry("quit", NOTHING),
            java.util.Map.entry("plugins", NOTHING), java.util.Map.entry("plugin", new Takes(2, "enable or disable and an ID")),
            java.util.Map.entry("exit", NOTHING), java.util.Map.entry("interval", new Takes(1, "SECONDS")),
            java.util.Map.entry("chaos", NOTHING), java.util.Map.entry("chaos list", NOTHING),
            java.util.Map.entry("chaos clear", NOTHING), java.util.Map.entry("chaos add", new Takes(1, "one SPEC")),
            java.util.Map.entry("chaos change", new Takes(1, "one SPEC")),
            java.util.Map.entry("chaos remove", new Takes(1, "one KEY")),
            java.util.Map.entry("breaker", new Takes(2, "a MODE and a NAME")));

    /**
     * "error: unexpected argument ..." for a word beyond what the command takes, or null. Unknown
     * commands and sub-commands are left to the commands themselves to report.
     */
    private static String unexpected(String[] w) {
        String name = w[0].toLowerCase(Locale.ROOT);
        int used = 1;
        if (name.equals("chaos") && w.length > 1) {
            name = "chaos " + w[1].toLowerCase(Locale.ROOT);
            used = 2;
        }
        Takes t = TAKES.get(name);
        if (t == null || w.length <= used + t.words()) {
            return null;
        }
        return "error: unexpected argument '" + w[used + t.words()] + "' (" + name + " takes " + t.what() + ")";
    }

    private String interval(String[] w) {
        if (w.length < 2) {
            return "error: interval needs SECONDS, e.g. interval 30";
        }
        double s;
        try {
            s = Double.parseDouble(w[1]);
        } catch (NumberFormatException e) {
            return "error: '" + w[1] + "' is not a number of seconds";
        }
        if (!(s >= 0) || s > 86_400) {
            return "error: interval must be between 0 and 86400 seconds, got " + w[1];
        }
        control.setInterval(Duration.ofNanos(Math.round(s * 1e9)));
        return "ok: interval " + w[1] + "s";
    }

    private String chaos(String[] w) {
        String sub = w.length > 1 ? w[1].toLowerCase(Locale.ROOT) : "list";
        String arg = w.length > 2 ? w[2].trim() : "";
        switch (sub) {
            case "list":
                return chaosList();
            case "clear":
                control.clearChaos();
                return "ok: chaos cleared";
            case "add", "change": {
                if (arg.isEmpty()) {
                    return "error: chaos " + sub + " needs a SPEC, one of: " + Chaos.FORMS;
                }
                Chaos c = Chaos.parse(arg);
                if (sub.equals("add")) {
                    control.addChaos(c);
                } else {
                    control.changeChaos(c);
                }
                return "ok: " + c + "; " + chaosList();
            }
            case "remove": {
                if (arg.isEmpty()) {
                    return "error: chaos remove needs a KEY, e.g. slow:goal_selection; " + chaosList();
                }
                return control.removeChaos(arg) ? "ok: removed " + arg + "; " + chaosList()
                        : "error: no active fault " + arg + "; " + chaosList();
            }
            default:
                return "error: unknown chaos command '" + sub + "' (add, change, remove, list, clear)";
        }
    }

    private String chaosList() {
        List<Chaos> active = control.chaos();
        return active.isEmpty() ? "chaos: none" : "chaos: " + active.stream().map(Chaos::toString)
                .collect(Collectors.joining(", "));
    }

    private static boolean isList(String[] w) {
        return w.length == 2 && w[1].equalsIgnoreCase("list");
    }

    private String breakers() {
        return control.breakers().stream().map(ConsoleCommands::describe).collect(Collectors.joining("\n"));
    }

    private String plugins() {
        return control.plugins().stream().map(ConsoleCommands::describe).collect(Collectors.joining("\n"));
    }

    private String breaker(String[] w) {
        if (w.length < 3) {
            return "error: breaker needs a mode and a NAME, e.g. breaker force-open ollama:chat (breaker list shows them)";
        }
        BreakerMode mode = switch (w[1].toLowerCase(Locale.ROOT)) {
            case "force-open" -> BreakerMode.FORCE_OPEN;
            case "force-closed" -> BreakerMode.FORCE_CLOSED;
            case "auto" -> BreakerMode.AUTO;
            default -> null;
        };
        if (mode == null) {
            return "error: unknown breaker mode '" + w[1] + "' (force-open, force-closed, auto)";
        }
        String name = w[2].trim();
        control.setBreakerMode(name, mode);
        return "ok: " + control.breaker(name).map(ConsoleCommands::describe).orElse(name);
    }

    private String plugin(String[] w) {
        if (w.length < 3) {
            return "error: plugin needs enable or disable and a plugin ID, e.g. plugin enable example-weather"
                    + " (plugin list shows them)";
        }
        String id = w[2];
        switch (w[1].toLowerCase(Locale.ROOT)) {
            case "enable" -> control.enablePlugin(id);
            case "disable" -> control.disablePlugin(id);
            default -> {
                return "error: unknown plugin command '" + w[1] + "' (enable, disable)";
            }
        }
        return "ok: plugin " + id + " " + w[1].toLowerCase(Locale.ROOT) + "d; it changes from the next tick";
    }

    private static String describe(dev.tickguard.events.PluginInfo p) {
        return p.id() + " " + p.version() + " (" + p.source() + "): " + p.state()
                + (p.reason() == null ? "" : ": " + p.reason());
    }

    private String status() {
        EngineStatus e = control.engine();
        StringBuilder b = new StringBuilder();
        b.append("engine ").append(e.state()).append(", last tick #").append(e.lastTick())
                .append(e.runningTick() > 0 ? ", tick #" + e.runningTick() + " running" : "")
                .append(", interval ").append(e.interval().toMillis()).append("ms, mode ").append(e.mode())
                .append(" (").append(e.modeReason()).append(")");
        if (e.abandonedThreads() > 0) {
            b.append(", ").append(e.abandonedThreads()).append(" abandoned thread(s)");
        }
        List<String> notClosed = control.breakers().stream()
                .filter(s -> s.state() != dev.tickguard.events.BreakerState.CLOSED).map(ConsoleCommands::describe)
                .toList();
        b.append("\nbreakers: ").append(notClosed.isEmpty() ? "all closed" : String.join("; ", notClosed));
        b.append('\n').append(chaosList());
        for (LlmEndpointStats s : control.llmStats()) {
            b.append(String.format(Locale.ROOT, "%nllm %s: %d/%d calls ok, %d refused by breaker, %d retries, "
                            + "p50 %dms p95 %dms p99 %dms", s.endpoint(), s.successes(), s.calls(),
                    s.refusedByBreaker(), s.retries(), s.latency().p50Ms(), s.latency().p95Ms(), s.latency().p99Ms()));
        }
        return b.toString();
    }

    private static String describe(BreakerStatus s) {
        return s.name() + " " + s.state().label()
                + (s.readyToProbe() ? " (ready to probe)"
                : s.untilHalfOpen().isZero() ? "" : " (" + s.untilHalfOpen().toSeconds() + "s to half-open)");
    }
}
