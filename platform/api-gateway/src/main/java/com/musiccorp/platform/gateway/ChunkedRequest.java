package com.musiccorp.platform.gateway;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.ServerHttpRequest;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * A request whose body comes chunked, without a {@code Content-Length}: the gateway reads it whole
 * (at most {@link RequestBodyLimit#MAX_BYTES}; the server fails the read past that) before the owner
 * sees a byte, then forwards the same bytes with their length. Streamed instead, a body found too
 * large half-way would leave the owner holding half a request on an open connection.
 */
final class ChunkedRequest {

    /** Framing and hop-by-hop headers: they describe the client's connection, not the request. */
    private static final Set<String> NOT_FORWARDED = Set.of("transfer-encoding", "content-length", "host",
            "connection", "keep-alive", "te", "trailer", "upgrade", "expect", "proxy-connection");

    private ChunkedRequest() {
    }

    static boolean is(HttpRequest<?> request) {
        return request instanceof ServerHttpRequest<?> && request.getContentLength() < 0
                && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The request for {@code to} with its body read whole; fails when the body is over the limit. */
    static Mono<MutableHttpRequest<byte[]>> buffered(HttpRequest<?> request, URI to) {
        return Mono.fromFuture(((ServerHttpRequest<?>) request).byteBody().buffer())
                .map(body -> copy(request, to, body.toByteArray()));
    }

    private static MutableHttpRequest<byte[]> copy(HttpRequest<?> request, URI to, byte[] body) {
        MutableHttpRequest<byte[]> copy = HttpRequest.create(request.getMethod(), to.toString(), request.getMethodName());
        request.getHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> copy.header(name, value));
            }
        });
        return copy.body(body);
    }
}
