package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.tickguard.bus.EventBus;
import dev.tickguard.config.ConfigKeys;
import dev.tickguard.events.PoisonMessage;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.WorkerInfo;
import dev.tickguard.resilience.Breaker;
import dev.tickguard.spi.Episode;
import dev.tickguard.spi.LlmException;
import dev.tickguard.spi.Memory;
import dev.tickguard.spi.MemoryHit;
import dev.tickguard.time.TimeSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's side of the broker: one connection (reconnected by the RabbitMQ client after a broker
 * restart, and tried again every {@link #CONNECT_RETRY_MS} until it first succeeds), the pool queue,
 * the agent's reply queue, its dead-letter queue, the worker heartbeats and the worker commands.
 *
 * <p>{@link #call} publishes a step message with publisher confirms and waits for its reply; the
 * breaker {@code remote:broker} counts the broker's failures (not connected, publish refused, not
 * confirmed), never a step's. Replies are matched by run key: the first reply of a run is taken,
 * any later one (a redelivered run that finished twice, or a reply after the agent gave up) is
 * discarded and counted. Memory reads of a running remote step are answered here, from the agent's
 * memory (only for runs in flight).
 *
 * <p>Threads: {@code tickguard-remote-connect} until the first connection; then the RabbitMQ
 * client's own threads (consumers, recovery). {@link #call} runs on step threads. Thread-safe.
 */
public final class AgentLink implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(AgentLink.class.getName());
    /** The breaker that counts the broker's failures. */
    public static final String BREAKER = "remote:broker";
    static final long CONNECT_RETRY_MS = 2_000;
    /** How many accepted run keys are kept to tell a duplicate reply from a late one. */
    private static final int ACCEPTED_KEPT = 10_000;
    private static final int POISON_KEPT = 100;
    private static final int ROUND_TRIPS_KEPT = 1024;
    private static final long WAIT_PAST_DEADLINE_NANOS = 5_000_000_000L;

    /**
     * The RabbitMQ client warns "an unexpected connection driver error occurred (Socket closed)" at
     * every failed connect and lost connection; our own line already says what happened and what
     * happens next, so its words would only repeat it less clearly. Held here: a logger only keeps a
     * level while something refers to it.
     */
    static final Logger CLIENT_DRIVER = quiet("com.rabbitmq.client.impl.ForgivingExceptionHandler");

    private static Logger quiet(String name) {
        Logger l = Logger.getLogger(name);
        l.setLevel(Level.SEVERE);
        return l;
    }

    private final URI broker;
    private final String shownBroker;
    private final String agentId;
    private final String pool;
    private final int deliveryLimit;
    private final long consumerTimeoutMs;
    private final Breaker breaker;
    private final Memory memory;
    private final EventBus bus;
    private final TimeSource time;

    private final Map<String, CompletableFuture<StepReply>> pending = new ConcurrentHashMap<>();
    private final Set<String> accepted = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
                    return size() > ACCEPTED_KEPT;
                }
            }));
    private final ConcurrentSkipListMap<Long, CompletableFuture<Void>> confirms = new ConcurrentSkipListMap<>();
    private final Map<String, WorkerHeartbeat> workers = new ConcurrentHashMap<>();
    private final Set<String> stoppedWorkers = ConcurrentHashMap.newKeySet();
    private final List<PoisonMessage> poison = new ArrayList<>(); // guarded by itself
    private final long[] roundTrips = new long[ROUND_TRIPS_KEPT]; // guarded by itself, nanos
    private long roundTripCount; // guarded by roundTrips

    final AtomicLong sent = new AtomicLong();
    final AtomicLong replies = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final AtomicLong publishFailures = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong redelivered = new AtomicLong();

    private final Object publishLock = new Object();
    private volatile Connection connection;
    private volatile Channel publish; // confirms on; publishing under publishLock
    private volatile Channel answers; // memory answers and worker commands, from the consumer thread
    private volatile Channel inspect; // passive declares for the queue depth
    private volatile String lastConnectError = "not connected yet";
    private volatile String lastFailure = "none";
    private volatile long depth = -1;
    private volatile long depthAskedAt = System.nanoTime() - 2_000_000_000L;
    private final java.util.concurrent.atomic.AtomicBoolean depthAsking = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean brokerDown; // chaos broker-down
    private volatile boolean closed;
    private Thread connector;

    /**
     * @param consumerTimeoutMs the pool queue's consumer timeout: above the longest deadline a step can have
     */
    public AgentLink(URI broker, String agentId, String pool, int deliveryLimit, long consumerTimeoutMs,
                     Breaker breaker, Memory memory, EventBus bus, TimeSource time) {
        this.broker = broker;
        this.shownBroker = ConfigKeys.withoutPassword(broker);
        this.agentId = agentId;
        this.pool = pool;
        this.deliveryLimit = deliveryLimit;
        this.consumerTimeoutMs = consumerTimeoutMs;
        this.breaker = breaker;
        this.memory = memory;
        this.bus = bus;
        this.time = time;
    }

    /** The agent's id in run keys. */
    public String agentId() {
        return agentId;
    }

    /** The broker as shown to users (without its password). */
    public String broker() {
        return shownBroker;
    }

    /** Starts connecting in the background (steps sent before it connects fail with the reason). */
    public synchronized void start() {
        if (connector != null) {
            return;
        }
        connector = new Thread(this::connectUntilConnected, "tickguard-remote-connect");
        connector.setDaemon(true);
        connector.start();
    }

    /** True while the connection is open. */
    public boolean connected() {
        Connection c = connection;
        return c != null && c.isOpen() && !brokerDown;
    }

    private void connectUntilConnected() {
        boolean warned = false;
        while (!closed && connection == null) {
            try {
                connect();
                LOG.info("[Remote] connected to " + shownBroker + " as agent " + agentId + ", pool " + pool);
                return;
            } catch (IOException | TimeoutException | RuntimeException e) {
                lastConnectError = describe(e);
                if (!warned) {
                    LOG.warning("[Remote] cannot reach the broker at " + shownBroker + ": " + lastConnectError
                            + "; remote steps fall back until it answers (trying every " + CONNECT_RETRY_MS + " ms)");
                    warned = true;
                }
            }
            try {
                Thread.sleep(CONNECT_RETRY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void connect() throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(broker);
        } catch (Exception e) {
            throw new IOException("bad broker URL " + shownBroker + ": " + e.getMessage(), e);
        }
        f.setAutomaticRecoveryEnabled(true);
        f.setTopologyRecoveryEnabled(true);
        f.setNetworkRecoveryInterval(1_000);
        f.setConnectionTimeout(3_000);
        f.setRequestedHeartbeat(10);
        Connection c = f.newConnection("tickguard-agent-" + agentId);
        try {
            declare(c);
        } catch (IOException | RuntimeException e) {
            c.abort();
            throw e;
        }
        Object version = c.getServerProperties().get("version");
        ConsumerTimeouts.warning(version == null ? null : version.toString(), consumerTimeoutMs)
                .ifPresent(w -> LOG.warning("[Remote] " + w));
        c.addShutdownListener(this::lost);
        ((com.rabbitmq.client.Recoverable) c).addRecoveryListener(new com.rabbitmq.client.RecoveryListener() {
            @Override
            public void handleRecovery(com.rabbitmq.client.Recoverable r) {
                LOG.info("[Remote] reconnected to " + shownBroker);
                closeBreakerOnConnect();
                republishWorkerStops();
            }

            @Override
            public void handleRecoveryStarted(com.rabbitmq.client.Recoverable r) {
            }
        });
        connection = c;
        closeBreakerOnConnect();
    }

    /**
     * A connection made is the broker answering again: the failures {@code remote:broker} counted while
     * there was none (a tick that started before the first connection, a broker restart) are over. Left
     * open, it would refuse every remote step for its whole delay (60 s by default) after the broker is
     * back, and with the critical steps remote the agent went to EMERGENCY for that minute.
     */
    private void closeBreakerOnConnect() {
        if (breaker.circuitState() != dev.tickguard.events.BreakerState.CLOSED) {
            breaker.reset();
            LOG.info("[Remote] breaker " + BREAKER + " closed: connected to the broker");
        }
    }

    private void declare(Connection c) throws IOException {
        Channel setup = c.createChannel();
        setup.exchangeDeclare(RemoteNames.DEAD_LETTER_EXCHANGE, "headers", true);
        setup.exchangeDeclare(RemoteNames.HEARTBEAT_EXCHANGE, "fanout", true);
        setup.exchangeDeclare(RemoteNames.CONTROL_EXCHANGE, "fanout", true);
        String pq = RemoteNames.poolQueue(pool);
        try {
            setup.queueDeclare(pq, true, false, false, RemoteNames.poolArguments(deliveryLimit, consumerTimeoutMs));
        } catch (IOException e) {
            // Declared earlier with other arguments (another agent's delivery limit or tick limit): use it as it is.
            LOG.warning("[Remote] queue " + pq + " exists with other arguments (" + describe(e)
                    + "); using it as it is");
            setup = c.createChannel();
            setup.queueDeclarePassive(pq);
        }
        String dq = RemoteNames.deadQueue(agentId);
        setup.queueDeclare(dq, true, false, false, Map.of("x-queue-type", "quorum"));
        setup.queueBind(dq, RemoteNames.DEAD_LETTER_EXCHANGE, "",
                Map.of("x-match", "all", RemoteNames.AGENT_HEADER, agentId));
        String rq = RemoteNames.replyQueue(agentId);
        Channel consume = c.createChannel();
        consume.queueDeclare(rq, false, true, true, null);
        consume.basicConsume(rq, true, new DefaultConsumer(consume) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] body) {
                onReply(p, body);
            }
        });
        String hq = consume.queueDeclare().getQueue();
        consume.queueBind(hq, RemoteNames.HEARTBEAT_EXCHANGE, "");
        consume.basicConsume(hq, true, new DefaultConsumer(consume) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] body) {
                onHeartbeat(body);
            }
        });
        Channel dead = c.createChannel();
        dead.basicQos(16);
        dead.basicConsume(dq, false, new DefaultConsumer(dead) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] body) throws IOException {
                onDeadLetter(p, body);
                getChannel().basicAck(env.getDeliveryTag(), false);
            }
        });
        Channel pub = c.createChannel();
        pub.confirmSelect();
        pub.addConfirmListener((seq, multiple) -> confirmed(seq, multiple, null),
                (seq, multiple) -> confirmed(seq, multiple, "the broker refused the message (nack)"));
        pub.addShutdownListener(s -> failConfirms("the connection to the broker closed before it confirmed"));
        publish = pub;
        answers = c.createChannel();
        inspect = c.createChannel();
        // The setup channel stays open: the client recovers what was declared on it through it.
    }

    private void lost(ShutdownSignalException s) {
        if (!s.isInitiatedByApplication()) {
            LOG.warning("[Remote] lost the connection to " + shownBroker + ": " + describe(s) + "; reconnecting");
        }
        failConfirms("the connection to the broker was lost before it confirmed");
    }

    // ------------------------------------------------------------------ calls

    /**
     * Sends a step and waits for its reply; the caller's deadline interrupts the wait.
     *
     * @param deadlineNanos the run's deadline ({@link System#nanoTime()} scale)
     * @throws LlmException when the broker is not usable (refused by {@code remote:broker}, or failed):
     *     a dependency's failure, so the step's own breaker does not count it
     * @throws InterruptedException at the deadline (the engine's timeout) or when the tick stops
     * @throws TimeoutException if no reply came by the deadline and nobody interrupted
     */
    public StepReply call(StepRequest request, long deadlineNanos)
            throws LlmException, InterruptedException, TimeoutException {
        if (breaker.isForcedOpen()) {
            throw LlmException.refused(BREAKER, "breaker " + BREAKER + " is forced open; step not sent");
        }
        if (!breaker.tryAcquirePermit()) {
            throw LlmException.refused(BREAKER, "breaker " + BREAKER + " is open (the broker at " + shownBroker
                    + " failed repeatedly, last: " + lastFailure + "); step not sent");
        }
        String key = request.runKey();
        CompletableFuture<StepReply> reply = new CompletableFuture<>();
        long t0 = System.nanoTime();
        pending.put(key, reply);
        try {
            try {
                awaitConfirm(publish(request), deadlineNanos);
            } catch (IOException | RuntimeException | ExecutionException e) {
                breaker.recordFailure();
                publishFailures.incrementAndGet();
                Throwable cause = e instanceof ExecutionException x ? x.getCause() : e;
                lastFailure = describe(cause);
                throw new LlmException("remote broker " + shownBroker + " is unreachable (" + lastFailure
                        + "); step not sent", true, cause);
            } catch (TimeoutException e) {
                breaker.recordFailure();
                publishFailures.incrementAndGet();
                lastFailure = "no publisher confirm";
                throw new LlmException("remote broker " + shownBroker + " did not confirm the step message before"
                        + " its deadline", true, null);
            } catch (InterruptedException e) {
                breaker.releaseCancelled();
                throw e;
            }
            breaker.recordSuccess();
            sent.incrementAndGet();
            // Past the deadline by a margin: the engine's interrupt at the deadline ends the wait, so the run is
            // a timeout like any other; returning first (at the same instant) would make it a step's error.
            long left = deadlineNanos - System.nanoTime() + WAIT_PAST_DEADLINE_NANOS;
            try {
                StepReply r = reply.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                recordRoundTrip(System.nanoTime() - t0);
                applyMemoryWrites(r);
                return r;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause()); // never completed exceptionally
            }
        } finally {
            pending.remove(key, reply);
        }
    }

    private long publish(StepRequest request) throws IOException {
        if (brokerDown) {
            throw new IOException("chaos broker-down: the agent's connection is blocked");
        }
        Channel ch = publish;
        Connection c = connection;
        if (ch == null || c == null) {
            throw new IOException("not connected: " + lastConnectError);
        }
        if (!c.isOpen()) {
            throw new IOException("connection lost, reconnecting");
        }
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .type(RemoteNames.TYPE_STEP).contentType("application/json").deliveryMode(2)
                .correlationId(request.runKey()).replyTo(RemoteNames.replyQueue(agentId))
                .headers(Map.of(RemoteNames.AGENT_HEADER, agentId, "tickguard-step", request.step()))
                .build();
        byte[] body = request.toBytes();
        synchronized (publishLock) {
            long seq = ch.getNextPublishSeqNo();
            CompletableFuture<Void> f = new CompletableFuture<>();
            confirms.put(seq, f);
            try {
                ch.basicPublish("", RemoteNames.poolQueue(pool), props, body);
            } catch (IOException | RuntimeException e) {
                confirms.remove(seq);
                throw e;
            }
            return seq;
        }
    }

    private void awaitConfirm(long seq, long deadlineNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Void> f = confirms.get(seq);
        if (f == null) {
            return; // confirmed already
        }
        try {
            f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } finally {
            confirms.remove(seq, f);
        }
    }

    private void confirmed(long seq, boolean multiple, String refused) {
        SortedMap<Long, CompletableFuture<Void>> done = multiple ? confirms.headMap(seq, true)
                : confirms.subMap(seq, true, seq, true);
        for (CompletableFuture<Void> f : done.values()) {
            if (refused == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(new IOException(refused));
            }
        }
        done.clear();
    }

    private void failConfirms(String why) {
        for (CompletableFuture<Void> f : confirms.values()) {
            f.completeExceptionally(new IOException(why));
        }
        confirms.clear();
    }

    private void recordRoundTrip(long nanos) {
        synchronized (roundTrips) {
            roundTrips[(int) (roundTripCount++ % ROUND_TRIPS_KEPT)] = nanos;
        }
    }

    /** The recent round trips' percentile in ms (p in 0..100), or -1 without any. */
    public double roundTripPercentileMs(double p) {
        long[] copy;
        synchronized (roundTrips) {
            int n = (int) Math.min(roundTripCount, ROUND_TRIPS_KEPT);
            copy = java.util.Arrays.copyOf(roundTrips, n);
        }
        if (copy.length == 0) {
            return -1;
        }
        java.util.Arrays.sort(copy);
        int i = (int) Math.min(copy.length - 1, Math.max(0, Math.ceil(p / 100.0 * copy.length) - 1));
        return copy[i] / 1e6;
    }

    private void applyMemoryWrites(StepReply r) {
        for (Episode e : r.episodes()) {
            memory.record(e);
        }
        for (StepReply.Embedding e : r.embeddings()) {
            memory.storeEmbedding(e.key(), e.text(), e.vector());
        }
    }

    // ------------------------------------------------------------------ incoming

    private void onReply(AMQP.BasicProperties p, byte[] body) {
        try {
            if (RemoteNames.TYPE_MEMORY_READ.equals(p.getType())) {
                answerMemoryRead(p, body);
                return;
            }
            StepReply r = StepReply.parse(body);
            replies.incrementAndGet();
            if (r.delivery() > 1) {
                redelivered.incrementAndGet();
            }
            CompletableFuture<StepReply> f = pending.remove(r.runKey());
            if (f != null && f.complete(r)) {
                accepted.add(r.runKey());
            } else if (accepted.contains(r.runKey())) {
                duplicates.incrementAndGet();
                LOG.fine(() -> "[Remote] second result for " + r.runKey() + " from " + r.worker() + " discarded");
            } else {
                late.incrementAndGet();
                LOG.info("[Remote] late result for " + r.runKey() + " from worker " + r.worker()
                        + " discarded (the agent had moved on)");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "[Remote] unreadable message on the reply queue dropped: " + describe(e));
        }
    }

    /** Answers a running remote step's memory read from the agent's memory (only runs in flight). */
    private void answerMemoryRead(AMQP.BasicProperties p, byte[] body) throws RuntimeException {
        ObjectNode answer = StepRequest.JSON.createObjectNode();
        try {
            JsonNode q = StepRequest.JSON.readTree(body);
            String key = q.path("run_key").asText();
            if (!pending.containsKey(key)) {
                answer.put("error", "run " + key + " is not in flight at agent " + agentId);
            } else if ("recent".equals(q.path("op").asText())) {
                ArrayNode eps = answer.putArray("episodes");
                for (Episode e : memory.recentEpisodes(Math.min(1000, Math.max(0, q.path("n").asInt())))) {
                    eps.addObject().put("time", e.time().toString()).put("tick", e.tick()).put("step", e.step())
                            .put("text", e.text()).put("outcome", e.outcome());
                }
            } else if ("nearest".equals(q.path("op").asText())) {
                JsonNode v = q.path("vector");
                float[] vector = new float[v.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = (float) v.get(i).asDouble();
                }
                ArrayNode hits = answer.putArray("hits");
                for (MemoryHit h : memory.nearest(vector, Math.min(1000, Math.max(0, q.path("k").asInt())))) {
                    hits.addObject().put("key", h.key()).put("text", h.text()).put("score", h.score());
                }
            } else {
                answer.put("error", "unknown memory operation " + q.path("op"));
            }
            Channel ch = answers;
            synchronized (ch) {
                ch.basicPublish("", p.getReplyTo(), new AMQP.BasicProperties.Builder()
                        .type(RemoteNames.TYPE_MEMORY_ANSWER).correlationId(p.getCorrelationId()).build(),
                        StepRequest.JSON.writeValueAsBytes(answer));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("[Remote] memory read from a worker not answered: " + describe(e));
        }
    }

    private void onHeartbeat(byte[] body) {
        try {
            WorkerHeartbeat h = WorkerHeartbeat.parse(body, time.now());
            WorkerHeartbeat before = workers.put(h.name(), h);
            if (before == null) {
                LOG.info("[Remote] worker " + h.name() + " on " + h.host() + " serves pool " + h.pool() + ": "
                        + String.join(", ", h.steps()));
            }
            // A worker this agent stopped that restarted does not know: tell it again. Never the other way:
            // a paused worker may have been stopped by another agent on the broker, whose worker-stop it keeps.
            if (stoppedWorkers.contains(h.name()) && !h.paused()) {
                sendWorkerCommand(h.name(), true);
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "[Remote] unreadable heartbeat dropped: " + e);
        }
    }

    private void onDeadLetter(AMQP.BasicProperties p, byte[] body) {
        String key = p.getCorrelationId() != null ? p.getCorrelationId() : "?";
        Map<String, Object> h = p.getHeaders() != null ? p.getHeaders() : Map.of();
        String step = h.get("tickguard-step") != null ? h.get("tickguard-step").toString() : "?";
        String reason = "dead-lettered";
        long deliveries = 0;
        Object deaths = h.get("x-death");
        if (deaths instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?> d) {
            reason = String.valueOf(d.get("reason"));
        }
        Object dc = h.get("x-delivery-count");
        if (dc instanceof Number n) {
            deliveries = n.longValue();
        } else if ("delivery_limit".equals(reason)) {
            deliveries = deliveryLimit + 1L; // dead-lettered on the delivery after the limit
        }
        String words = switch (reason) {
            case "delivery_limit" -> "delivered " + deliveries + " times and never finished (a worker died or"
                    + " gave it back each time); the delivery limit is " + deliveryLimit;
            case "rejected" -> "refused by a worker as unreadable";
            default -> reason;
        };
        PoisonMessage m = new PoisonMessage(time.now(), key, step, words, deliveries);
        deadLettered.incrementAndGet();
        synchronized (poison) {
            poison.add(m);
            if (poison.size() > POISON_KEPT) {
                poison.remove(0);
            }
        }
        String text = "poison step message " + key + " (step " + step + "): " + words;
        LOG.warning("[Remote] " + text);
        bus.publish(new TickEvent.Notice(time.now(), "Remote", text));
    }

    // ------------------------------------------------------------------ views and chaos

    /** The poison messages seen since the start, oldest first (the last 100). */
    public List<PoisonMessage> poison() {
        synchronized (poison) {
            return List.copyOf(poison);
        }
    }

    /** The workers heard of since the start, by name; a worker is gone after 2 missed heartbeats. */
    public List<WorkerInfo> workers() {
        java.time.Instant now = time.now();
        List<WorkerInfo> out = new ArrayList<>();
        for (WorkerHeartbeat h : workers.values()) {
            out.add(h.info(now, h.paused())); // what the worker does, as its last heartbeat says
        }
        out.sort(java.util.Comparator.comparing(WorkerInfo::name));
        return out;
    }

    /** Chaos {@code broker-down}: while on, every step send fails as if the broker were unreachable. */
    public void setBrokerDown(boolean down) {
        brokerDown = down;
        if (down) {
            failConfirms("chaos broker-down");
        }
    }

    /** Chaos {@code worker-stop:<name>}: the worker stops taking work (its running steps finish), or takes it again. */
    public void setWorkerStopped(String name, boolean stop) {
        if (stop) {
            stoppedWorkers.add(name);
        } else {
            stoppedWorkers.remove(name);
        }
        sendWorkerCommand(name, stop);
    }

    private void republishWorkerStops() {
        for (String w : stoppedWorkers) {
            sendWorkerCommand(w, true);
        }
    }

    private void sendWorkerCommand(String name, boolean stop) {
        Channel ch = answers;
        if (ch == null || !ch.isOpen()) {
            return; // sent again when its next heartbeat shows it does not know
        }
        ObjectNode cmd = StepRequest.JSON.createObjectNode().put("worker", name).put("stop", stop);
        try {
            synchronized (ch) {
                ch.basicPublish(RemoteNames.CONTROL_EXCHANGE, "", null, StepRequest.JSON.writeValueAsBytes(cmd));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("[Remote] cannot tell worker " + name + " to " + (stop ? "stop" : "resume") + ": " + describe(e));
        }
    }

    /**
     * Messages waiting in the pool queue as last asked (at most a second ago), or -1 if the broker
     * could not be asked. Never waits for the broker: the window and the metrics call it on threads
     * that must not block; the asking happens on {@code tickguard-remote-depth}.
     */
    public long queueDepth() {
        long now = System.nanoTime();
        if (now - depthAskedAt > 1_000_000_000L && depthAsking.compareAndSet(false, true)) {
            depthAskedAt = now;
            Thread t = new Thread(() -> {
                try {
                    depth = askQueueDepth();
                } finally {
                    depthAsking.set(false);
                }
            }, "tickguard-remote-depth");
            t.setDaemon(true);
            t.start();
        }
        return depth;
    }

    private long askQueueDepth() {
        Channel ch = inspect;
        if (ch == null || !ch.isOpen() || brokerDown) {
            return -1;
        }
        try {
            synchronized (ch) {
                return ch.queueDeclarePassive(RemoteNames.poolQueue(pool)).getMessageCount();
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Everything in figures, for the control API. */
    public dev.tickguard.events.RemoteStats stats() {
        Counters c = counters();
        List<WorkerInfo> ws = workers();
        long expired = 0;
        int alive = 0;
        for (WorkerInfo w : ws) {
            expired += w.expired();
            alive += w.alive() ? 1 : 0;
        }
        return new dev.tickguard.events.RemoteStats(shownBroker, connected(), queueDepth(), roundTripPercentileMs(50),
                roundTripPercentileMs(95), c.sent(), c.redelivered(), c.duplicates(), c.late(), c.publishFailures(),
                c.deadLettered(), expired, alive);
    }

    /** The counters, for metrics and the log. */
    public Counters counters() {
        return new Counters(sent.get(), replies.get(), duplicates.get(), late.get(), publishFailures.get(),
                deadLettered.get(), redelivered.get());
    }

    /**
     * @param sent step messages the broker confirmed
     * @param replies replies received
     * @param duplicates second results for a run already taken (a redelivered run that finished twice)
     * @param late results that came after the agent gave up on the run (discarded)
     * @param publishFailures step messages the broker did not take (down, refused, unconfirmed)
     * @param deadLettered poison messages
     * @param redelivered results of runs delivered more than once (a worker died holding them)
     */
    public record Counters(long sent, long replies, long duplicates, long late, long publishFailures,
                           long deadLettered, long redelivered) {
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = connector;
        }
        if (t != null) {
            t.interrupt();
        }
        closeOrAbort(connection);
    }

    /** Closes a broker connection within 2 s, or drops it (the agent's and the worker's way to end). */
    static void closeOrAbort(Connection c) {
        if (c != null) {
            try {
                c.close(2_000);
            } catch (IOException | RuntimeException e) {
                c.abort(1_000);
            }
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 8 && t.getCause() != null && t.getCause() != t; i++) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                break;
            }
            t = t.getCause();
        }
        String m = t.getMessage();
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (t instanceof ShutdownSignalException s && !(m != null && m.contains("vhost"))) {
            Object reason = s.getReason();
            return reason instanceof com.rabbitmq.client.AMQP.Channel.Close cc ? cc.getReplyText()
                    : reason instanceof com.rabbitmq.client.AMQP.Connection.Close cc2 ? cc2.getReplyText()
                    : "connection closed";
        }
        if (m != null && m.contains("vhost") && m.contains("not found")) {
            return m + " (the URL's path is the vhost: leave it out, or write %2F, for the default vhost '/')";
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
