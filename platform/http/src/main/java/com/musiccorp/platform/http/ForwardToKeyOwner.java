package com.musiccorp.platform.http;

import com.musiccorp.platform.streams.KeyOwners;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.Optional;

/**
 * A query for a key is answered by the instance whose store holds the key's partition: here, or
 * passed on to that instance ({@code application.server}) and its answer returned unchanged. While
 * no instance can say (a rebalance, a partition migrating) the answer is 503 with {@code Retry-After},
 * never a 404 or another instance's empty store. A request is passed on at most once, so two
 * instances with different views of the assignment cannot bounce it between them.
 *
 * <p>Runs after the security filter, so only a caller this instance admits is passed on; the
 * request goes with its headers, the caller's {@code Authorization} included, and the owner checks
 * the caller again (a customer's right to one order is decided where the order is).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(beans = {KeyRoutes.class, KeyOwners.class})
public final class ForwardToKeyOwner implements HttpServerFilter {

    /** Marks a request one instance passed to another. */
    public static final String FORWARDED = "X-MusicCorp-Forwarded-By";
    /** On every answer to a key query: the instance ({@code application.server}) whose store answered. */
    public static final String SERVED_BY = "X-MusicCorp-Served-By";

    private final KeyRoutes routes;
    private final KeyOwners owners;
    private final ProxyHttpClient client;

    ForwardToKeyOwner(KeyRoutes routes, KeyOwners owners, ProxyHttpClient client) {
        this.routes = routes;
        this.owners = owners;
        this.client = client;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<KeyRoutes.StoreKey> target = request.getMethod() == HttpMethod.GET
                ? routes.match(request.getPath()) : Optional.empty();
        if (target.isEmpty()) {
            return chain.proceed(request);
        }
        KeyRoutes.StoreKey storeKey = target.get();
        return switch (owners.ownerOf(storeKey.store(), storeKey.key())) {
            case KeyOwners.Owner.Here here -> owners.self().isEmpty() ? chain.proceed(request)
                    : Flux.from(chain.proceed(request)).map(r -> r.header(SERVED_BY, owners.self().get()));
            case KeyOwners.Owner.Elsewhere owner when request.getHeaders().contains(FORWARDED) ->
                    Flux.just(unavailable("passed here by " + request.getHeaders().get(FORWARDED)
                            + ", but " + owner.host() + ":" + owner.port() + " owns it now; the assignment is changing"));
            case KeyOwners.Owner.Elsewhere owner -> Flux.from(client.proxy(request.mutate()
                            .uri(b -> b.scheme("http").host(owner.host()).port(owner.port()))
                            .header(FORWARDED, owners.self().orElse("?"))))
                    .map(r -> r.getHeaders().contains(SERVED_BY) ? r : r.header(SERVED_BY, owner.host() + ":" + owner.port()))
                    .onErrorResume(e -> Flux.just(unavailable(owner.host() + ":" + owner.port()
                            + ", which owns this key, did not answer: " + e.getMessage())));
            case KeyOwners.Owner.Unknown unknown -> Flux.just(unavailable(unknown.reason()));
        };
    }

    private static MutableHttpResponse<?> unavailable(String why) {
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(new Problem(why));
    }

    @Serdeable
    record Problem(String message) {
    }
}
