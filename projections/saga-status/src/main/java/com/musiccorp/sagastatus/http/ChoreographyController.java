package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.http.security.Roles;
import io.micronaut.security.annotation.Secured;
import com.musiccorp.sagastatus.stream.LocalStores;
import com.musiccorp.sagastatus.stream.SagaQueries;
import com.musiccorp.sagastatus.domain.TransitionStats;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * {@code GET /choreography}: the saga's process as observed, each "event X caused event Y"
 * transition with how often it happened and its latency percentiles (event time), over every
 * instance's partitions.
 */
@Controller("/choreography")
@Requires(property = SagaStatusHttpServer.ENABLED, value = "true")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.OPERATOR, Roles.ADMIN})
final class ChoreographyController {

    private final SagaQueries queries;
    private final ScatterGather instances;

    ChoreographyController(SagaQueries queries, ScatterGather instances) {
        this.queries = queries;
        this.instances = instances;
    }

    /** Every instance's statistics merged; with {@code scope=local}, this instance's own, raw. */
    @Get("{?scope}")
    Object transitions(HttpRequest<?> request, @Nullable String scope) {
        if (QueryParameters.local(scope)) {
            return HttpBodies.LocalTransitions.of(queries.choreographyLocal());
        }
        List<HttpBodies.LocalTransitions> parts = instances.gather(request, HttpBodies.LocalTransitions.class,
                () -> HttpBodies.LocalTransitions.of(queries.choreographyLocal()));
        List<TransitionStats> merged = SagaQueries.combine(parts.stream().map(HttpBodies.LocalTransitions::stats).toList());
        return new HttpBodies.Choreography(merged.stream().map(HttpBodies.TransitionBody::of).toList());
    }

    @Error(exception = LocalStores.StoreNotReady.class)
    MutableHttpResponse<HttpBodies.Problem> notReady(HttpRequest<?> request, LocalStores.StoreNotReady e) {
        return SagasController.unavailable(e.getMessage());
    }

    @Error(exception = BadParameter.class)
    MutableHttpResponse<HttpBodies.Problem> refused(HttpRequest<?> request, BadParameter e) {
        return HttpResponse.badRequest(e.problem());
    }
}
