package dev.tickguard.remote;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the broker's version means for the pool queue's consumer timeout. RabbitMQ closes a
 * consumer's channel and takes its message back when the consumer holds it longer than the consumer
 * timeout. From 3.12 on the broker reads it per queue ({@code x-consumer-timeout}, set by the agent
 * just above the tick limit); before, it ignores the argument (and a {@code consumer-timeout} policy:
 * "not recognised policy settings" on 3.10) and only its global {@code consumer_timeout} applies,
 * 30 minutes unless rabbitmq.conf says otherwise. A worker never holds a message past the step's
 * deadline plus a second, so that only matters for a tick limit above the broker's timeout.
 */
final class ConsumerTimeouts {
    /** The broker's own default consumer timeout. */
    static final long BROKER_DEFAULT_MS = 30 * 60 * 1000L;
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    private ConsumerTimeouts() {
    }

    /** True if a broker of this version reads the queue's {@code x-consumer-timeout} (RabbitMQ 3.12+). */
    static boolean perQueue(String brokerVersion) {
        Matcher m = VERSION.matcher(brokerVersion == null ? "" : brokerVersion.trim());
        if (!m.find()) {
            return true; // not RabbitMQ's numbering: assume a current broker
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 3 || (major == 3 && minor >= 12);
    }

    /**
     * A warning for the log when the broker's global consumer timeout may take a step's message back
     * from a worker that is still running it (the step would then run twice), or empty.
     *
     * @param wantedMs the consumer timeout the pool queue asks for (above the longest deadline a step can have)
     */
    static Optional<String> warning(String brokerVersion, long wantedMs) {
        if (perQueue(brokerVersion) || wantedMs <= BROKER_DEFAULT_MS) {
            return Optional.empty();
        }
        return Optional.of("RabbitMQ " + brokerVersion + " ignores the pool queue's consumer timeout of "
                + (wantedMs / 1000) + " s (read per queue from 3.12 on): its global consumer_timeout (30 min"
                + " unless rabbitmq.conf sets it) applies, so a remote step running longer is taken back from its"
                + " worker and run again; set consumer_timeout = " + wantedMs + " in the broker's rabbitmq.conf, or"
                + " keep tick.limit_sec under 30 minutes");
    }
}
