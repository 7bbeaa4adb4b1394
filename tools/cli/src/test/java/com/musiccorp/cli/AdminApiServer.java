package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server on 127.0.0.1 that plays the admin API of platform/http's RebuildController with
 * scripted answers: each "METHOD path" answers its queue in order, repeating the last one, and every
 * request is recorded. Unscripted paths answer 404 as the gateway does. The CLI cannot start the
 * services, but it does talk real HTTP to this.
 */
final class AdminApiServer implements AutoCloseable {
    record Answer(int status, String body) {
    }

    record Request(String method, String path, String body, String authorization) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> script = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    AdminApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts the answers of "METHOD /path?query", in order; the last one repeats. */
    synchronized AdminApiServer on(String method, String pathAndQuery, Answer... answers) {
        script.computeIfAbsent(method + " " + pathAndQuery, k -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    static Answer json(int status, JsonNode body) {
        return new Answer(status, Json.compact(body));
    }

    static Answer problem(int status, String message, String field) {
        ObjectNode body = Json.object().put("message", message);
        if (field != null) body.put("field", field);
        return json(status, body);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String key = exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query), body,
                exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = next(key);
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private synchronized Answer next(String key) {
        Deque<Answer> answers = script.get(key);
        if (answers == null || answers.isEmpty()) {
            return new Answer(404, "{\"message\":\"no service serves " + key.substring(key.indexOf(' ') + 1)
                    + "; see GET / for the routes\"}");
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
