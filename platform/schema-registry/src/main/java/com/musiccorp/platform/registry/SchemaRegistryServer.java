package com.musiccorp.platform.registry;

import com.musiccorp.platform.metrics.ProcessMeters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.List;
import java.util.Map;

/**
 * A running schema registry: the Confluent Schema Registry REST API over state kept in Kafka.
 *
 * <pre>{@code
 * try (SchemaRegistryServer registry = SchemaRegistryServer.start("localhost:9092", 0)) {
 *     String url = registry.url(); // http://127.0.0.1:PORT
 * }
 * }</pre>
 *
 * {@link #start} returns once the registry has read its topic and serves; any number of instances
 * may run against the same Kafka topic. {@code GET /prometheus} serves the process's meters
 * ({@link ProcessMeters}: JVM, HTTP server).
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer http;
    private final String host;

    private SchemaRegistryServer(ApplicationContext context, EmbeddedServer http, String host) {
        this.context = context;
        this.http = http;
        this.host = host;
    }

    /** Starts a registry on {@code 127.0.0.1:port} (0 = a free port) storing its state in {@code _schemas}. */
    public static SchemaRegistryServer start(String kafkaBootstrapServers, int port) {
        return start(RegistrySettings.defaults(kafkaBootstrapServers).withPort(port));
    }

    /** Switches this package's beans on (see package-info): set only in the registry's own context. */
    public static final String ENABLED_PROPERTY = "musiccorp.schema-registry.enabled";

    public static SchemaRegistryServer start(RegistrySettings settings) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(ProcessMeters.withHttpProperties(Map.of(
                        "micronaut.application.name", "schema-registry",
                        ENABLED_PROPERTY, true,
                        "micronaut.server.host", settings.host(),
                        "micronaut.server.port", settings.port() == 0 ? -1 : settings.port(),
                        // Confluent's media types are JSON: read and write them with the JSON codec.
                        "micronaut.codec.json.additional-types", List.of(Api.V1_JSON, Api.SR_JSON, "application/octet-stream"))))
                .singletons(settings)
                .start();
        try {
            RegistryLog log = context.getBean(RegistryLog.class);
            log.start();
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start(); // answers 503 until the topic is read
            log.awaitReady(settings.readyTimeout());
            return new SchemaRegistryServer(context, http, settings.host());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port();
    }

    public int port() {
        return http.getPort();
    }

    @Override
    public void close() {
        if (!context.isRunning()) return;
        http.stop();
        context.close();
    }
}
