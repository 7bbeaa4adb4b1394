package com.musiccorp.warehouse.http;

import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.warehouse.stream.WarehouseTopology;
import com.musiccorp.platform.streams.EventPublisher;
import com.musiccorp.warehouse.stream.FulfilmentStoreQueries;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import com.musiccorp.warehouse.stream.WarehouseCommands;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * The warehouse HTTP API on Micronaut, started around objects the service built, so Micronaut wires
 * only HTTP. Its beans load only in a context started here ({@link #ENABLED}).
 */
public final class WarehouseHttpServer implements ContextService.Http {

    static final String ENABLED = "musiccorp.warehouse.http.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private WarehouseHttpServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    /** Views of one key: any instance sends them to the instance owning the key. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(
            KeyRoutes.key("/stock/{key}", WarehouseTopology.SKU_STOCK_STORE),
            KeyRoutes.key("/fulfilments/{key}", WarehouseTopology.FULFILMENT_STORE));

    public static WarehouseHttpServer start(int port, StreamsRuntime runtime, StockStoreQueries store,
            FulfilmentStoreQueries fulfilments, EventPublisher publisher, WarehouseCommands commands, KeyOwners owners) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", "warehouse",
                        "micronaut.server.port", port == 0 ? -1 : port,
                        ENABLED, true))
                .singletons(runtime, store, fulfilments, publisher, commands, owners, KEY_ROUTES)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new WarehouseHttpServer(context, http);
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
