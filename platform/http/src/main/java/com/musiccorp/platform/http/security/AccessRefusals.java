package com.musiccorp.platform.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Micronaut's rules refused a request: 401 when no valid token came with it, 403 when the token's
 * roles do not admit the path, each with a JSON {@link Refusal} saying which (Micronaut's default
 * body names neither the token nor the roles).
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Requires(property = ApiSecurity.ENABLED, value = "true")
final class AccessRefusals implements io.micronaut.http.server.exceptions.ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return Refusal.forbidden("the token's roles " + Caller.of(exception.getAuthentication()).roles()
                    + " do not allow " + request.getMethodName() + " " + request.getPath());
        }
        boolean sentOne = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class)
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
        return Refusal.unauthorized(sentOne
                ? "the bearer token is not valid here (signature, issuer or expiry)"
                : "a bearer token is required (Authorization: Bearer <token>; see credentials.env)");
    }
}
