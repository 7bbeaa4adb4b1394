package com.musiccorp.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * JSON over HTTP/1.1 on loopback, as a client of the one base URL would call it: with the bearer
 * token of the system under faults ({@link #callAs}), an admin's, so every endpoint answers.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: status (0 when no answer came) and body (missing if not JSON). */
    record Answer(int status, JsonNode body, String raw) {
        static Answer none(Throwable error) {
            return new Answer(0, MissingNode.getInstance(), String.valueOf(error));
        }
    }

    /** One system per run: set once it has started, read by every call. */
    private static volatile String authorization;

    private Http() {
    }

    static void callAs(String token) {
        authorization = "Bearer " + token;
    }

    static Answer get(String url) {
        return await(send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET()));
    }

    static Answer post(String url, String jsonBody, String idempotencyKey) {
        return await(postAsync(url, jsonBody, idempotencyKey, Duration.ofSeconds(30)));
    }

    static CompletableFuture<Answer> postAsync(String url, String jsonBody, String idempotencyKey, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (idempotencyKey != null) request.header("Idempotency-Key", idempotencyKey);
        return send(request);
    }

    /** A request without a body, e.g. DELETE. */
    static Answer send(String method, String url) {
        return await(send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static CompletableFuture<Answer> send(HttpRequest.Builder request) {
        String token = authorization;
        if (token != null) request.header("Authorization", token);
        return CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), parse(r.body()), r.body()))
                .exceptionally(Answer::none);
    }

    private static Answer await(CompletableFuture<Answer> answer) {
        return answer.join();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
