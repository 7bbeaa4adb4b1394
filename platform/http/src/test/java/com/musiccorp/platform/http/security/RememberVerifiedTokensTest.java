package com.musiccorp.platform.http.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The token check every server runs with {@link ApiSecurity}'s properties: Micronaut's, remembering what it accepted. */
class RememberVerifiedTokensTest {
    private static ApplicationContext context;
    private static AuthenticationFetcher<HttpRequest<?>> fetcher;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        context = ApplicationContext.builder().banner(false).deduceEnvironment(false)
                .properties(ApiSecurity.withSecurityProperties(Map.of(), ApiSecurity.secretFromEnvironment()))
                .start();
        List<AuthenticationFetcher> fetchers = List.copyOf(context.getBeansOfType(AuthenticationFetcher.class));
        assertThat(fetchers).as("Micronaut's token fetcher is replaced").singleElement().isInstanceOf(RememberVerifiedTokens.class);
        fetcher = fetchers.getFirst();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static List<Authentication> fetch(String token) {
        return Flux.from(fetcher.fetchAuthentication(HttpRequest.GET("/sagas/x").bearerAuth(token))).collectList().block();
    }

    @Test
    void anAcceptedTokenNamesTheSameCallerAgainWithoutBeingVerifiedAnew() {
        String operator = TestTokens.operator();

        Authentication first = fetch(operator).getFirst();
        assertThat(first.getRoles()).containsExactly(Roles.OPERATOR);
        assertThat(fetch(operator)).as("remembered: the caller the first check made").singleElement().isSameAs(first);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndAnotherSignatureOverTheSameClaimsToo() {
        Instant issued = Instant.now();
        String genuine = BearerTokens.mint(ApiSecurity.secretFromEnvironment(), "admin", List.of(Roles.ADMIN), null, issued,
                Duration.ofMinutes(5));
        String forged = BearerTokens.mint("f".repeat(64), "admin", List.of(Roles.ADMIN), null, issued, Duration.ofMinutes(5));
        String expired = BearerTokens.mint(ApiSecurity.secretFromEnvironment(), "admin", List.of(Roles.ADMIN), null,
                issued.minus(Duration.ofDays(2)), Duration.ofDays(1));

        assertThat(fetch(genuine)).hasSize(1);
        for (int i = 0; i < 2; i++) {
            assertThat(fetch(forged)).isEmpty();
            assertThat(fetch(expired)).isEmpty();
        }
    }
}
