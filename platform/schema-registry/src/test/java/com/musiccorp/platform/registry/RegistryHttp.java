package com.musiccorp.platform.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain java.net.http client for the registry's REST API, as a test would use curl. */
final class RegistryHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String V1 = "application/vnd.schemaregistry.v1+json";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    RegistryHttp(String baseUrl) {
        this(baseUrl, null);
    }

    private RegistryHttp(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The same client sending {@code Authorization: Basic base64(userInfo)} on every request. */
    RegistryHttp withUserInfo(String userInfo) {
        return new RegistryHttp(baseUrl, "Basic " + java.util.Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /** A response: status, raw body, the body as JSON (null when not JSON), its content type and its headers. */
    record Reply(int status, String body, JsonNode json, String contentType, java.net.http.HttpHeaders headers) {
        int errorCode() {
            return json.path("error_code").asInt(-1);
        }

        String message() {
            return json.path("message").asText();
        }

        int id() {
            return json.path("id").asInt(-1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", V1));
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().header("Accept", V1));
    }

    Reply post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(json(body)).header("Content-Type", V1).header("Accept", V1));
    }

    Reply put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(json(body)).header("Content-Type", V1).header("Accept", V1));
    }

    Reply send(HttpRequest.Builder request) {
        if (authorization != null) request.header("Authorization", authorization);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(40)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json;
            try {
                json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = null;
            }
            return new Reply(response.statusCode(), response.body(), json,
                    response.headers().firstValue("Content-Type").orElse(""), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    // ---- shortcuts

    Reply register(String subject, String schema) {
        return post("/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    }

    /** Registers and returns the id, failing the test on any error. */
    int registerOk(String subject, String schema) {
        Reply reply = register(subject, schema);
        if (reply.status() != 200) throw new AssertionError("register " + subject + ": " + reply);
        return reply.id();
    }

    static ObjectNode schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema);
    }

    static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A record schema {@code name} with the given fields, each {@code "name:type"} or {@code "name:type=default"}. */
    static String record(String name, String... fields) {
        ObjectNode schema = JSON.createObjectNode().put("type", "record").put("name", name)
                .put("namespace", "com.musiccorp.test");
        var array = schema.putArray("fields");
        for (String field : fields) {
            String[] nameAndRest = field.split(":", 2);
            String[] typeAndDefault = nameAndRest[1].split("=", 2);
            ObjectNode f = array.addObject().put("name", nameAndRest[0]).put("type", typeAndDefault[0]);
            if (typeAndDefault.length == 2) {
                try {
                    f.set("default", JSON.readTree(typeAndDefault[1]));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return schema.toString();
    }
}
