package dev.tickguard.app.metrics;

import dev.tickguard.config.MetricsSettings;
import dev.tickguard.control.BreakerStatus;
import dev.tickguard.control.ControlSubscription;
import dev.tickguard.control.LlmEndpointStats;
import dev.tickguard.control.TickEntry;
import dev.tickguard.control.TickguardControl;
import dev.tickguard.events.BreakerState;
import dev.tickguard.events.EngineState;
import dev.tickguard.events.Sequenced;
import dev.tickguard.events.StepRecord;
import dev.tickguard.events.TickEvent;
import dev.tickguard.events.TickRecord;
import dev.tickguard.spi.SystemMode;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.util.Locale;

/**
 * Serves {@code /metrics} in the Prometheus text format (and protobuf, on request) with the official
 * Java client, fed only from the {@link TickguardControl}: counters and histograms from the events
 * of one control subscription, gauges and LLM counters read from the control API at each scrape.
 * Names follow Prometheus's rules: prefix {@code tickguard_}, base units (seconds), {@code _total}
 * for counters. Its own registry, not the JVM-wide default one.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    /** Tick and step durations: 5 ms to 2 minutes. */
    private static final double[] DURATION_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final TickguardControl control;
    private final Counter ticks;
    private final Histogram tickDuration;
    private final Counter stepRuns;
    private final Histogram stepDuration;
    private final Histogram llmLatency;
    private final Histogram llmTtft;
    private final ControlSubscription subscription;
    private final MetricsServer server;

    /** Remote step workers (issue 20): present only with a broker (no samples without one). */
    private void registerRemote() {
        GaugeWithCallback.builder().name("tickguard_remote_queue_depth")
                .help("Step messages waiting in the remote pool queue (-1: the broker cannot be asked)")
                .callback(cb -> control.remoteStats().ifPresent(r -> cb.call(r.queueDepth()))).register(registry);
        GaugeWithCallback.builder().name("tickguard_remote_round_trip_seconds")
                .help("Round trip of recent remote step runs (send to result), by quantile").labelNames("quantile")
                .callback(cb -> control.remoteStats().ifPresent(r -> {
                    if (r.roundTripP50Ms() >= 0) {
                        cb.call(r.roundTripP50Ms() / 1000, "0.5");
                        cb.call(r.roundTripP95Ms() / 1000, "0.95");
                    }
                })).register(registry);
        CounterWithCallback.builder().name("tickguard_remote_messages_total")
                .help("Remote step messages by what became of them: sent (confirmed), redelivered (a worker died "
                        + "holding it), duplicate and late (results discarded), publish_failed, dead_lettered, "
                        + "expired (dropped unstarted past its deadline)")
                .labelNames("result").callback(cb -> control.remoteStats().ifPresent(r -> {
                    cb.call(r.sent(), "sent");
                    cb.call(r.redelivered(), "redelivered");
                    cb.call(r.duplicates(), "duplicate");
                    cb.call(r.late(), "late");
                    cb.call(r.publishFailures(), "publish_failed");
                    cb.call(r.deadLettered(), "dead_lettered");
                    cb.call(r.expired(), "expired");
                })).register(registry);
        GaugeWithCallback.builder().name("tickguard_remote_workers_alive")
                .help("Remote workers whose heartbeats arrive (gone after 2 missed)")
                .callback(cb -> control.remoteStats().ifPresent(r -> cb.call(r.workersAlive()))).register(registry);
    }

    private PrometheusEndpoint(TickguardControl control, MetricsSettings settings) throws IOException {
        this.control = control;
        ticks = Counter.builder().name("tickguard_ticks_total")
                .help("Ticks that ended, by outcome: completed, aborted (stopped early) or skipped (not run)")
                .labelNames("outcome").register(registry);
        tickDuration = Histogram.builder().name("tickguard_tick_duration_seconds").unit(Unit.SECONDS)
                .help("Wall time of each tick that ran").classicOnly().classicUpperBounds(DURATION_BUCKETS)
                .register(registry);
        stepRuns = Counter.builder().name("tickguard_step_runs_total")
                .help("Step runs by step, outcome (success, fallback, skipped, failed), cause and fallback source")
                .labelNames("step", "outcome", "cause", "fallback").register(registry);
        stepDuration = Histogram.builder().name("tickguard_step_duration_seconds").unit(Unit.SECONDS)
                .help("Wall time of each step run (until its result or its deadline)").labelNames("step")
                .classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
        llmLatency = Histogram.builder().name("tickguard_llm_latency_seconds").unit(Unit.SECONDS)
                .help("Latency of each LLM call that was sent, retries included").labelNames("endpoint")
                .classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);
        llmTtft = Histogram.builder().name("tickguard_llm_time_to_first_token_seconds").unit(Unit.SECONDS)
                .help("Time to the first streamed token of each streamed LLM call").labelNames("endpoint")
                .classicOnly().classicUpperBounds(DURATION_BUCKETS).register(registry);

        CounterWithCallback.builder().name("tickguard_llm_calls_total")
                .help("LLM calls by endpoint and result: success, failure, or refused (by the breaker, never sent)")
                .labelNames("endpoint", "result").callback(cb -> {
                    for (LlmEndpointStats s : control.llmStats()) {
                        cb.call(s.successes(), s.endpoint(), "success");
                        cb.call(s.failures(), s.endpoint(), "failure");
                        cb.call(s.refusedByBreaker(), s.endpoint(), "refused");
                    }
                }).register(registry);
        CounterWithCallback.builder().name("tickguard_llm_retries_total").help("LLM call retries by endpoint")
                .labelNames("endpoint").callback(cb -> {
                    for (LlmEndpointStats s : control.llmStats()) {
                        cb.call(s.retries(), s.endpoint());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_breaker_state")
                .help("Breaker state as Resilience4j numbers it: 0 closed, 1 open, 2 half-open, "
                        + "3 forced closed (Resilience4j: disabled), 4 forced open")
                .labelNames("breaker").callback(cb -> {
                    for (BreakerStatus b : control.breakers()) {
                        cb.call(stateNumber(b.state()), b.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_mode").help("The system mode: 1 for the current one, 0 for the others")
                .labelNames("mode").callback(cb -> {
                    SystemMode now = control.engine().mode();
                    for (SystemMode m : SystemMode.values()) {
                        cb.call(m == now ? 1 : 0, m.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_engine_state")
                .help("The engine's state: 1 for the current one, 0 for the others").labelNames("state")
                .callback(cb -> {
                    EngineState now = control.engine().state();
                    for (EngineState s : EngineState.values()) {
                        cb.call(s == now ? 1 : 0, s.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tickguard_abandoned_threads")
                .help("Step threads left behind by steps that ignored their deadline, still alive")
                .callback(cb -> cb.call(control.engine().abandonedThreads())).register(registry);
        CounterWithCallback.builder().name("tickguard_events_dropped_total")
                .help("Events dropped because a listener's queue was full")
                .callback(cb -> cb.call(control.engine().eventsDropped())).register(registry);
        GaugeWithCallback.builder().name("tickguard_chaos_active").help("Faults switched on (chaos) now")
                .callback(cb -> cb.call(control.chaos().size())).register(registry);
        GaugeWithCallback.builder().name("tickguard_last_tick").help("The number of the last tick that ended")
                .callback(cb -> cb.call(control.engine().lastTick())).register(registry);
        registerRemote();
        JvmMetrics.builder().register(registry);

        // Ticks of this process that ended before the subscription (the snapshot's history) count too.
        subscription = control.subscribe(this::onEvent);
        for (TickEntry t : subscription.snapshot().histories().ticks()) {
            if (t.seq() > 0) {
                onTick(t.record());
            }
        }
        MetricsServer started;
        try {
            started = MetricsServer.start(settings.host(), settings.port(), new MetricsHandler(registry));
        } catch (IOException | RuntimeException e) {
            subscription.close();
            throw new IOException("cannot serve metrics on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage(), e);
        }
        server = started;
    }

    /**
     * Starts serving {@code http://host:port/metrics}.
     *
     * @throws IOException if the port cannot be bound (in use, not allowed)
     */
    public static PrometheusEndpoint start(TickguardControl control, MetricsSettings settings) throws IOException {
        return new PrometheusEndpoint(control, settings);
    }

    /** The port it listens on (the chosen one when configured as 0). */
    public int port() {
        return server.port();
    }

    /** The registry, for tests and for adding the app's own metrics. */
    public PrometheusRegistry registry() {
        return registry;
    }

    private void onEvent(Sequenced<TickEvent> s) {
        TickEvent e = s.event();
        if (e instanceof TickEvent.TickFinished f) {
            onTick(f.record());
        } else if (e instanceof TickEvent.TickSkipped k) {
            onTick(k.record());
        } else if (e instanceof TickEvent.LlmCall c && !c.refused()) {
            llmLatency.labelValues(c.operation()).observe(c.latencyMs() / 1000.0);
            if (c.ttftMs() >= 0) {
                llmTtft.labelValues(c.operation()).observe(c.ttftMs() / 1000.0);
            }
        }
    }

    private void onTick(TickRecord r) {
        String outcome = r.skipped() ? "skipped" : r.abortReason() != null ? "aborted" : "completed";
        ticks.labelValues(outcome).inc();
        if (r.skipped()) {
            return;
        }
        tickDuration.observe(r.durationMs() / 1000.0);
        for (StepRecord s : r.steps()) {
            stepRuns.labelValues(s.id(), s.outcome().name().toLowerCase(Locale.ROOT),
                    s.cause() == null ? "none" : s.cause().label(),
                    s.fallback() == null ? "none" : s.fallback().label()).inc();
            stepDuration.labelValues(s.id()).observe(s.durationMs() / 1000.0);
        }
    }

    /** Resilience4j's {@code CircuitBreaker.State.getOrder()}; forced closed is its DISABLED (calls pass, nothing counted). */
    static int stateNumber(BreakerState s) {
        return switch (s) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            case FORCED_CLOSED -> 3;
            case FORCED_OPEN -> 4;
        };
    }

    @Override
    public void close() {
        server.close();
        subscription.close();
    }
}
