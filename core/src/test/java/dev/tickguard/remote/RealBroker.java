package dev.tickguard.remote;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real RabbitMQ broker for tests: started once per test run (the first class that needs it) with
 * the project's {@code tools/rabbitmq-throwaway} on a free loopback port in a temp folder, and
 * stopped when the run ends. Without {@code rabbitmq-server} installed, the tests that use it are
 * skipped with one line saying how to get it. A test class asks for it with
 * {@code @ExtendWith(RealBroker.class)} and a {@code RealBroker} parameter.
 */
public final class RealBroker implements BeforeAllCallback, ParameterResolver {
    /** Where Debian installs the broker (a system property may point elsewhere, e.g. to try the skip). */
    static final Path SERVER = Path.of(System.getProperty("tickguard.test.rabbitmq", "/usr/lib/rabbitmq/bin/rabbitmq-server"));
    private static final String KEY = "tickguard-real-broker";
    private static final String SKIPPED = "RabbitMQ is not installed, so the remote-worker tests are skipped: "
            + "apt-get install rabbitmq-server";
    private static final java.util.concurrent.atomic.AtomicBoolean SAID_SKIPPED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The running broker, shared by every class of the run. */
    public static final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final Path dir;
        private final int port;

        Running(Path dir, int port) {
            this.dir = dir;
            this.port = port;
        }

        public URI uri() {
            return URI.create("amqp://guest:guest@127.0.0.1:" + port);
        }

        /** The broker goes away for its clients (connections cut, port closed); its queues stay. */
        public void pause() {
            script("pause");
        }

        /** The broker comes back. */
        public void resume() {
            script("resume");
        }

        void script(String... command) {
            run(dir, port, command);
        }

        /** {@code rabbitmqctl ARGS} on this broker (e.g. to change its settings at run time). */
        public void ctl(String... args) {
            String[] command = new String[args.length + 1];
            command[0] = "ctl";
            System.arraycopy(args, 0, command, 1, args.length);
            script(command);
        }

        @Override
        public void close() throws IOException {
            script("stop");
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!Files.isExecutable(SERVER)) {
            if (SAID_SKIPPED.compareAndSet(false, true)) {
                System.err.println(SKIPPED); // one line for the run, whatever the report shows of skipped classes
            }
            Assumptions.abort(SKIPPED);
        }
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(KEY, k -> start(),
                Running.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).get(KEY, Running.class);
    }

    /**
     * A broker of the caller's own, for a test that changes broker-wide settings (close it after); the
     * test is skipped where RabbitMQ is not installed.
     */
    static Running startOwn() {
        if (!Files.isExecutable(SERVER)) {
            Assumptions.abort(SKIPPED);
        }
        return start();
    }

    private static Running start() {
        try {
            Path dir = Files.createTempDirectory("tickguard-rabbit");
            Files.delete(dir); // the script wants to make it (an empty or absent folder)
            int port = freePort();
            run(dir, port, "start");
            return new Running(dir, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test broker", e);
        }
    }

    /** A port whose two companions (Erlang distribution +20000, epmd -1000) are free too. */
    private static int freePort() throws IOException {
        for (int i = 0; i < 100; i++) {
            int p = ThreadLocalRandom.current().nextInt(21_000, 45_000);
            if (free(p) && free(p + 20_000) && free(p - 1_000)) {
                return p;
            }
        }
        throw new IOException("no free port for the test broker");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(Path dir, int port, String... command) {
        Path script = Path.of("..", "tools", "rabbitmq-throwaway").toAbsolutePath().normalize();
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(script.toString()));
        line.addAll(java.util.List.of(command));
        ProcessBuilder pb = new ProcessBuilder(line).redirectErrorStream(true);
        pb.environment().put("RQ_DIR", dir.toString());
        pb.environment().put("RQ_PORT", String.valueOf(port));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("tools/rabbitmq-throwaway " + String.join(" ", command) + " failed (see " + dir
                        + "/log)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
