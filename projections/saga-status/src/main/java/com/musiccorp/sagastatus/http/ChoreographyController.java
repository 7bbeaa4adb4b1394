package com.musiccorp.sagastatus.http;

import com.musiccorp.sagastatus.stream.LocalStores;
import com.musiccorp.sagastatus.stream.SagaQueries;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /choreography}: the saga's process as observed, each "event X caused event Y"
 * transition with how often it happened and its latency percentiles (event time).
 */
@Controller("/choreography")
@Requires(property = SagaStatusHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ChoreographyController {

    private final SagaQueries queries;

    ChoreographyController(SagaQueries queries) {
        this.queries = queries;
    }

    @Get
    HttpBodies.Choreography transitions() {
        return new HttpBodies.Choreography(queries.choreography().stream().map(HttpBodies.TransitionBody::of).toList());
    }

    @Error(exception = LocalStores.StoreNotReady.class)
    MutableHttpResponse<HttpBodies.Problem> notReady(HttpRequest<?> request, LocalStores.StoreNotReady e) {
        return SagasController.unavailable(e.getMessage());
    }
}
