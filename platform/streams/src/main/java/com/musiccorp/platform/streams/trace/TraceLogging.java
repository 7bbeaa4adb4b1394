package com.musiccorp.platform.streams.trace;

import org.slf4j.MDC;

/**
 * What every log line written while a record or a request is handled carries, through the logging
 * MDC: the saga's correlation id, the trace id and the span id, so one order's path can be followed
 * in the logs of every context (the logback patterns print {@code %X{correlationId}},
 * {@code %X{traceId}} and {@code %X{spanId}}).
 */
public final class TraceLogging {

    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private TraceLogging() {
    }

    /** Sets the MDC for the work at hand; either argument may be null (then its keys are removed). */
    public static void enter(String correlationId, TraceContext trace) {
        put(CORRELATION_ID, correlationId);
        put(TRACE_ID, trace == null ? null : trace.traceId());
        put(SPAN_ID, trace == null ? null : trace.spanId());
    }

    /** Clears what {@link #enter} set. */
    public static void leave() {
        MDC.remove(CORRELATION_ID);
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
