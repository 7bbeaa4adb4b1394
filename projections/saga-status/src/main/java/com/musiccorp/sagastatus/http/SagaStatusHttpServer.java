package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.streams.ContextService;
import com.musiccorp.platform.streams.StreamsRuntime;
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
    public static SagaStatusHttpServer start(int port, StreamsRuntime runtime, SagaQueries queries, SagaUpdates updates) {
        ApplicationContext context = ApplicationContext.builder()
                .banner(false)
                .deduceEnvironment(false)
                .properties(Map.of(
                        "micronaut.application.name", "saga-status",
                        "micronaut.server.port", port == 0 ? -1 : port,
                        ENABLED, true))
                .singletons(runtime, queries, updates)
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
