package com.musiccorp.platform.http.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** For each context's security test: a call with a given token (or none), and what a refusal must look like. */
public final class CallerChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CallerChecks() {
    }

    /**
     * @param token a bearer token, or null for an anonymous call
     * @param body  a JSON body (sent with {@code POST}), or null for a {@code GET}
     */
    public static HttpResponse<String> call(String url, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) request.header("Authorization", TestTokens.bearer(token));
        if (headers.length > 0) request.headers(headers);
        if (body == null) request.GET();
        else request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 401 with {@code {"error":"unauthorized","message":...}} naming the missing token. */
    public static void assertUnauthorized(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).contains("\"error\":\"unauthorized\"").contains("bearer token");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    /** 403 with {@code {"error":"forbidden","message":...}} containing {@code reason}. */
    public static void assertForbidden(HttpResponse<String> r, String reason) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(r.body()).contains("\"error\":\"forbidden\"").contains(reason);
    }
}
