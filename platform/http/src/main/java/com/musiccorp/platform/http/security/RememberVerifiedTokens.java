package com.musiccorp.platform.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

/**
 * Micronaut's token check, remembering what it verified ({@link VerifiedTokens}). A client sends
 * the same bearer token with every request, and verifying it each time (parse the JWT, its HMAC,
 * its claims as JSON, through a chain of reactive validators) was a fifth of the CPU of the app's
 * process under {@code GET /sagas/{id}} through the api (JFR; the api and saga-status each check
 * the token). A token is remembered only once Micronaut's own validators accepted it, and only
 * until its {@code exp}; what it is refused for is checked again on every request. Micronaut's
 * {@code TokenValidatedEvent} is published when a token is verified, not again when it is
 * remembered (nothing here listens to it).
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
@Requires(property = ApiSecurity.ENABLED, value = "true")
final class RememberVerifiedTokens extends TokenAuthenticationFetcher {

    private final TokenResolver<HttpRequest<?>> tokenResolver;
    private final VerifiedTokens verified = new VerifiedTokens();

    RememberVerifiedTokens(List<TokenValidator<HttpRequest<?>>> tokenValidators, TokenResolver<HttpRequest<?>> tokenResolver,
                           ApplicationEventPublisher<TokenValidatedEvent> validatedEvents, HttpHostResolver hosts,
                           HttpLocaleResolver locales) {
        super(tokenValidators, tokenResolver, validatedEvents, hosts, locales);
        this.tokenResolver = tokenResolver;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        List<String> tokens = tokenResolver.resolveTokens(request);
        if (tokens.size() == 1) {
            Authentication caller = verified.caller(tokens.getFirst(), Instant.now());
            if (caller != null) {
                request.setAttribute(SecurityFilter.TOKEN, tokens.getFirst());
                return Mono.just(caller);
            }
        }
        return Flux.from(super.fetchAuthentication(request))
                .doOnNext(caller -> request.getAttribute(SecurityFilter.TOKEN, String.class)
                        .ifPresent(token -> verified.verified(token, caller, Instant.now())));
    }
}
