package com.musiccorp.sagastatus.http;

import com.musiccorp.platform.http.ForwardToKeyOwner;
import com.musiccorp.schemas.ContractLimits;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.util.Optional;

/**
 * Refuses, before anything reads a store or passes the request to another instance
 * ({@link ForwardToKeyOwner} runs after this filter), what no saga-status route can answer: a
 * malformed %-escape or non-UTF-8 bytes in the query string or path, and a path id that breaks the
 * contract's identifier rule ({@link ContractLimits#identifierProblem}: at most 100 characters of
 * letters, digits and {@code . _ : -}). Each is a 400 naming the parameter or id, so a NUL, a
 * stray {@code %ff} or a 10 KB id costs no lookup, no forwarding and no scan.
 */
@Filter({"/sagas/**", "/sagas", "/choreography/**", "/choreography"})
@Requires(property = SagaStatusHttpServer.ENABLED, value = "true")
final class RefuseMalformedRequests implements HttpServerFilter {

    private static final String SAGAS = "/sagas/";
    private static final String BY_ORDER = "/sagas/by-order/";
    private static final String ORDER_IDS = "/sagas/order-ids/";

    /** Before {@link ForwardToKeyOwner} (order 0). */
    @Override
    public int getOrder() {
        return -100;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Optional<BadParameter> refused = queryProblem(request.getUri().getRawQuery())
                .or(() -> pathProblem(request.getUri().getRawPath()));
        if (refused.isPresent()) {
            return Flux.just(HttpResponse.badRequest(refused.get().problem()));
        }
        return chain.proceed(request);
    }

    private static Optional<BadParameter> queryProblem(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return Optional.empty();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            Optional<String> name = PercentDecoding.decode(rawName, true);
            if (name.isEmpty()) {
                return Optional.of(new BadParameter("query", "has a parameter name that is not %-encoded UTF-8"));
            }
            if (eq >= 0 && PercentDecoding.decode(pair.substring(eq + 1), true).isEmpty()) {
                return Optional.of(new BadParameter(QueryParameters.shown(name.get()).replace("'", ""),
                        "is not %-encoded UTF-8 (an escape is % and two hex digits)"));
            }
        }
        return Optional.empty();
    }

    /**
     * The id of {@code /sagas/{correlationId}[/stream]}, {@code /sagas/order-ids/{correlationId}} or
     * {@code /sagas/by-order/{orderId}}, if malformed.
     */
    private static Optional<BadParameter> pathProblem(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(SAGAS)) return Optional.empty();
        String name;
        String rawId;
        if (rawPath.startsWith(BY_ORDER)) {
            name = "orderId";
            rawId = rawPath.substring(BY_ORDER.length());
        } else if (rawPath.startsWith(ORDER_IDS)) {
            name = "correlationId";
            rawId = rawPath.substring(ORDER_IDS.length());
        } else {
            name = "correlationId";
            String rest = rawPath.substring(SAGAS.length());
            rawId = rest.endsWith("/stream") ? rest.substring(0, rest.length() - "/stream".length()) : rest;
            if (rawId.equals("counts")) return Optional.empty();
        }
        if (rawId.isEmpty() || rawId.contains("/")) return Optional.empty(); // not a route of this service: 404
        Optional<String> id = PercentDecoding.decode(rawId, false);
        String problem = id.isEmpty() ? "is not %-encoded UTF-8" : ContractLimits.identifierProblem(id.get());
        return problem == null ? Optional.empty() : Optional.of(new BadParameter(name, problem));
    }
}
