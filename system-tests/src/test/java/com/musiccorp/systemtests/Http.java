package com.musiccorp.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A user's HTTP calls with JSON bodies, as curl would make them: with the running system's admin
 * token unless a call names its own ({@link #as}); a test about roles passes the token it means.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status, parsed body (missing if not JSON) and headers. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** One system per test JVM ({@link RunningSystem}): set once it has started. */
    private static volatile String adminToken;

    private Http() {
    }

    static void callAs(String token) {
        adminToken = token;
    }

    /** The same calls with {@code token} (null: anonymous) instead of the admin's. */
    static Caller as(String token) {
        return new Caller(token);
    }

    record Caller(String token) {
        Answer get(String url) {
            return Http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET(), token);
        }

        Answer post(String url, Object body, String idempotencyKey) {
            return Http.send(postRequest(url, body, idempotencyKey), token);
        }

        Answer send(String method, String url) {
            return Http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.noBody()), token);
        }
    }

    static Answer get(String url) {
        return as(adminToken).get(url);
    }

    static Answer post(String url, Object body, String idempotencyKey) {
        return as(adminToken).post(url, body, idempotencyKey);
    }

    private static HttpRequest.Builder postRequest(String url, Object body, String idempotencyKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
            return request;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A request without a body, e.g. DELETE. */
    static Answer send(String method, String url) {
        return as(adminToken).send(method, url);
    }

    /** The admin's {@code Authorization} value, for a test that writes its request by hand. */
    static String adminAuthorization() {
        return "Bearer " + adminToken;
    }

    private static Answer send(HttpRequest.Builder request, String token) {
        if (token != null) request.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (java.io.IOException notJson) {
                body = MissingNode.getInstance();
            }
            return new Answer(response.statusCode(), body, response);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.build().uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
