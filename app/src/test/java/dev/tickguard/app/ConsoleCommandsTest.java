package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.config.TickguardConfig;
import dev.tickguard.events.BreakerMode;
import dev.tickguard.events.StepCause;
import dev.tickguard.events.StepOutcome;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless stdin commands go through the control API, and a closed or failing stdin breaks nothing. */
class ConsoleCommandsTest {
    @TempDir
    Path dir;

    private TickguardRuntime runtime() throws Exception {
        Path config = Files.createDirectories(dir).resolve("roomy.yaml");
        Files.writeString(config, "budgets: {critical_sec: 120, important_sec: 60, optional_sec: 60}\n");
        RunOptions cli = RunOptions.parse(new String[]{"--headless", "--simulator", "--data", dir.toString(),
                "--config", config.toString()});
        TickguardConfig cfg = TickguardRuntime.configFrom(cli);
        return TickguardRuntime.create(cfg, cli);
    }

    private static StepRecord step(TickRecord r, String id) {
        return r.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void commandsSteerTheEngineThroughTheControlApi() throws Exception {
        try (TickguardRuntime rt = runtime()) {
            AtomicBoolean quit = new AtomicBoolean();
            ConsoleCommands c = new ConsoleCommands(rt.control, System.out, () -> quit.set(true));
            assertThat(c.execute("chaos add fail:curiosity,every=1")).startsWith("ok: fail:curiosity; chaos: fail:curiosity");
            assertThat(c.execute("breaker force-open step:monologue")).isEqualTo("ok: step:monologue forced_open");
            assertThat(c.execute("breaker force-closed step:action")).isEqualTo("ok: step:action forced_closed");
            // A forced breaker, open or closed, is chaos too.
            assertThat(c.execute("chaos list"))
                    .isEqualTo("chaos: fail:curiosity, force-open:step:monologue, force-closed:step:action");
            assertThat(c.execute("status")).contains("engine NEW", "step:monologue forced_open", "step:action forced_closed",
                    "chaos: fail:curiosity, force-open:step:monologue, force-closed:step:action", "llm chat: ");

            TickRecord r = rt.engine.runTick();
            assertThat(step(r, "monologue").cause()).isEqualTo(StepCause.FORCED);
            assertThat(step(r, "curiosity").outcome()).isEqualTo(StepOutcome.FALLBACK);
            assertThat(step(r, "curiosity").error()).contains("made to fail");

            assertThat(c.execute("breaker auto step:monologue")).isEqualTo("ok: step:monologue closed");
            assertThat(c.execute("chaos remove fail:curiosity"))
                    .isEqualTo("ok: removed fail:curiosity; chaos: force-closed:step:action");
            assertThat(c.execute("chaos add slow:action=5")).startsWith("ok:");
            assertThat(c.execute("chaos add force-open:step:action")).startsWith("ok: force-open:step:action; chaos: ");
            assertThat(rt.control.breaker("step:action").orElseThrow().mode()).isEqualTo(BreakerMode.FORCE_OPEN);
            assertThat(c.execute("chaos clear")).isEqualTo("ok: chaos cleared");
            assertThat(rt.control.chaos()).isEmpty();
            assertThat(rt.control.breaker("step:action").orElseThrow().mode()).isEqualTo(BreakerMode.AUTO);
            assertThat(c.execute("interval 2.5")).isEqualTo("ok: interval 2.5s");
            assertThat(rt.control.engine().interval().toMillis()).isEqualTo(2500);
            assertThat(c.execute("pause")).startsWith("ok: paused");
            assertThat(c.execute("quit")).isEqualTo("ok: quitting");
            assertThat(quit).isTrue();
        }
    }

    @Test
    void mistakesGetOneLineAndChangeNothing() throws Exception {
        try (TickguardRuntime rt = runtime()) {
            ConsoleCommands c = new ConsoleCommands(rt.control, System.out, () -> { });
            assertThat(c.execute("")).isEmpty();
            assertThat(c.execute("explode")).isEqualTo("error: unknown command 'explode' (type help)");
            assertThat(c.execute("chaos add fail:nosuch")).startsWith("error: no step named 'nosuch'; steps: monologue");
            assertThat(c.execute("chaos add slow:action")).isEqualTo("error: slow:action: expected slow:<step>=<ms>");
            assertThat(c.execute("chaos remove slow:action")).isEqualTo("error: no active fault slow:action; chaos: none");
            assertThat(c.execute("breaker force-open nosuch")).startsWith("error: no breaker named 'nosuch'");
            assertThat(c.execute("breaker sideways step:action")).startsWith("error: unknown breaker mode 'sideways'");
            assertThat(c.execute("interval -1")).startsWith("error: interval must be between 0 and 86400");
            assertThat(c.execute("help")).contains("breaker force-closed NAME", "chaos add SPEC");
            assertThat(rt.control.chaos()).isEmpty();
        }
    }

    /** Regression (issue 17.8): "quit now" quit; a word a command does not take is refused and nothing happens. */
    @Test
    void extraWordsAreRefusedAndChangeNothing() throws Exception {
        try (TickguardRuntime rt = runtime()) {
            boolean[] quit = {false};
            ConsoleCommands c = new ConsoleCommands(rt.control, System.out, () -> quit[0] = true);
            assertThat(c.execute("quit now")).isEqualTo("error: unexpected argument 'now' (quit takes nothing)");
            assertThat(quit[0]).isFalse();
            assertThat(c.execute("interval 5 6")).isEqualTo("error: unexpected argument '6' (interval takes SECONDS)");
            assertThat(c.execute("chaos add fail:action please"))
                    .isEqualTo("error: unexpected argument 'please' (chaos add takes one SPEC)");
            assertThat(c.execute("chaos clear all")).isEqualTo("error: unexpected argument 'all' (chaos clear takes nothing)");
            assertThat(c.execute("breaker auto step:action now"))
                    .isEqualTo("error: unexpected argument 'now' (breaker takes a MODE and a NAME)");
            assertThat(rt.control.chaos()).isEmpty();
            assertThat(rt.control.engine().interval()).isNotEqualTo(java.time.Duration.ofSeconds(5));
            assertThat(c.execute("chaos bogus x")).startsWith("error: unknown chaos command 'bogus'");
        }
    }

    /** Regression (hostile pass): a quarantined plugin could not be let out without editing plugins.json. */
    @Test
    void pluginsCanBeListedEnabledAndDisabled() throws Exception {
        try (TickguardRuntime rt = runtime()) {
            ConsoleCommands c = new ConsoleCommands(rt.control, System.out, () -> { });
            assertThat(c.execute("plugins")).startsWith("built-in");
            assertThat(c.execute("plugin enable nosuch")).startsWith("error: ").contains("nosuch");
            assertThat(c.execute("plugin frob x")).isEqualTo("error: unknown plugin command 'frob' (enable, disable)");
            assertThat(c.execute("plugin enable")).startsWith("error: plugin needs enable or disable");
            assertThat(c.execute("help")).contains("plugin enable ID");
        }
    }

    /** Regression: "plugin list" (read the way "chaos list" reads) answered "plugin needs enable or disable". */
    @Test
    void pluginListAndBreakerListListLikeChaosList() throws Exception {
        try (TickguardRuntime rt = runtime()) {
            ConsoleCommands c = new ConsoleCommands(rt.control, System.out, () -> { });
            assertThat(c.execute("plugin list")).isEqualTo(c.execute("plugins")).startsWith("built-in");
            assertThat(c.execute("breaker list")).isEqualTo(c.execute("breakers")).contains("ollama:chat");
            assertThat(c.execute("plugin enable")).endsWith("(plugin list shows them)");
        }
    }

    @Test
    void quitTypedOnStdinEndsARunWithoutATickLimit() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream typed = new ByteArrayInputStream("status\nquit\n".getBytes(StandardCharsets.UTF_8));
        int exit = Main.run(new String[]{"--headless", "--simulator", "--interval", "3600", "--data", dir.toString()},
                typed, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ok: quitting");
    }

    @Test
    void aStdinThatFailsOrIsClosedDoesNotStopTheRun() throws Exception {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Bad file descriptor");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new String[]{"--headless", "--simulator", "--ticks", "1", "--interval", "0", "--data",
                        dir.toString()}, broken, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[HeavyTick #1] Completed.");
    }
}
