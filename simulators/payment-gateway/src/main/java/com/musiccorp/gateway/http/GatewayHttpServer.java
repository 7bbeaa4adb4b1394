package com.musiccorp.gateway.http;

import com.musiccorp.gateway.GatewaySimulator;
import com.musiccorp.platform.metrics.ProcessMeters;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * The simulated gateway on Micronaut, started programmatically around a {@link GatewaySimulator}
 * (the rules and the ledger), so Micronaut wires only HTTP. Tests start it in-process on port 0.
 * {@code GET /prometheus} serves its meters ({@link ProcessMeters}: JVM, HTTP server).
 */
public final class GatewayHttpServer implements AutoCloseable {

    static final String ENABLED = "musiccorp.payment-gateway.http.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer http;
    private final GatewaySimulator simulator;

    private GatewayHttpServer(ApplicationContext context, EmbeddedServer http, GatewaySimulator simulator) {
        this.context = context;
        this.http = http;
        this.simulator = simulator;
    }

    /**
     * Serves {@code simulator} on {@code port} (0 = a free port) of loopback, or of {@code BIND_ADDRESS}
     * when set (as platform/http's BindAddress: this outside system's stand-in shares no code with
     * the services). It checks no tokens: it plays a system the project does not own.
     */
    public static GatewayHttpServer start(int port, GatewaySimulator simulator) {
        String bindAddress = System.getenv("BIND_ADDRESS");
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(ProcessMeters.withHttpProperties(Map.of(
                        "micronaut.application.name", "payment-gateway",
                        "micronaut.server.host", bindAddress == null || bindAddress.isBlank() ? "127.0.0.1" : bindAddress.strip(),
                        "micronaut.server.port", port == 0 ? -1 : port,
                        ENABLED, true)))
                .singletons(simulator)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new GatewayHttpServer(context, http, simulator);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public int port() {
        return http.getPort();
    }

    /** {@code http://localhost:<port>}. */
    public String url() {
        return "http://localhost:" + port();
    }

    public GatewaySimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        if (!context.isRunning()) {
            return;
        }
        http.stop();
        context.close();
    }
}
