package com.musiccorp.platform.http.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Keeps a server that does not use {@link ApiSecurity} as it would be without Micronaut Security on
 * the classpath. A test JVM (or a shared process) also runs the schema registry or the payment
 * gateway simulator in the same JVM as a context, and Micronaut Security, once on the classpath,
 * refuses every request no rule admits in every application context. Ordered last, so any rule
 * that server configures itself still decides first.
 */
@Singleton
@Requires(missingProperty = ApiSecurity.ENABLED)
final class OpenWhereApiSecurityIsOff implements SecurityRule<HttpRequest<?>> {

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        return Mono.just(SecurityRuleResult.ALLOWED);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
