package com.musiccorp.orders.http;

import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.orders.stream.OrdersTopology;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * The orders HTTP API on Micronaut, started programmatically around objects the service built
 * (the Streams runtime, the store queries, the order placing), so Micronaut wires only HTTP.
 *
 * <p>Its beans load only in a context started here ({@link #ENABLED}): another Micronaut
 * application on the same classpath (e.g. the schema registry in a test) does not get them.
 */
public final class OrdersHttpServer implements ContextService.Http {

    static final String ENABLED = "musiccorp.orders.http.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private OrdersHttpServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    /** {@code GET /orders/{id}} reads one key: any instance sends it to the instance owning the key. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(KeyRoutes.key("/orders/{key}", OrdersTopology.ORDERS_STORE));

    public static OrdersHttpServer start(int port, StreamsRuntime runtime, OrderStoreQueries store, OrderPlacing placing,
            OrderCancelling cancelling, KeyOwners owners) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", "orders",
                        "micronaut.server.port", port == 0 ? -1 : port,
                        ENABLED, true))
                .singletons(runtime, store, placing, cancelling, owners, KEY_ROUTES)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new OrdersHttpServer(context, http);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public int port() {
        return http.getPort();
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
