package dev.tickguard.remote;

import java.util.HashMap;
import java.util.Map;

/**
 * The broker objects agents and workers share, by name, and the arguments they are declared with.
 *
 * <p>One quorum queue per <em>pool</em>, not per step: a worker slot consumes exactly one queue with
 * a prefetch of one, so a slot holds at most the one message it runs. With a queue per step a slot
 * would need one consumer per step queue, and each consumer prefetches its own message: an idle-looking
 * worker would hoard one message of every step while it runs another (celery#3773). A pool is a
 * group of workers that all serve the steps sent to it; the default pool is {@code default}.
 *
 * <p>Only agents declare the pool queue (they know the tick limit that bounds every deadline, so the
 * consumer timeout); workers wait for it to exist. Dead letters go to a headers exchange and from
 * there to the queue of the agent that sent them (header {@link #AGENT_HEADER}), so agents sharing a
 * broker each see only their own poison messages.
 */
public final class RemoteNames {
    private RemoteNames() {
    }

    /** The pool used when none is named. */
    public static final String DEFAULT_POOL = "default";
    /** The headers exchange dead-lettered step messages go to. */
    public static final String DEAD_LETTER_EXCHANGE = "tickguard.dead";
    /** The fanout exchange workers publish heartbeats to. */
    public static final String HEARTBEAT_EXCHANGE = "tickguard.heartbeats";
    /** The fanout exchange agents publish worker commands to (stop/resume a worker by name). */
    public static final String CONTROL_EXCHANGE = "tickguard.control";
    /** The header naming the agent a step message belongs to. */
    public static final String AGENT_HEADER = "tickguard-agent";
    /** Message types (AMQP {@code type} property). */
    public static final String TYPE_STEP = "step";
    public static final String TYPE_RESULT = "result";
    public static final String TYPE_MEMORY_READ = "memory-read";
    public static final String TYPE_MEMORY_ANSWER = "memory-answer";

    /** The quorum queue of a pool. */
    public static String poolQueue(String pool) {
        return "tickguard.pool." + pool;
    }

    /** The agent's reply queue (results and memory reads come back here). */
    public static String replyQueue(String agentId) {
        return "tickguard.reply." + agentId;
    }

    /** The agent's own dead-letter queue. */
    public static String deadQueue(String agentId) {
        return "tickguard.dead." + agentId;
    }

    /**
     * A pool queue's arguments: quorum (replicated, and it counts deliveries), the delivery limit after
     * which a message is dead-lettered, and a consumer timeout just above the longest deadline a step
     * can have (the tick limit), so a worker that holds a message past any deadline loses it then, not
     * after the broker's default 30 minutes (RabbitMQ 3.12+ reads it per queue; older brokers use
     * their global {@code consumer_timeout}: {@link ConsumerTimeouts}).
     */
    public static Map<String, Object> poolArguments(int deliveryLimit, long consumerTimeoutMs) {
        Map<String, Object> a = new HashMap<>();
        a.put("x-queue-type", "quorum");
        a.put("x-delivery-limit", deliveryLimit);
        a.put("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE);
        a.put("x-consumer-timeout", consumerTimeoutMs);
        return a;
    }
}
