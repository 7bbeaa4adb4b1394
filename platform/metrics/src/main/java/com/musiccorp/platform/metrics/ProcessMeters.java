package com.musiccorp.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;

/**
 * The one meter registry of this process, served as Prometheus text at {@code GET /prometheus} by the
 * process's HTTP server. One process is one service, so what Kafka Streams, the dead-letter handlers,
 * a context's domain and Micronaut (JVM, HTTP server) measure all land here, whoever creates the
 * meter and whenever: Kafka instantiates the dead-letter handlers from configuration and Streams starts
 * before HTTP, so the registry cannot be a bean of the HTTP server's application context. Micronaut's
 * context uses it instead of making its own ({@link ProcessRegistryFactory}).
 *
 * <p>Name meters with dots ({@code musiccorp.sagas.completed}); Prometheus shows them with
 * underscores and its unit and type suffixes ({@code musiccorp_sagas_completed_total}). Keep every
 * tag's values a small, closed set (an event type, an outcome, a context), never an id.
 */
public final class ProcessMeters {

    /**
     * Micronaut properties every HTTP server of the project starts with: {@code /prometheus} on, open
     * like {@code /health/ready} (not sensitive), and Micronaut's other management endpoints
     * ({@code /health}, {@code /metrics}, {@code /beans}, …) off, so they neither clash with the
     * project's own paths nor show the application's insides. Micrometer's Logback binder is off: it
     * counts log events through a turbo filter, which Logback asks on every {@code isTraceEnabled()}
     * and {@code isDebugEnabled()}, and Kafka's clients ask per record (3 % of the contexts' process
     * at 100 orders/s, JFR); warnings and errors are in the logs, and no dashboard read the count.
     */
    public static final Map<String, Object> HTTP_PROPERTIES = Map.of(
            "micronaut.metrics.enabled", true,
            "micronaut.metrics.binders.logback.enabled", false,
            "endpoints.all.enabled", false,
            "endpoints.prometheus.enabled", true,
            "endpoints.prometheus.sensitive", false);

    private ProcessMeters() {
    }

    /** The process's registry; the same instance for every caller. */
    public static PrometheusMeterRegistry registry() {
        return Holder.REGISTRY;
    }

    /** Same registry as {@link #registry()}, typed for code that only records. */
    public static MeterRegistry meters() {
        return Holder.REGISTRY;
    }

    /** {@code base} with {@link #HTTP_PROPERTIES} added (a key of {@code base} wins). */
    public static Map<String, Object> withHttpProperties(Map<String, Object> base) {
        Map<String, Object> all = new java.util.HashMap<>(HTTP_PROPERTIES);
        all.putAll(base);
        return all;
    }

    private static final class Holder {
        static final PrometheusMeterRegistry REGISTRY = new ProcessRegistry();
    }

    /**
     * Lives as long as the process. Micronaut closes its composite registry, and with it every child
     * registry, when its application context stops; a closed registry takes no new meters, so a second
     * HTTP server in the same JVM (tests start several) would measure nothing new. Closing is a no-op.
     */
    private static final class ProcessRegistry extends PrometheusMeterRegistry {
        ProcessRegistry() {
            super(PrometheusConfig.DEFAULT);
        }

        @Override
        public void close() {
            // the process's exit ends it
        }
    }
}
