package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.sagastatus.stream.SagaStatusTopology;
import com.musiccorp.sagastatus.stream.SagaQueries;
import com.musiccorp.sagastatus.stream.SagaUpdates;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/**
 * The saga-status HTTP API on Micronaut, started programmatically around objects the service built
 * (the Streams runtime, the queries, the update signals), so Micronaut wires only HTTP. Its beans
 * load only in a context started here ({@link #ENABLED}).
 */
public final class SagaStatusHttpServer implements ContextService.Http {

    static final String ENABLED = "musiccorp.saga-status.http.enabled";

    private final ApplicationContext context;
    private final EmbeddedServer http;

    private SagaStatusHttpServer(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    /** What each key query reads, so any instance sends it to the instance owning the key. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(
            KeyRoutes.here("/sagas/counts"),
            KeyRoutes.key("/sagas/by-order/{key}", SagaStatusTopology.ORDER_INDEX_STORE),
            KeyRoutes.key("/sagas/{key}", SagaStatusTopology.SAGAS_STORE),
            KeyRoutes.key("/sagas/{key}/stream", SagaStatusTopology.SAGAS_STORE));

    public static SagaStatusHttpServer start(int port, StreamsRuntime runtime, SagaQueries queries, SagaUpdates updates,
                                             KeyOwners owners) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", "saga-status",
                        "micronaut.server.port", port == 0 ? -1 : port,
                        ENABLED, true))
                .singletons(runtime, queries, updates, owners, KEY_ROUTES)
                .start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class);
            http.start();
            return new SagaStatusHttpServer(context, http);
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
