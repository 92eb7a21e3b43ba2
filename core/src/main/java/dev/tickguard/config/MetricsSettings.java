package dev.tickguard.config;

/**
 * The Prometheus endpoint ({@code metrics.port}, {@code metrics.host}); off by default.
 *
 * @param port the port to serve {@code /metrics} on; {@link #OFF} = no endpoint, 0 = any free port
 * @param host the address to bind; loopback unless the user says otherwise
 */
public record MetricsSettings(int port, String host) {
    /** No metrics endpoint. */
    public static final int OFF = -1;

    public MetricsSettings {
        if (port < OFF || port > 65_535) {
            throw new IllegalArgumentException("metrics port must be 0..65535 (or off), not " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("metrics host must not be empty");
        }
    }

    /** Off, bound to 127.0.0.1 when switched on. */
    public static MetricsSettings defaults() {
        return new MetricsSettings(OFF, "127.0.0.1");
    }

    /** True if the endpoint is switched on. */
    public boolean enabled() {
        return port != OFF;
    }

    public MetricsSettings withPort(int p) {
        return new MetricsSettings(p, host);
    }
}
