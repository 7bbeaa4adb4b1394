package com.musiccorp.platform.streams.trace;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spans exported with the OpenTelemetry SDK (batched, on the SDK's own thread). The ids are ours,
 * not the SDK's: a step's span id is derived from the event it forwarded (so a redelivery gives the
 * same span) and the parent is the span on the input record, so the SDK is handed them through an
 * {@link IdGenerator} that returns the span being recorded.
 */
public final class OtlpSpans implements Spans, AutoCloseable {

    private static final ThreadLocal<TraceContext> RECORDING = new ThreadLocal<>();

    private final SdkTracerProvider provider;
    private final Tracer tracer;

    /** Spans batched to {@code exporter} (e.g. an in-memory one, in a test). */
    public OtlpSpans(SpanExporter exporter, String serviceName) {
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.builder().put("service.name", serviceName).build())))
                .setIdGenerator(new RecordedIds())
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        this.tracer = provider.get("com.musiccorp.platform.streams");
    }

    /** OTLP over HTTP (protobuf) to {@code endpoint}, the base URL OTEL_EXPORTER_OTLP_ENDPOINT gives. */
    static OtlpSpans toEndpoint(String endpoint, String serviceName) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return new OtlpSpans(OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build(), serviceName);
    }

    @Override
    public boolean exporting() {
        return true;
    }

    @Override
    public void record(TraceContext span, String name, Kind kind, long startEpochNanos, long endEpochNanos,
            Map<String, String> attributes) {
        SpanBuilder builder = tracer.spanBuilder(name)
                .setSpanKind(kind == Kind.SERVER ? SpanKind.SERVER : SpanKind.CONSUMER)
                .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS);
        if (span.parentSpanId() == null) {
            builder.setNoParent();
        } else {
            builder.setParent(Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(span.traceId(),
                    span.parentSpanId(), TraceFlags.fromHex(span.flags(), 0), TraceState.getDefault()))));
        }
        AttributesBuilder attrs = Attributes.builder();
        attributes.forEach(attrs::put);
        builder.setAllAttributes(attrs.build());
        RECORDING.set(span);
        try {
            builder.startSpan().end(endEpochNanos, TimeUnit.NANOSECONDS);
        } finally {
            RECORDING.remove();
        }
    }

    /** Exports what is batched now (tests; a shutdown flushes too). */
    public void flush() {
        provider.forceFlush().join(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    /** The ids of the span being recorded; random ones for anything else the SDK might start. */
    private static final class RecordedIds implements IdGenerator {
        private final IdGenerator random = IdGenerator.random();

        @Override
        public String generateSpanId() {
            TraceContext span = RECORDING.get();
            return span != null ? span.spanId() : random.generateSpanId();
        }

        @Override
        public String generateTraceId() {
            TraceContext span = RECORDING.get();
            return span != null ? span.traceId() : random.generateTraceId();
        }
    }
}
