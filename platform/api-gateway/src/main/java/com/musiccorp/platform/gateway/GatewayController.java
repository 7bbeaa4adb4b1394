package com.musiccorp.platform.gateway;

import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The gateway's own endpoints: {@code GET /} lists the routes, {@code GET /health/ready} is ready
 * only while every routed service says it is (503 naming the ones that are not, see
 * {@link OwnersReadiness}), any path no service owns is a JSON 404, and a body over the services'
 * limit is a JSON 413.
 */
@Controller
@Requires(property = ApiGatewayServer.ENABLED, value = "true")
final class GatewayController {

    private final Routes routes;
    private final OwnersReadiness owners;

    GatewayController(Routes routes, OwnersReadiness owners) {
        this.routes = routes;
        this.owners = owners;
    }

    @Get
    @Secured(SecurityRule.IS_AUTHENTICATED)
    GatewayBodies.Index index() {
        return new GatewayBodies.Index("MusicCorp Streams: every view and command under one base URL",
                routes.all().stream().map(r -> new GatewayBodies.RouteView(r.prefix(), r.service(), r.target().toString()))
                        .toList());
    }

    @Get("/health/ready")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<GatewayBodies.Readiness> ready() {
        GatewayBodies.Readiness body = owners.now();
        return body.down().isEmpty() ? HttpResponse.ok(body)
                : HttpResponse.<GatewayBodies.Readiness>status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(body);
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    HttpResponse<GatewayBodies.Problem> notFound(HttpRequest<?> request) {
        return HttpResponse.notFound(new GatewayBodies.Problem("no service serves " + request.getPath()
                + "; GET / lists what this base URL serves"));
    }

    /** A body over the limit sent to one of the gateway's own paths: the same 413 as for a routed one. */
    @Error(exception = ContentLengthExceededException.class, global = true)
    HttpResponse<GatewayBodies.Problem> tooLarge() {
        return RequestBodyLimit.tooLarge();
    }
}
