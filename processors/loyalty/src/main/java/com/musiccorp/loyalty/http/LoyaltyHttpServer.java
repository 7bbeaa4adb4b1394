package com.musiccorp.loyalty.http;

import com.musiccorp.loyalty.stream.BalanceQueries;
import com.musiccorp.loyalty.stream.LoyaltyTopology;
import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;

/**
 * Loyalty's HTTP surface on Micronaut ({@code GET /loyalty/{customerId}}, {@code GET /health/ready}),
 * started programmatically around the Streams runtime. Its beans load only in a context started
 * here ({@link #ENABLED}), so the registry on a test classpath does not get them.
 */
public final class LoyaltyHttpServer {

    static final String ENABLED = "musiccorp.loyalty.http.enabled";

    /** {@code GET /loyalty/{customerId}} reads one key: any instance sends it to the instance owning it. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(KeyRoutes.key("/loyalty/{key}", LoyaltyTopology.CUSTOMER_BALANCE_STORE));

    private LoyaltyHttpServer() {
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static ContextHttpServer start(int port, StreamsRuntime runtime, DeadLetterQueue deadLetters, KeyOwners owners) {
        return ContextHttpServer.start("loyalty", ENABLED, port, runtime, deadLetters, new BalanceQueries(runtime), owners, KEY_ROUTES);
    }
}
