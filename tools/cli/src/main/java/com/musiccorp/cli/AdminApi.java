package com.musiccorp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One context's admin API ({@code /admin/<context>/...}, platform/http's RebuildController) under the
 * one base URL. Every answer is JSON; anything but 2xx becomes a {@link CliException} carrying the
 * answer's {@code message} (and {@code field}), because that text is what tells the user what to do.
 *
 * <p>The JSON is read as a tree, not as platform/streams' records: the CLI shows what the server
 * sent, including fields a newer server adds.
 */
final class AdminApi {
    // The context becomes a path segment: refuse anything that would change the path instead of naming it.
    private static final Pattern CONTEXT = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Optional<String> token;

    AdminApi(Options.Api api, String context) {
        this(api.url, context, api.token());
    }

    AdminApi(String apiUrl, String context, Optional<String> token) {
        this.token = token;
        if (!CONTEXT.matcher(context).matches()) {
            throw CliException.invalid("not a context name: '" + context + "' (lower-case letters, digits and '-', "
                    + "e.g. saga-status)");
        }
        this.base = (apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl) + "/admin/" + context;
    }

    /** POST .../rebuild: starts a rebuild (of everything, or of the events up to {@code asOf}). */
    JsonNode startRebuild(Optional<Instant> asOf) {
        ObjectNode body = Json.object();
        asOf.ifPresent(t -> body.put("asOf", t.toString()));
        return send("POST", "/rebuild", HttpRequest.BodyPublishers.ofString(Json.compact(body)));
    }

    /** GET .../rebuild: where the context's latest rebuild stands. */
    JsonNode rebuildStatus() {
        return send("GET", "/rebuild", HttpRequest.BodyPublishers.noBody());
    }

    /** DELETE .../rebuild: discards the latest rebuild; answers its final status. */
    JsonNode discardRebuild() {
        return send("DELETE", "/rebuild", HttpRequest.BodyPublishers.noBody());
    }

    /** GET .../rebuild/view/<key>: one key as the caught-up rebuild knows it. */
    JsonNode viewInRebuild(String key) {
        // URLEncoder is for forms: '+' would be read as a literal plus in a path, so spaces become %20.
        String segment = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
        return send("GET", "/rebuild/view/" + segment, HttpRequest.BodyPublishers.noBody());
    }

    /** GET .../digest: the serving state's digest, or the caught-up rebuild's. */
    JsonNode digest(boolean ofRebuild) {
        return send("GET", ofRebuild ? "/digest?of=rebuild" : "/digest", HttpRequest.BodyPublishers.noBody());
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw CliException.invalid("not a valid URL: " + base + path + " (" + e.getMessage() + ")");
        }
        HttpResponse<String> answer;
        try {
            answer = http.send(ApiToken.authorize(HttpRequest.newBuilder(uri), token).timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json").header("Content-Type", "application/json")
                    .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw CliException.failed("no answer from " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
        JsonNode json = parse(answer.body());
        if (answer.statusCode() / 100 == 2 && json != null) return json;
        throw CliException.failed(method + " " + uri + " answered " + answer.statusCode() + ": " + problem(answer, json));
    }

    /** The server's explanation: RebuildController and the gateway both answer {message[, field]}. */
    private static String problem(HttpResponse<String> answer, JsonNode json) {
        if (json != null && json.path("message").isTextual()) {
            String field = json.path("field").isTextual() ? " (field " + json.path("field").asText() + ")" : "";
            return json.path("message").asText() + field;
        }
        String body = answer.body() == null ? "" : answer.body().strip();
        if (answer.statusCode() / 100 == 2) return "not JSON: " + shorten(body);
        return body.isEmpty() ? "no explanation given" : shorten(body);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 297) + "..." : text;
    }
}
