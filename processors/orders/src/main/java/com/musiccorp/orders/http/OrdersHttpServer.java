package com.musiccorp.orders.http;

import com.musiccorp.platform.personaldata.CustomerKeys;
import com.musiccorp.platform.streams.rebuild.StateRebuilds;
import com.musiccorp.orders.stream.OrderStoreQueries;
import com.musiccorp.orders.stream.OrdersTopology;
import com.musiccorp.orders.stream.ReachablePositions;
import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;

/**
 * The orders HTTP API on Micronaut, started programmatically around objects the service built
 * (the Streams runtime, the store queries, the order placing), so Micronaut wires only HTTP.
 *
 * <p>Its beans load only in a context started here ({@link #ENABLED}): another Micronaut
 * application on the same classpath (e.g. the schema registry in a test) does not get them.
 */
public final class OrdersHttpServer {

    static final String ENABLED = "musiccorp.orders.http.enabled";

    /** {@code GET /orders/{id}} reads one key: any instance sends it to the instance owning the key. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(KeyRoutes.key("/orders/{key}", OrdersTopology.ORDERS_STORE));

    private OrdersHttpServer() {
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static ContextHttpServer start(int port, StreamsRuntime runtime, DeadLetterQueue deadLetters, OrderStoreQueries store, OrderPlacing placing,
            OrderCancelling cancelling, ReachablePositions positions, KeyOwners owners, StateRebuilds rebuilds,
            CustomerKeys keys, PersonalFields personalFields) {
        return ContextHttpServer.start("orders", ENABLED, port, runtime, deadLetters, store, placing, cancelling, positions, owners,
                KEY_ROUTES, rebuilds, keys, personalFields);
    }
}
