package com.musiccorp.warehouse.http;

import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.EventPublisher;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.warehouse.stream.FulfilmentStoreQueries;
import com.musiccorp.warehouse.stream.StockStoreQueries;
import com.musiccorp.warehouse.stream.WarehouseCommands;
import com.musiccorp.warehouse.stream.WarehouseTopology;

/**
 * The warehouse HTTP API on Micronaut, started around objects the service built, so Micronaut wires
 * only HTTP. Its beans load only in a context started here ({@link #ENABLED}).
 */
public final class WarehouseHttpServer {

    static final String ENABLED = "musiccorp.warehouse.http.enabled";

    /** Views of one key: any instance sends them to the instance owning the key. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(
            KeyRoutes.key("/stock/{key}", WarehouseTopology.SKU_STOCK_STORE),
            KeyRoutes.key("/fulfilments/{key}", WarehouseTopology.FULFILMENT_STORE));

    private WarehouseHttpServer() {
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static ContextHttpServer start(int port, StreamsRuntime runtime, DeadLetterQueue deadLetters, StockStoreQueries store,
            FulfilmentStoreQueries fulfilments, EventPublisher publisher, WarehouseCommands commands, KeyOwners owners) {
        return ContextHttpServer.start("warehouse", ENABLED, port, runtime, deadLetters, store, fulfilments, publisher, commands, owners, KEY_ROUTES);
    }
}
