package com.musiccorp.platform.gateway;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Whether every routed service is ready: each owner's {@code /health/ready}, probed in parallel with
 * a short timeout, and the answer kept for {@link #CACHED_FOR} so that polling the gateway's
 * readiness costs the owners one probe a second, however often it is asked. Concurrent callers
 * share the probe in flight.
 */
@Singleton
@Requires(property = ApiGatewayServer.ENABLED, value = "true")
final class OwnersReadiness {

    static final Duration CACHED_FOR = Duration.ofSeconds(1);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** An owner's not-ready body is quoted, not trusted: a reason longer than this is cut. */
    private static final int MAX_DETAIL_CHARS = 500;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final Map<String, Route> oneRoutePerService = new LinkedHashMap<>();
    private final JsonMapper json;
    /** The latest probe round, in flight or done; null before the first. */
    private CompletableFuture<Probed> latest;

    private record Probed(GatewayBodies.Readiness readiness, long atNanos) {
    }

    OwnersReadiness(Routes routes, JsonMapper json) {
        this.json = json;
        routes.all().forEach(r -> oneRoutePerService.putIfAbsent(r.service(), r));
    }

    /** The readiness of every routed service, at most {@link #CACHED_FOR} old. */
    GatewayBodies.Readiness now() {
        CompletableFuture<Probed> answer;
        synchronized (this) {
            if (latest == null || latest.isDone() && System.nanoTime() - latest.join().atNanos() >= CACHED_FOR.toNanos()) {
                latest = probeAll().thenApply(r -> new Probed(r, System.nanoTime()));
            }
            answer = latest;
        }
        return answer.join().readiness();
    }

    private CompletableFuture<GatewayBodies.Readiness> probeAll() {
        List<CompletableFuture<GatewayBodies.ServiceReadiness>> probes = oneRoutePerService.values().stream()
                .map(this::probe).toList();
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<GatewayBodies.ServiceReadiness> services = probes.stream().map(CompletableFuture::join).toList();
            List<GatewayBodies.ServiceReadiness> notReady = services.stream().filter(s -> s.status() != 200).toList();
            if (notReady.isEmpty()) {
                return new GatewayBodies.Readiness("READY", "every routed service is ready", List.of(), services);
            }
            return new GatewayBodies.Readiness("NOT_READY",
                    "not ready: " + notReady.stream().map(s -> s.service() + " (" + s.detail() + ")")
                            .collect(Collectors.joining(", ")),
                    notReady.stream().map(GatewayBodies.ServiceReadiness::service).toList(), services);
        });
    }

    private CompletableFuture<GatewayBodies.ServiceReadiness> probe(Route route) {
        URI health = route.target().resolve("/health/ready");
        String target = route.target().toString();
        return client.sendAsync(HttpRequest.newBuilder(health).timeout(PROBE_TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(r -> new GatewayBodies.ServiceReadiness(route.service(), target, r.statusCode(),
                        r.statusCode() == 200 ? null : r.statusCode() + " from " + health + ": " + reason(r.body())))
                .exceptionally(e -> new GatewayBodies.ServiceReadiness(route.service(), target, 0,
                        "not reachable at " + target + ": " + describe(e)));
    }

    /** The owner's {@code reason} ({@code ReadinessController}'s body), else its body as it came. */
    private String reason(String body) {
        String reason = body;
        try {
            JsonNode fields = json.readValue(body, JsonNode.class);
            JsonNode r = fields == null ? null : fields.get("reason");
            if (r != null && r.isString()) reason = r.getStringValue();
        } catch (IOException | RuntimeException notJson) {
            // quoted as it came
        }
        reason = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        return reason.length() > MAX_DETAIL_CHARS ? reason.substring(0, MAX_DETAIL_CHARS) + "…" : reason;
    }

    private static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " " + message);
    }
}
