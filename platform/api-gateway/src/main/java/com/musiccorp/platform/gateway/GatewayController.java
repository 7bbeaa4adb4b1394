package com.musiccorp.platform.gateway;

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

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's own endpoints: {@code GET /} lists the routes, {@code GET /health/ready} is ready
 * only while every routed service says it is, any path no service owns is a JSON 404, and a body
 * over the services' limit is a JSON 413.
 */
@Controller
@Requires(property = ApiGatewayServer.ENABLED, value = "true")
final class GatewayController {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Routes routes;

    GatewayController(Routes routes) {
        this.routes = routes;
    }

    @Get
    GatewayBodies.Index index() {
        return new GatewayBodies.Index("MusicCorp Streams: every view and command under one base URL",
                routes.all().stream().map(r -> new GatewayBodies.RouteView(r.prefix(), r.service(), r.target().toString()))
                        .toList());
    }

    @Get("/health/ready")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<GatewayBodies.Readiness> ready() {
        Map<String, Route> oneRoutePerService = new LinkedHashMap<>();
        routes.all().forEach(r -> oneRoutePerService.putIfAbsent(r.service(), r));
        List<CompletableFuture<GatewayBodies.ServiceReadiness>> probes = oneRoutePerService.values().stream()
                .map(GatewayController::probe).toList();
        List<GatewayBodies.ServiceReadiness> services = probes.stream().map(CompletableFuture::join).toList();
        boolean ready = services.stream().allMatch(s -> s.status() == 200);
        GatewayBodies.Readiness body = new GatewayBodies.Readiness(ready ? "READY" : "NOT_READY", services);
        return ready ? HttpResponse.ok(body)
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

    private static CompletableFuture<GatewayBodies.ServiceReadiness> probe(Route route) {
        URI health = route.target().resolve("/health/ready");
        return PROBE.sendAsync(java.net.http.HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(3)).GET().build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> new GatewayBodies.ServiceReadiness(route.service(), route.target().toString(), r.statusCode(), null))
                .exceptionally(e -> new GatewayBodies.ServiceReadiness(route.service(), route.target().toString(), 0,
                        "not reachable: " + e.getCause()));
    }
}
