package com.musiccorp.platform.streams.trace;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/** A trace context on a Kafka record: the W3C {@code traceparent} and {@code tracestate} headers. */
public final class TraceHeaders {

    private TraceHeaders() {
    }

    /** The context the record carries, or null when it carries none (or a malformed one). */
    public static TraceContext read(Headers headers) {
        String traceparent = text(headers.lastHeader(TraceContext.TRACEPARENT));
        if (traceparent == null) {
            return null;
        }
        return TraceContext.parse(traceparent, text(headers.lastHeader(TraceContext.TRACESTATE))).orElse(null);
    }

    /** Puts {@code trace} on {@code headers}, replacing any trace context they had. */
    public static Headers write(Headers headers, TraceContext trace) {
        headers.remove(TraceContext.TRACEPARENT);
        headers.remove(TraceContext.TRACESTATE);
        headers.add(TraceContext.TRACEPARENT, trace.traceparent().getBytes(StandardCharsets.UTF_8));
        if (trace.tracestate() != null) {
            headers.add(TraceContext.TRACESTATE, trace.tracestate().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
