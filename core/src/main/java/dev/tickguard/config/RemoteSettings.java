package dev.tickguard.config;

import java.net.URI;

/**
 * Remote step workers ({@code remote.*}): the RabbitMQ broker the agent sends {@code run_on: remote}
 * steps through, and how often a message may be delivered before it is dead-lettered as poison.
 *
 * @param broker the broker's {@code amqp://USER:PASS@HOST:PORT/VHOST} URL, or {@code null}: no broker
 *     (then a step with {@code run_on: remote} fails at once and falls back, with that reason)
 * @param deliveryLimit how often a step message may be handed to a worker that then dies or returns
 *     it, before the broker moves it to the dead-letter queue (quorum {@code x-delivery-limit})
 */
public record RemoteSettings(URI broker, int deliveryLimit) {

    public RemoteSettings {
        if (deliveryLimit < 1 || deliveryLimit > 1000) {
            throw new IllegalArgumentException("remote delivery limit must be 1..1000, not " + deliveryLimit);
        }
    }

    /** No broker; a message may be delivered 3 times (a worker killed twice on it is likely the cause). */
    public static RemoteSettings defaults() {
        return new RemoteSettings(null, 3);
    }

    /** True if a broker is configured. */
    public boolean enabled() {
        return broker != null;
    }

    public RemoteSettings withBroker(URI b) {
        return new RemoteSettings(b, deliveryLimit);
    }
}
