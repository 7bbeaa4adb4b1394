package com.musiccorp.platform.gateway;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for a service: it answers 200 to anything and records what reached
 * it; its {@code /health/ready} answers what {@link #readiness} last set (200 READY at first).
 */
final class RecordingOwner implements AutoCloseable {

    /** One request as the owner received it: path and query still %-encoded. */
    record Received(String method, String rawPath, String rawQuery, int bodyBytes, String idempotencyKey,
                    String authorization, String traceparent, String tracestate) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int readyStatus;
    private volatile String readyBody;

    RecordingOwner() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), body.length,
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("traceparent"),
                    exchange.getRequestHeaders().getFirst("tracestate")));
            boolean health = exchange.getRequestURI().getRawPath().equals("/health/ready");
            byte[] answer = (health ? readyBody : "{\"owner\":\"answered\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(health ? readyStatus : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        forget();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    /** What {@code /health/ready} answers from now on (until {@link #forget}). */
    void readiness(int status, String body) {
        readyStatus = status;
        readyBody = body;
    }

    long probes() {
        return received.stream().filter(r -> r.rawPath().equals("/health/ready")).count();
    }

    void forget() {
        received.clear();
        readiness(200, "{\"status\":\"READY\"}");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
