package dev.tickguard.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.tickguard.spi.Llm;
import dev.tickguard.spi.LlmException;
import dev.tickguard.spi.Step;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A remote step worker: takes step messages from its pool's quorum queue and runs them with the
 * same {@link Step} SPI a local step uses, for any number of agents on the broker.
 *
 * <p>Delivery: each of the {@code concurrency} slots is a channel with a prefetch of one consuming the
 * pool queue, so the worker holds at most one message per slot (no hoarding). A message is acked
 * only after its result is published and confirmed by the broker: a worker killed before that
 * leaves the message unacked and the broker hands it to another worker (or this one, restarted);
 * the agent takes the first result by run key. A message whose deadline has passed is dropped
 * unstarted (acked, counted). A message that cannot be read is rejected without requeue, so the
 * broker dead-letters it; one whose worker dies on it every time is dead-lettered by the queue's
 * delivery limit. A step that outlives its deadline is interrupted, given a grace, then abandoned
 * (its thread left behind, its late result dropped) so that the slot goes on.
 *
 * <p>Threads: {@code tickguard-worker-connect} until connected and the pool queue exists, one
 * {@code tickguard-worker-slot-N} per slot, a fresh {@code tickguard-worker-step} thread per run,
 * {@code tickguard-worker-heartbeat}, and the RabbitMQ client's own. Thread-safe.
 */
public final class StepWorker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StepWorker.class.getName());
    private static final long GRACE_MS = 1_000;
    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    /**
     * @param broker the broker URL
     * @param name the worker's name (unique on the broker: the workers view and {@code worker-stop} use it)
     * @param pool the pool it serves
     * @param concurrency how many steps it runs at once (one channel, prefetch one, each)
     * @param heartbeat how often it publishes a heartbeat
     * @param dataDir its data folder (step sandboxes, by agent and step)
     * @param version its Tickguard version, for the workers view
     * @param plugins its plugins' versions by plugin id, for the workers view
     */
    public record Options(URI broker, String name, String pool, int concurrency, Duration heartbeat, Path dataDir,
                          String version, Map<String, String> plugins) {
        public Options {
            if (concurrency < 1 || concurrency > 256) {
                throw new IllegalArgumentException("concurrency must be 1..256, not " + concurrency);
            }
            plugins = Map.copyOf(plugins);
        }
    }

    private final Options options;
    private final Map<String, Step> steps;
    private final Map<String, String> pluginOfStep;
    private final Llm llm;
    private final String host;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> memoryReads = new ConcurrentHashMap<>();
    private final List<Slot> slots = new ArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    /**
     * The threads plugin code runs on, reused between runs (a fresh thread per run cost a thread start
     * on every round trip); one left behind by a step that ignores its deadline is simply not reused
     * until it returns. Daemons: a hung step never keeps the worker's process alive.
     */
    private final ExecutorService stepThreads = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicLong n = new AtomicLong();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tickguard-worker-step-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private volatile Connection connection;
    private volatile Channel rpc; // memory reads (synchronized on it) and heartbeats
    private volatile String rpcQueue;
    private volatile boolean paused;
    private volatile boolean closed;
    private Thread connector;
    private ScheduledExecutorService heartbeats;

    /** @param steps the steps it serves, by id */
    public StepWorker(Options options, Map<String, Step> steps, Llm llm) {
        this(options, steps, Map.of(), llm);
    }

    /**
     * @param steps the steps it serves, by id
     * @param pluginOfStep for a step from a plugin JAR, that plugin's id and version ({@code "greet 1.0.0"}),
     *     by step id: each reply names it, so the agent's record says which version ran
     */
    public StepWorker(Options options, Map<String, Step> steps, Map<String, String> pluginOfStep, Llm llm) {
        this.options = options;
        this.steps = Map.copyOf(steps);
        this.pluginOfStep = Map.copyOf(pluginOfStep);
        this.llm = llm;
        this.host = hostName();
    }

    /** Starts connecting (in the background, until the broker answers and an agent has declared the pool). */
    public synchronized void start() {
        if (connector != null) {
            return;
        }
        connector = new Thread(this::connectUntilReady, "tickguard-worker-connect");
        connector.setDaemon(true);
        connector.start();
    }

    /** Waits until the worker consumes its pool queue; false if it did not within the time. */
    public boolean awaitReady(Duration d) throws InterruptedException {
        return ready.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String name() {
        return options.name();
    }

    private void connectUntilReady() {
        boolean warnedBroker = false;
        boolean warnedQueue = false;
        while (!closed) {
            try {
                if (connection == null) {
                    connection = newConnection();
                    LOG.info("[Worker] " + options.name() + " connected to "
                            + dev.tickguard.config.ConfigKeys.withoutPassword(options.broker()));
                }
                if (poolExists()) {
                    consume();
                    ready.countDown();
                    LOG.info("[Worker] " + options.name() + " serves pool " + options.pool() + " with "
                            + options.concurrency() + " slot(s): " + String.join(", ", new TreeMap<>(steps).keySet()));
                    return;
                }
                if (!warnedQueue) {
                    LOG.info("[Worker] waiting for an agent to declare queue " + RemoteNames.poolQueue(options.pool()));
                    warnedQueue = true;
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                if (!warnedBroker) {
                    LOG.warning("[Worker] cannot reach the broker: " + AgentLink.describe(e) + "; trying every "
                            + AgentLink.CONNECT_RETRY_MS + " ms");
                    warnedBroker = true;
                }
            }
            try {
                Thread.sleep(AgentLink.CONNECT_RETRY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Connection newConnection() throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(options.broker());
        } catch (Exception e) {
            throw new IOException("bad broker URL: " + e.getMessage(), e);
        }
        f.setAutomaticRecoveryEnabled(true);
        f.setTopologyRecoveryEnabled(true);
        f.setNetworkRecoveryInterval(1_000);
        f.setConnectionTimeout(3_000);
        f.setRequestedHeartbeat(10);
        return f.newConnection("tickguard-worker-" + options.name());
    }

    private boolean poolExists() throws IOException {
        Channel probe = connection.createChannel();
        try {
            probe.queueDeclarePassive(RemoteNames.poolQueue(options.pool()));
            probe.close();
            return true;
        } catch (IOException e) {
            return false; // 404: the channel is closed by the broker
        } catch (TimeoutException e) {
            return true;
        }
    }

    private void consume() throws IOException {
        Connection c = connection;
        Channel r = c.createChannel();
        r.exchangeDeclare(RemoteNames.HEARTBEAT_EXCHANGE, "fanout", true);
        r.exchangeDeclare(RemoteNames.CONTROL_EXCHANGE, "fanout", true);
        String q = r.queueDeclare().getQueue();
        r.queueBind(q, RemoteNames.CONTROL_EXCHANGE, "");
        rpcQueue = q;
        r.basicConsume(q, true, new DefaultConsumer(r) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] body) {
                onIncoming(p, body);
            }
        });
        rpc = r;
        synchronized (slots) {
            for (int i = 0; i < options.concurrency(); i++) {
                Slot s = new Slot(i, c.createChannel());
                slots.add(s);
                if (!paused) {
                    s.consume();
                }
            }
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(r2 -> {
            Thread t = new Thread(r2, "tickguard-worker-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleAtFixedRate(this::heartbeat, 0, options.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Memory answers (by correlation id) and the agents' worker commands. */
    private void onIncoming(AMQP.BasicProperties p, byte[] body) {
        try {
            JsonNode o = StepRequest.JSON.readTree(body);
            if (RemoteNames.TYPE_MEMORY_ANSWER.equals(p.getType())) {
                CompletableFuture<JsonNode> f = p.getCorrelationId() == null ? null
                        : memoryReads.remove(p.getCorrelationId());
                if (f != null) {
                    f.complete(o);
                }
            } else if (options.name().equals(o.path("worker").asText())) {
                setPaused(o.path("stop").asBoolean());
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "[Worker] unreadable message dropped: " + e);
        }
    }

    /** True while it takes no work (an agent's {@code worker-stop}). */
    public boolean paused() {
        return paused;
    }

    /** Stops (or resumes) taking messages; running steps finish. The agent's chaos {@code worker-stop:<name>}. */
    public void setPaused(boolean stop) {
        if (paused == stop) {
            return;
        }
        paused = stop;
        LOG.info("[Worker] " + options.name() + (stop ? " stops taking work (worker-stop)" : " takes work again"));
        synchronized (slots) {
            for (Slot s : slots) {
                if (stop) {
                    s.cancel();
                } else {
                    s.consume();
                }
            }
        }
        heartbeat();
    }

    private void heartbeat() {
        Channel r = rpc;
        if (r == null || !r.isOpen()) {
            return;
        }
        WorkerHeartbeat h = new WorkerHeartbeat(options.name(), host, options.version(), options.pool(),
                options.plugins(), new ArrayList<>(new TreeMap<>(steps).keySet()), options.concurrency(), inFlight.get(),
                done.get(), failed.get(), expired.get(), options.heartbeat().toMillis(), paused, java.time.Instant.now());
        try {
            synchronized (r) {
                r.basicPublish(RemoteNames.HEARTBEAT_EXCHANGE, "", null, h.toBytes());
            }
        } catch (IOException | RuntimeException e) {
            LOG.fine(() -> "[Worker] heartbeat not sent: " + e);
        }
    }

    /** Asks the agent that sent a run for a memory read; the answer, or null by the deadline. */
    private JsonNode readMemory(String agentQueue, ObjectNode query, long deadlineEpochMs)
            throws IOException, InterruptedException {
        Channel r = rpc;
        if (r == null || !r.isOpen()) {
            return null;
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        memoryReads.put(id, f);
        try {
            synchronized (r) {
                r.basicPublish("", agentQueue, new AMQP.BasicProperties.Builder().type(RemoteNames.TYPE_MEMORY_READ)
                        .correlationId(id).replyTo(rpcQueue).build(), StepRequest.JSON.writeValueAsBytes(query));
            }
            return f.get(Math.max(0, deadlineEpochMs - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            return null;
        } finally {
            memoryReads.remove(id);
        }
    }

    // ------------------------------------------------------------------ one slot

    /** One concurrency slot: a channel with a prefetch of one, and the thread that runs its message. */
    private final class Slot {
        private final int index;
        private volatile Channel channel;
        private final ExecutorService thread;
        private volatile String consumerTag;

        Slot(int index, Channel channel) throws IOException {
            this.index = index;
            this.thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "tickguard-worker-slot-" + index);
                t.setDaemon(true);
                return t;
            });
            this.channel = prepare(channel);
        }

        private Channel prepare(Channel c) throws IOException {
            c.basicQos(1);
            c.confirmSelect();
            c.addShutdownListener(this::closedByBroker);
            return c;
        }

        /**
         * The broker closed this slot's channel on its own (the connection stays up): on RabbitMQ that is
         * its consumer timeout taking back a message held too long. The client recovers channels only
         * after a lost connection, so without a new channel the slot would never take work again, while
         * the heartbeats went on saying the worker is alive.
         */
        private void closedByBroker(com.rabbitmq.client.ShutdownSignalException s) {
            if (s.isHardError() || s.isInitiatedByApplication() || closed) {
                return; // a lost connection (the client recovers the channel) or our own close
            }
            String why = AgentLink.describe(s);
            LOG.warning("[Worker] " + options.name() + " slot " + index + ": the broker closed its channel (" + why
                    + ")" + (why.contains("acknowledgement") ? ": the broker's consumer_timeout took back the message"
                    + " it held (RabbitMQ before 3.12 ignores the queue's x-consumer-timeout: set consumer_timeout in"
                    + " rabbitmq.conf above the agents' tick.limit_sec)" : "")
                    + "; the slot takes work again on a new channel when its running step ends");
            try {
                thread.execute(this::reopen); // after the step it runs, so the slot still runs one at a time
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the worker is closing
            }
        }

        private void reopen() {
            Connection c = connection;
            if (closed || channel.isOpen() || c == null || !c.isOpen()) {
                return; // closing, or the connection is down and the client's recovery brings the channel back
            }
            try {
                Channel fresh = prepare(c.createChannel());
                synchronized (this) {
                    channel = fresh;
                    consumerTag = null;
                }
                if (!paused) {
                    consume();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warning("[Worker] slot " + index + " cannot open a new channel: " + AgentLink.describe(e));
            }
        }

        synchronized void consume() {
            if (consumerTag != null) {
                return;
            }
            try {
                Channel ch = channel;
                consumerTag = ch.basicConsume(RemoteNames.poolQueue(options.pool()), false, new DefaultConsumer(ch) {
                    @Override
                    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties p, byte[] body) {
                        thread.execute(() -> handle(ch, env, p, body));
                    }
                });
            } catch (IOException | RuntimeException e) {
                LOG.warning("[Worker] slot " + index + " cannot consume: " + AgentLink.describe(e));
            }
        }

        synchronized void cancel() {
            String tag = consumerTag;
            consumerTag = null;
            if (tag != null) {
                try {
                    channel.basicCancel(tag);
                } catch (IOException | RuntimeException e) {
                    LOG.fine(() -> "[Worker] cancel failed: " + e);
                }
            }
        }

        /** Runs one message; acks it on the channel that delivered it (a delivery tag belongs to its channel). */
        private void handle(Channel channel, Envelope env, AMQP.BasicProperties p, byte[] body) {
            long tag = env.getDeliveryTag();
            StepRequest request;
            try {
                request = StepRequest.parse(body);
                if (p.getReplyTo() == null || p.getReplyTo().isBlank()) {
                    throw new IllegalArgumentException("step message " + request.runKey() + " has no reply-to queue");
                }
            } catch (IllegalArgumentException e) {
                LOG.warning("[Worker] unreadable step message rejected (dead-lettered): " + e.getMessage());
                settle(() -> channel.basicReject(tag, false));
                return;
            }
            long delivery = deliveryCount(env, p);
            request = request.withAttempt((int) delivery);
            if (System.currentTimeMillis() >= request.deadlineEpochMs()) {
                expired.incrementAndGet();
                LOG.info("[Worker] " + request.runKey() + " dropped unstarted: its deadline passed "
                        + (System.currentTimeMillis() - request.deadlineEpochMs()) + " ms ago (delivery " + delivery + ")");
                settle(() -> channel.basicAck(tag, false));
                return;
            }
            inFlight.incrementAndGet();
            StepReply reply;
            try {
                reply = run(request, delivery, p.getReplyTo());
            } finally {
                inFlight.decrementAndGet();
            }
            done.incrementAndGet();
            if (reply.failure() != null) {
                failed.incrementAndGet();
            }
            try {
                // Ack only once the broker has the result: a worker killed before that loses nothing.
                channel.basicPublish("", p.getReplyTo(), new AMQP.BasicProperties.Builder()
                        .type(RemoteNames.TYPE_RESULT).contentType("application/json")
                        .correlationId(request.runKey()).build(), reply.toBytes());
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
                channel.basicAck(tag, false);
            } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
                // Not acked: the broker hands the message out again. A closed channel returns it by itself;
                // an open one must give it back, or this slot (prefetch one) would never get another.
                LOG.warning("[Worker] result of " + request.runKey() + " not confirmed (" + AgentLink.describe(e)
                        + "); the message will be delivered again");
                if (channel.isOpen()) {
                    settle(() -> channel.basicNack(tag, false, true));
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * Which delivery this is: the quorum queue counts the earlier ones in {@code x-delivery-count}
         * (absent on the first); without it (a classic queue) only "redelivered or not" is known.
         */
        private static long deliveryCount(Envelope env, AMQP.BasicProperties p) {
            Object count = p.getHeaders() == null ? null : p.getHeaders().get("x-delivery-count");
            return count instanceof Number n ? n.longValue() + 1 : env.isRedeliver() ? 2 : 1;
        }

        private void settle(IoAction a) {
            try {
                a.run();
            } catch (IOException | RuntimeException e) {
                LOG.fine(() -> "[Worker] ack/reject failed: " + e);
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Runs one step under its deadline; always returns a reply. */
    private StepReply run(StepRequest request, long delivery, String agentQueue) {
        Step step = steps.get(request.step());
        if (step == null) {
            return failure(request, delivery, StepReply.Failure.UNSERVED, "worker " + options.name()
                    + " does not serve step '" + request.step() + "' (it serves " + String.join(", ",
                    new TreeMap<>(steps).keySet()) + ")", null, 0, null);
        }
        WorkerMemory memory = new WorkerMemory(request, (q, deadline) -> readMemory(agentQueue, q, deadline));
        WorkerStepContext context = new WorkerStepContext(request, llm, memory, options.dataDir());
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        long t0 = System.nanoTime();
        java.util.concurrent.Future<?> runner = stepThreads.submit(() -> {
            try {
                result.complete(step.run(context));
            } catch (Throwable t) { // anything the plugin throws is its failure, never the worker's
                result.completeExceptionally(t);
            }
        });
        long left = request.deadlineEpochMs() - System.currentTimeMillis();
        try {
            JsonNode value;
            try {
                value = result.get(Math.max(0, left), TimeUnit.MILLISECONDS);
            } catch (TimeoutException deadline) {
                context.cancel();
                runner.cancel(true); // interrupts the step's thread
                try {
                    value = result.get(GRACE_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException abandoned) {
                    return failure(request, delivery, StepReply.Failure.TIMEOUT, "step '" + request.step()
                            + "' ran past its deadline on worker " + options.name() + " and was abandoned", null, t0,
                            memory);
                }
                if (value == null) {
                    throw new java.util.concurrent.ExecutionException(new IllegalStateException("no result"));
                }
                return failure(request, delivery, StepReply.Failure.TIMEOUT, "step '" + request.step()
                        + "' ran past its deadline on worker " + options.name(), null, t0, memory);
            }
            if (value == null || value.isMissingNode()) {
                return failure(request, delivery, StepReply.Failure.ERROR, "step '" + request.step()
                        + "' returned no result", null, t0, memory);
            }
            return new StepReply(request.runKey(), options.name(), host, value, null, null, null, ms(t0), delivery,
                    memory.episodes(), memory.embeddings(), pluginOfStep.get(request.step()));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof LlmException l) {
                return failure(request, delivery, l.refusedBy().isPresent() ? StepReply.Failure.LLM_REFUSED
                        : StepReply.Failure.LLM, l.getMessage(), l.refusedBy().orElse(null), t0, memory);
            }
            if (t instanceof InterruptedException || t instanceof java.util.concurrent.CancellationException) {
                return failure(request, delivery, StepReply.Failure.TIMEOUT, "step '" + request.step()
                        + "' was cancelled at its deadline on worker " + options.name(), null, t0, memory);
            }
            String msg = t.getMessage();
            LOG.log(Level.FINE, "step " + request.step() + " failed on the worker", t);
            return failure(request, delivery, StepReply.Failure.ERROR, t.getClass().getSimpleName()
                    + (msg == null ? "" : ": " + msg), null, t0, memory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runner.cancel(true);
            return failure(request, delivery, StepReply.Failure.TIMEOUT, "worker " + options.name() + " is stopping",
                    null, t0, memory);
        }
    }

    private StepReply failure(StepRequest request, long delivery, StepReply.Failure kind, String error,
                              String refusedBy, long t0, WorkerMemory memory) {
        // A failed run's memory writes are dropped with its result (the agent's fallback stands instead).
        return new StepReply(request.runKey(), options.name(), host, null, kind, error, refusedBy,
                t0 == 0 ? 0 : ms(t0), delivery, List.of(), List.of(), pluginOfStep.get(request.step()));
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Counts: in flight, done, failed, expired. */
    public long[] counts() {
        return new long[] {inFlight.get(), done.get(), failed.get(), expired.get()};
    }

    /**
     * Dies as a killed process would, for tests: the connection is cut without a goodbye, so the
     * broker returns every unacked message to the queue; no heartbeat is sent again.
     */
    public void kill() {
        closed = true;
        ScheduledExecutorService h = heartbeats;
        if (h != null) {
            h.shutdownNow();
        }
        Connection c = connection;
        if (c != null) {
            c.abort(0);
        }
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
        ScheduledExecutorService h = heartbeats;
        if (h != null) {
            h.shutdownNow();
        }
        synchronized (slots) {
            for (Slot s : slots) {
                s.cancel();
                s.thread.shutdown();
            }
        }
        stepThreads.shutdownNow();
        AgentLink.closeOrAbort(connection);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
