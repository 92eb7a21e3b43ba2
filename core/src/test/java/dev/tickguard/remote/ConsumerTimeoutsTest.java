package dev.tickguard.remote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which brokers read the pool queue's own consumer timeout, and when the agent warns about the others. */
class ConsumerTimeoutsTest {
    @Test
    void rabbitmqReadsTheQueuesConsumerTimeoutFrom312On() {
        assertThat(ConsumerTimeouts.perQueue("3.10.8")).isFalse();
        assertThat(ConsumerTimeouts.perQueue("3.11.28")).isFalse();
        assertThat(ConsumerTimeouts.perQueue("3.12.0")).isTrue();
        assertThat(ConsumerTimeouts.perQueue("3.13.7")).isTrue();
        assertThat(ConsumerTimeouts.perQueue("4.0.5")).isTrue();
        assertThat(ConsumerTimeouts.perQueue("unknown")).isTrue();
    }

    @Test
    void anOldBrokerIsWarnedAboutOnlyWhenATickMayOutlastItsDefaultTimeout() {
        assertThat(ConsumerTimeouts.warning("3.10.8", 180_000)).isEmpty(); // the default tick limit + a minute
        assertThat(ConsumerTimeouts.warning("3.13.7", 7_200_000)).isEmpty();
        assertThat(ConsumerTimeouts.warning("3.10.8", 7_200_000)).hasValueSatisfying(w -> assertThat(w)
                .contains("RabbitMQ 3.10.8").contains("7200 s").contains("consumer_timeout = 7200000")
                .contains("tick.limit_sec"));
    }
}
