package com.musiccorp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop order generator: order i is due at {@code start + i / rate} whatever happened to
 * earlier ones, and every latency is measured from that due time, so a slow answer cannot hold back
 * the next order and hide its own delay (coordinated omission). Requests are sent asynchronously.
 */
final class OpenLoopLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One order sent: when it was due, when it actually went, and what POST /orders answered. */
    static final class Sent {
        final long index;
        final OrderMix.Kind kind;
        final long dueNanos;
        volatile long sentNanos;
        volatile long answeredNanos;
        volatile int status;
        volatile String orderId;
        volatile String correlationId;
        volatile String error;

        Sent(long index, OrderMix.Kind kind, long dueNanos) {
            this.index = index;
            this.kind = kind;
            this.dueNanos = dueNanos;
        }

        boolean accepted() {
            return status == 202 && orderId != null;
        }

        boolean failed() {
            return error != null || (status != 0 && status != 202);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final OrderMix mix;

    OpenLoopLoad(String api, OrderMix mix) {
        this.api = api;
        this.mix = mix;
    }

    /**
     * Sends {@code rate × duration} orders on the fixed schedule, starting with index {@code first},
     * and returns once the last one is sent (answers keep arriving); {@code sent} fills as they go.
     */
    void run(double rate, Duration duration, long first, List<Sent> sent) {
        long count = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        double interval = 1e9 / rate;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + Math.round(i * interval);
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            Sent s = new Sent(first + i, mix.kindOf(first + i), due);
            synchronized (sent) {
                sent.add(s);
            }
            send(s);
        }
    }

    private void send(Sent s) {
        HttpRequest request = ApiCaller.authorized(HttpRequest.newBuilder(URI.create(api + "/orders"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", mix.idempotencyKey(s.index))
                .POST(HttpRequest.BodyPublishers.ofString(mix.body(s.index))).build();
        s.sentNanos = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            s.answeredNanos = System.nanoTime();
            if (error != null) {
                s.error = error.toString();
                return;
            }
            if (response.statusCode() == 202) {
                try {
                    JsonNode body = JSON.readTree(response.body());
                    s.correlationId = body.path("correlationId").asText(null);
                    s.orderId = body.path("orderId").asText(null);
                } catch (Exception e) {
                    s.error = "unreadable answer: " + response.body();
                }
            } else {
                s.error = response.statusCode() + " " + response.body();
            }
            s.status = response.statusCode();
        });
    }

    static List<Sent> snapshot(List<Sent> sent) {
        synchronized (sent) {
            return new ArrayList<>(sent);
        }
    }
}
