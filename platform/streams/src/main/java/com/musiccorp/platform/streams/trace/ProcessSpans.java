package com.musiccorp.platform.streams.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/** The process's {@link Spans}: OTLP when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set, else {@link Spans#OFF}. */
final class ProcessSpans {

    private static final Logger log = LoggerFactory.getLogger(ProcessSpans.class);
    private static volatile Spans current;

    private ProcessSpans() {
    }

    static Spans current() {
        Spans spans = current;
        if (spans == null) {
            synchronized (ProcessSpans.class) {
                if (current == null) {
                    current = fromEnvironment(System.getenv());
                }
                spans = current;
            }
        }
        return spans;
    }

    static Spans fromEnvironment(Map<String, String> env) {
        String endpoint = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (endpoint == null || endpoint.isBlank()) {
            return Spans.OFF;
        }
        String protocol = env.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        if (!protocol.equals("http/protobuf")) {
            log.warn("OTEL_EXPORTER_OTLP_PROTOCOL={} is not supported; exporting over http/protobuf to {}",
                    protocol, endpoint);
        }
        OtlpSpans spans = OtlpSpans.toEndpoint(endpoint, env.getOrDefault("OTEL_SERVICE_NAME", "musiccorp"));
        Runtime.getRuntime().addShutdownHook(new Thread(spans::close, "otlp-spans-flush"));
        log.info("exporting traces over OTLP/HTTP to {}", endpoint);
        return spans;
    }

    /** For tests: {@code spans} until the returned handle is closed. */
    static AutoCloseable install(Spans spans) {
        Spans before = current;
        current = spans;
        return () -> current = before;
    }
}
