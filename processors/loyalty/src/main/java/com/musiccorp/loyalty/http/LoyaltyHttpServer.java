package com.musiccorp.loyalty.http;

import com.musiccorp.loyalty.stream.BalanceQueries;
import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.loyalty.stream.LoyaltyTopology;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * Loyalty's HTTP surface on Micronaut ({@code GET /loyalty/{customerId}}, {@code GET /health/ready}),
 * started programmatically around the Streams runtime. Its beans load only in a context started
 * here ({@link #ENABLED}), so the registry on a test classpath does not get them.
 */
public final class LoyaltyHttpServer implements ContextService.Http {

    static final String ENABLED = "musiccorp.loyalty.http.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private LoyaltyHttpServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    /** {@code GET /loyalty/{customerId}} reads one key: any instance sends it to the instance owning it. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(KeyRoutes.key("/loyalty/{key}", LoyaltyTopology.CUSTOMER_BALANCE_STORE));

    public static LoyaltyHttpServer start(int port, StreamsRuntime runtime, KeyOwners owners) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", "loyalty",
                        "micronaut.server.port", port == 0 ? -1 : port,
                        ENABLED, true))
                .singletons(runtime, new BalanceQueries(runtime), owners, KEY_ROUTES)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new LoyaltyHttpServer(context, http);
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
