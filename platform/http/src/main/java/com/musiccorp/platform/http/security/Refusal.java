package com.musiccorp.platform.http.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of a 401 or 403: {@code {"error":"unauthorized","message":"a bearer token is required"}}.
 * The same whether Micronaut's rules refused the caller ({@link AccessRefusals}) or a controller did
 * (a customer reading another customer's order).
 */
@Serdeable
public record Refusal(String error, String message) {

    public static MutableHttpResponse<Refusal> unauthorized(String message) {
        return HttpResponse.<Refusal>status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + ApiSecurity.ISSUER + "\"")
                .body(new Refusal("unauthorized", message));
    }

    public static MutableHttpResponse<Refusal> forbidden(String message) {
        return HttpResponse.<Refusal>status(HttpStatus.FORBIDDEN).body(new Refusal("forbidden", message));
    }
}
