package dev.tickguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code tickguard worker}: a user's mistake is one line naming the option and the value, exit code 2. */
class WorkerCommandLineTest {
    @Test
    void theBrokerIsRequired() {
        CliRun r = CliRun.of("worker", "--simulator");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("tickguard: ").contains("--broker");
    }

    @Test
    void aBrokerThatIsNotAnAmqpUrlIsNamed() {
        CliRun r = CliRun.of("worker", "--broker", "http://localhost:5672");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tickguard: --broker: 'http://localhost:5672' is not an "
                + "amqp://USER:PASS@HOST:PORT/VHOST URL");
    }

    @Test
    void theSimulatorAndAnOllamaExcludeEachOther() {
        CliRun r = CliRun.of("worker", "--broker", "amqp://h", "--simulator", "--ollama", "http://x:11434");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tickguard: --simulator and --ollama exclude each other: give one");
    }

    @Test
    void aConcurrencyBelowOneIsNamed() {
        CliRun r = CliRun.of("worker", "--broker", "amqp://h", "--concurrency", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tickguard: --concurrency: must be at least 1, got 0");
    }

    @Test
    void aStepThatIsNotHereIsNamed() {
        CliRun r = CliRun.of("worker", "--broker", "amqp://127.0.0.1:1", "--simulator", "--steps", "monologue,nosuch",
                "--data", System.getProperty("java.io.tmpdir") + "/tg-worker-cli-test");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("tickguard: --steps: no step nosuch here (built-in)");
    }

    @Test
    void helpListsTheWorkersOptions() {
        CliRun r = CliRun.of("worker", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--broker=URL", "--steps=ID,...", "--plugins=DIR", "--ollama=URL", "--simulator",
                "--concurrency=N", "--name=NAME");
    }
}
