package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.streams.rebuild.StateRebuilds;
import com.musiccorp.sagastatus.domain.Saga;

import com.musiccorp.platform.http.ContextHttpServer;
import com.musiccorp.platform.http.deadletters.DeadLetterQueue;
import com.musiccorp.platform.http.KeyRoutes;
import com.musiccorp.platform.streams.KeyOwners;
import com.musiccorp.platform.streams.StreamsRuntime;
import com.musiccorp.sagastatus.stream.SagaQueries;
import com.musiccorp.sagastatus.stream.SagaStatusTopology;
import com.musiccorp.sagastatus.stream.SagaUpdates;

/**
 * The saga-status HTTP API on Micronaut, started programmatically around objects the service built
 * (the Streams runtime, the queries, the update signals), so Micronaut wires only HTTP. Its beans
 * load only in a context started here ({@link #ENABLED}).
 */
public final class SagaStatusHttpServer {

    static final String ENABLED = "musiccorp.saga-status.http.enabled";

    /** What each key query reads, so any instance sends it to the instance owning the key. */
    static final KeyRoutes KEY_ROUTES = KeyRoutes.of(
            KeyRoutes.here("/sagas/counts"),
            KeyRoutes.key("/sagas/by-order/{key}", SagaStatusTopology.SAGAS_STORE),
            KeyRoutes.key("/sagas/by-order/{key}/stream", SagaStatusTopology.SAGAS_STORE),
            // A correlation id's index entry is beside its saga, in the order's partition: the instance
            // a request reaches looks in its own partitions, then asks the others (SagasController).
            KeyRoutes.here("/sagas/{key}"),
            KeyRoutes.here("/sagas/{key}/stream"));

    private SagaStatusHttpServer() {
    }

    /** Serves on {@code port} (0 = a free port) on every interface. */
    public static ContextHttpServer start(int port, StreamsRuntime runtime, DeadLetterQueue deadLetters, SagaQueries queries, SagaUpdates updates,
                                             KeyOwners owners, StateRebuilds rebuilds) {
        return ContextHttpServer.start("saga-status", ENABLED, port, runtime, deadLetters, queries, updates, owners, KEY_ROUTES,
                rebuilds, RenderedSagas.of(runtime, updates));
    }

    /** A saga as {@code GET /sagas/{id}} shows it. */
    public static Object view(Saga saga) {
        return HttpBodies.SagaBody.of(saga);
    }
}
