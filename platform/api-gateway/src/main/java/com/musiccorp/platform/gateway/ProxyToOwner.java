package com.musiccorp.platform.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.Optional;

/**
 * Sends a request for a routed path to the service that owns it, unchanged (method, path, query,
 * headers, body), and streams its answer back unchanged, status and body included: the owner's own
 * JSON errors, 404s and 503s with {@code Retry-After} reach the client as the owner wrote them.
 * Only when the owner cannot be reached does the gateway answer itself: 502, or 504 on a timeout.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(property = ApiGatewayServer.ENABLED, value = "true")
final class ProxyToOwner implements HttpServerFilter {

    private final Routes routes;
    private final ProxyHttpClient client;

    ProxyToOwner(Routes routes, ProxyHttpClient client) {
        this.routes = routes;
        this.client = client;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<Route> route = routes.find(request.getPath());
        if (route.isEmpty()) {
            return chain.proceed(request); // the gateway's own endpoints, or its JSON 404
        }
        Route owner = route.get();
        HttpRequest<?> forwarded = request.mutate().uri(b -> b
                .scheme(owner.target().getScheme())
                .host(owner.target().getHost())
                .port(owner.target().getPort()));
        return Flux.from(client.proxy(forwarded)).onErrorResume(e -> Flux.just(unreachable(owner, e)));
    }

    private static MutableHttpResponse<?> unreachable(Route owner, Throwable e) {
        HttpStatus status = e instanceof ReadTimeoutException ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        return HttpResponse.status(status).header("Retry-After", "1").body(new GatewayBodies.Problem(
                owner.service() + " (" + owner.target() + "), which serves " + owner.prefix()
                        + ", did not answer: " + e.getMessage()));
    }
}
