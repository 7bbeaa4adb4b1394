package com.musiccorp.platform.http.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tokens signed with the tests' secret (the build sets {@code MUSICCORP_JWT_SECRET} for every test JVM). */
public final class TestTokens {

    private TestTokens() {
    }

    public static String admin() {
        return mint("admin", List.of(Roles.ADMIN), null);
    }

    public static String operator() {
        return mint("operator", List.of(Roles.OPERATOR), null);
    }

    public static String customer(String customerId) {
        return mint(customerId, List.of(Roles.CUSTOMER), customerId);
    }

    public static String mint(String subject, List<String> roles, String customerId) {
        return BearerTokens.mint(ApiSecurity.secretFromEnvironment(), subject, roles, customerId, Instant.now(),
                Duration.ofHours(1));
    }

    /** A request to {@code uri} as an admin, who may call every endpoint: what tests not about roles send. */
    public static HttpRequest.Builder adminRequest(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", bearer(admin()));
    }

    /** {@code "Bearer <token>"}, for an {@code Authorization} header. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
