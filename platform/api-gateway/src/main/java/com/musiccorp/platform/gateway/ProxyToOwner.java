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
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.server.netty.NettyHttpRequest;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.Optional;

/**
 * Sends a request for a routed path to the service that owns it, unchanged (method, raw path and
 * query, headers, body) but for its trace context, the gateway's span ({@link TraceThroughGateway}),
 * and streams its answer back unchanged, status and body included: the
 * owner's own JSON errors, 404s and 503s with {@code Retry-After} reach the client as the owner wrote
 * them. The gateway answers itself only when it must: 400 for a path with dot-segments, 413 for a
 * body over the services' limit, 502 when the owner cannot be reached, or 504 on a timeout.
 * Runs after the security filter: only a caller with a valid token is passed on.
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
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        RequestTarget target;
        try {
            target = RequestTarget.of(rawTarget(request));
        } catch (IllegalArgumentException e) {
            return Flux.just(HttpResponse.badRequest(new GatewayBodies.Problem(e.getMessage())));
        }
        if (RequestBodyLimit.declaredTooLarge(request)) {
            return Flux.just(RequestBodyLimit.tooLarge());
        }
        Optional<Route> route = routes.find(target.rawPath());
        if (route.isEmpty()) {
            return chain.proceed(request); // the gateway's own endpoints, or its JSON 404
        }
        Route owner = route.get();
        URI to = target.on(owner.target());
        Flux<MutableHttpResponse<?>> answer = ChunkedRequest.is(request)
                ? ChunkedRequest.buffered(request, to).map(copy -> TraceThroughGateway.forwarded(request, copy))
                        .flatMapMany(client::proxy)
                : Flux.from(client.proxy(TraceThroughGateway.forwarded(request, request.mutate().uri(to))));
        return answer.onErrorResume(e -> Flux.just(RequestBodyLimit.exceededBy(e)
                ? RequestBodyLimit.tooLarge() : unreachable(owner, e)));
    }

    /** The request-target as it came on the wire; {@code getUri()} would already be a parsed copy. */
    private static String rawTarget(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty ? netty.getNativeRequest().uri() : request.getUri().toString();
    }

    private static MutableHttpResponse<?> unreachable(Route owner, Throwable e) {
        HttpStatus status = e instanceof ReadTimeoutException ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
        return HttpResponse.status(status).header("Retry-After", "1").body(new GatewayBodies.Problem(
                owner.service() + " (" + owner.target() + "), which serves " + owner.prefix()
                        + ", did not answer: " + e.getMessage()));
    }
}
