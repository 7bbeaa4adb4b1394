package com.musiccorp.platform.streams.trace;

import java.util.Map;

/**
 * Where finished spans go: nowhere (the default: no span object is made, no thread started), or an
 * OTLP endpoint when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set ({@link OtlpSpans}). One per process,
 * shared by every context in it; callers ask {@link #exporting()} before building a span's name and
 * attributes, so tracing off costs only the header strings.
 */
public interface Spans {

    /** Exports nothing. */
    Spans OFF = new Spans() {
        @Override
        public boolean exporting() {
            return false;
        }

        @Override
        public void record(TraceContext span, String name, Kind kind, long startEpochNanos, long endEpochNanos,
                Map<String, String> attributes) {
        }
    };

    /** What a span stands for, as OpenTelemetry's span kinds. */
    enum Kind {
        /** An HTTP request served. */
        SERVER,
        /** A step decided on a record (or an answer) and forwarded its output. */
        CONSUMER
    }

    boolean exporting();

    /** Records a finished span with the ids {@code span} gives (its own, its parent's, its trace's). */
    void record(TraceContext span, String name, Kind kind, long startEpochNanos, long endEpochNanos,
            Map<String, String> attributes);

    /** This process's spans: read from the environment once, unless a test installed others. */
    static Spans process() {
        return ProcessSpans.current();
    }

    /** For tests: {@code spans} are this process's until the returned handle is closed. */
    static AutoCloseable install(Spans spans) {
        return ProcessSpans.install(spans);
    }
}
