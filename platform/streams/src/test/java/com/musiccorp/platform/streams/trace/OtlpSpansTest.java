package com.musiccorp.platform.streams.trace;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Export over OTLP/HTTP (protobuf) to a receiver in this process, and nothing without an endpoint. */
class OtlpSpansTest {

    record Received(String path, String contentType, byte[] body) {
    }

    @Test
    void aSpanIsExportedToTheConfiguredEndpointWithItsIds() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Spans spans = ProcessSpans.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:" + receiver.getAddress().getPort()));
            assertThat(spans.exporting()).isTrue();
            TraceContext parent = TraceContext.newTrace();
            TraceContext span = parent.child();
            long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            spans.record(span, "musiccorp-payments StockReserved -> PaymentTaken", Spans.Kind.CONSUMER, now, now + 1_000,
                    Map.of("musiccorp.key", "o-1"));
            ((OtlpSpans) spans).close(); // flushes

            assertThat(received).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/v1/traces");
                assertThat(r.contentType()).isEqualTo("application/x-protobuf");
                // OTLP carries ids as raw bytes: the trace's, the span's and its parent's are in the body.
                assertThat(contains(r.body(), HexFormat.of().parseHex(span.traceId()))).isTrue();
                assertThat(contains(r.body(), HexFormat.of().parseHex(span.spanId()))).isTrue();
                assertThat(contains(r.body(), HexFormat.of().parseHex(parent.spanId()))).isTrue();
                assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("StockReserved -> PaymentTaken");
            });
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void withoutAnEndpointNothingIsExported() {
        assertThat(ProcessSpans.fromEnvironment(Map.of())).isSameAs(Spans.OFF);
        assertThat(ProcessSpans.fromEnvironment(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isSameAs(Spans.OFF);
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
